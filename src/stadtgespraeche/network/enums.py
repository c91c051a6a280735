from django.db import models
from django.utils.translation import pgettext_lazy


class MembershipStatus(models.TextChoices):
    INTERESTED = "interested", pgettext_lazy("membership status", "interested")
    APPLIED = "applied", pgettext_lazy("membership status", "applied")
    MEMBER = "member", pgettext_lazy("membership status", "member")
    PAUSED = "paused", pgettext_lazy("membership status", "paused")
    LEFT = "left", pgettext_lazy("membership status", "left")


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("application status", "pending")
    ACCEPTED = "accepted", pgettext_lazy("application status", "accepted")
    DECLINED = "declined", pgettext_lazy("application status", "declined")


class RoomKind(models.TextChoices):
    """Which online room a series uses (docs/rooms.md)."""

    BBB = "bbb", pgettext_lazy("room provider", "BigBlueButton")
    LINK = "link", pgettext_lazy("room provider", "plain link (e.g. Jitsi)")
    NONE = "none", pgettext_lazy("room provider", "no online room")
