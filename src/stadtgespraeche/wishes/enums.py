from django.db import models
from django.utils.translation import pgettext_lazy


class Phase(models.TextChoices):
    """The phases of a wish round, in order: collect → vote → planned → closed."""

    COLLECT = "collect", pgettext_lazy("wish round phase", "Collecting wishes")
    VOTE = "vote", pgettext_lazy("wish round phase", "Voting")
    PLANNED = "planned", pgettext_lazy("wish round phase", "Planning")
    CLOSED = "closed", pgettext_lazy("wish round phase", "Closed")


# Which phase may follow which (organisers move a round; going back to collect from vote
# is allowed so that a round opened too early can be corrected).
PHASE_TRANSITIONS: dict[str, tuple[str, ...]] = {
    Phase.COLLECT: (Phase.VOTE, Phase.CLOSED),
    Phase.VOTE: (Phase.COLLECT, Phase.PLANNED, Phase.CLOSED),
    Phase.PLANNED: (Phase.CLOSED,),
    Phase.CLOSED: (),
}


class WishStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("wish status", "Open")
    MERGED = "merged", pgettext_lazy("wish status", "Merged")
    PLANNED = "planned", pgettext_lazy("wish status", "Planned")
    DECLINED = "declined", pgettext_lazy("wish status", "Declined")
