from django.db import models
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.oparl.enums import PaperKind, ResultKind


class Level(models.IntegerChoices):
    """Audience levels, widest first (people.privacy: public ⊂ network ⊂ organisers)."""

    PUBLIC = 0, _("public")
    NETWORK = 1, _("network members")
    ORGANISERS = 2, _("organisers")
    NOBODY = 3, _("only listed readers")


class TagKind(models.TextChoices):
    MUNICIPALITY = "m", _("municipality")
    TOPIC = "t", _("topic")
    BODY = "b", _("council")
    PAPER_KIND = "p", _("paper type")
    RESULT = "r", _("result")


class Kind(models.TextChoices):
    """Result types (the type filter and the label on each result)."""

    PRACTICE = "practice", _("Good practice")
    EVENT = "event", _("Stadtgespräch")
    TOPIC = "topic", _("Topic")
    WISH = "wish", _("Topic wish")
    POST = "post", _("Discussion post")
    MUNICIPALITY = "municipality", _("Municipality")
    PERSON = "person", _("Person")
    COUNCIL_PAPER = "council_paper", _("Council paper")
    COUNCIL_AGENDA_ITEM = "council_agenda_item", _("Council agenda item")


# The council facets paper type and result are indexed as numbers (SearchTag.value and the
# tokens `p<n>`, `r<n>`): the position of the normalised value in its enum, from 1. Adding
# a value at the end keeps the stored numbers; reordering needs `reindex --only` of the
# two oparl providers.
PAPER_KIND_CODES = {value: code for code, value in enumerate(PaperKind.values, start=1)}
RESULT_KIND_CODES = {value: code for code, value in enumerate(ResultKind.values, start=1)}


def paper_kind_label(code: int) -> str:
    values = PaperKind.values
    return str(PaperKind(values[code - 1]).label) if 0 < code <= len(values) else ""


def result_kind_label(code: int) -> str:
    values = ResultKind.values
    return str(ResultKind(values[code - 1]).label) if 0 < code <= len(values) else ""
