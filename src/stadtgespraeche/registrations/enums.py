from django.db import models
from django.utils.translation import pgettext_lazy


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", pgettext_lazy("registration status", "registered")
    WAITLISTED = "waitlisted", pgettext_lazy("registration status", "waitlisted")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "cancelled")
    ATTENDED = "attended", pgettext_lazy("registration status", "attended")
    NO_SHOW = "no_show", pgettext_lazy("registration status", "no-show")


# Statuses that hold a place (count against the capacity of their mode).
PLACE_HOLDING_STATUSES = frozenset(
    {RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW}
)


class Audience(models.TextChoices):
    """Who receives an organiser's message to the registered of an event."""

    ALL = "all", pgettext_lazy("message audience", "everyone registered and on the waitlist")
    IN_PERSON = "in_person", pgettext_lazy("message audience", "registered in person")
    ONLINE = "online", pgettext_lazy("message audience", "registered online")
    WAITLIST = "waitlist", pgettext_lazy("message audience", "the waitlist")
