from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.IntegerChoices):
    """Audience levels, widest first (people.privacy: public ⊂ network ⊂ organisers)."""

    PUBLIC = 0, _("public")
    NETWORK = 1, _("network members")
    ORGANISERS = 2, _("organisers")
    NOBODY = 3, _("only listed readers")


class TagKind(models.TextChoices):
    MUNICIPALITY = "m", _("municipality")
    TOPIC = "t", _("topic")


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
