from django.db import models
from django.utils.translation import pgettext_lazy


class RoomKind(models.TextChoices):
    """Which online room a series uses (docs/rooms.md)."""

    BBB = "bbb", pgettext_lazy("room provider", "BigBlueButton")
    LINK = "link", pgettext_lazy("room provider", "plain link (e.g. Jitsi)")
    NONE = "none", pgettext_lazy("room provider", "no online room")
