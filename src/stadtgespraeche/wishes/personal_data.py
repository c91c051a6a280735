"""What the wishes app holds about a person, for export and erasure (core.personal_data).

Erasure: the account row stays anonymised (accounts.services.data_rights), so wishes the
person wrote keep pointing at "a deleted person", like any contribution. Their support and
votes in rounds that are still collecting or voting are removed (they no longer take part);
in decided rounds they stay, anonymous, so the recorded result does not change.
Registered from WishesConfig.ready().
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core import personal_data

from .enums import Phase
from .models import TopicWish, Vote, WishSupport

LABELS = {
    "wishes": _("Topic wishes"),
    "supported": _("Supported wishes"),
    "votes": _("Votes"),
    "round": _("Round"),
    "title": _("Title"),
    "reason": _("Why it matters locally"),
    "municipality": _("Municipality"),
    "status": _("Status"),
    "submitted_at": _("Submitted at"),
    "wish": _("Wish"),
    "since": _("Since"),
    "cast_at": _("Cast at"),
}
OPEN_PHASES = (Phase.COLLECT, Phase.VOTE)


def export_wishes(user: Any) -> dict[str, Any]:
    wishes = TopicWish.objects.filter(author=user).select_related("round", "municipality")
    supports = WishSupport.objects.filter(user=user).select_related("wish")
    votes = Vote.objects.filter(voter=user).select_related("wish", "round")
    return {
        "wishes": [
            {
                "round": str(wish.round),
                "title": wish.title,
                "reason": wish.reason,
                "municipality": str(wish.municipality or ""),
                "status": str(wish.get_status_display()),
                "submitted_at": wish.created_at,
            }
            for wish in wishes
        ],
        "supported": [
            {"wish": support.wish.title, "since": support.created_at} for support in supports
        ],
        "votes": [
            {"round": str(vote.round), "wish": vote.wish.title, "cast_at": vote.created_at}
            for vote in votes
        ],
    }


def erase_wishes(user: Any) -> None:
    WishSupport.objects.filter(user=user, wish__round__phase__in=OPEN_PHASES).delete()
    Vote.objects.filter(voter=user, round__phase__in=OPEN_PHASES).delete()


def register() -> None:
    personal_data.register(
        "wishes",
        title=_("Topic wishes and votes"),
        exporter=export_wishes,
        eraser=erase_wishes,
        order=60,
        labels=LABELS,
    )
