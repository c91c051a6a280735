"""Choices of the notifications app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Cadence(models.TextChoices):
    """How a person wants to receive e-mails of one notification kind.

    The in-app notification is always created, whatever the cadence: "off" only stops the
    e-mails (docs/notifications.md).
    """

    IMMEDIATELY = "immediately", _("immediately by e-mail")
    DAILY = "daily", _("in a daily digest")
    WEEKLY = "weekly", _("in a weekly digest")
    OFF = "off", _("no e-mail (only here on the platform)")


DIGEST_CADENCES = (Cadence.DAILY, Cadence.WEEKLY)

# The preference row with this kind applies to every kind without its own row ("unsubscribe
# from all"); see queries.cadences_for.
ALL_KINDS = "*"
