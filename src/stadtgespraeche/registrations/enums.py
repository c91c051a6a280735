from django.db import models
from django.utils.translation import pgettext_lazy

from stadtgespraeche.events.enums import EventFormat


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", pgettext_lazy("attendance mode", "in person")
    ONLINE = "online", pgettext_lazy("attendance mode", "online")


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


# Attendance modes offered by each event format.
FORMAT_MODES: dict[str, tuple[str, ...]] = {
    EventFormat.ONLINE: (AttendanceMode.ONLINE,),
    EventFormat.HYBRID: (AttendanceMode.IN_PERSON, AttendanceMode.ONLINE),
    EventFormat.IN_PERSON: (AttendanceMode.IN_PERSON,),
}
