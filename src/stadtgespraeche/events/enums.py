from django.db import models
from django.utils.translation import pgettext_lazy


class EventFormat(models.TextChoices):
    ONLINE = "online", pgettext_lazy("event format", "online")
    HYBRID = "hybrid", pgettext_lazy("event format", "hybrid")
    IN_PERSON = "in_person", pgettext_lazy("event format", "in person")


class Confidentiality(models.TextChoices):
    PUBLIC = "public", pgettext_lazy("confidentiality", "public")
    NETWORK = "network", pgettext_lazy("confidentiality", "network members only")
    CHATHAM_HOUSE = "chatham_house", pgettext_lazy("confidentiality", "Chatham House rule")


class RecordingPolicy(models.TextChoices):
    NONE = "none", pgettext_lazy("recording policy", "no recording")
    WITH_CONSENT = "with_consent", pgettext_lazy("recording policy", "only with everyone's consent")


class EventStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("event status", "draft")
    PUBLISHED = "published", pgettext_lazy("event status", "published")
    REGISTRATION_OPEN = "registration_open", pgettext_lazy("event status", "registration open")
    REGISTRATION_CLOSED = (
        "registration_closed",
        pgettext_lazy("event status", "registration closed"),
    )
    HELD = "held", pgettext_lazy("event status", "held")
    DOCUMENTED = "documented", pgettext_lazy("event status", "documented")
    CANCELLED = "cancelled", pgettext_lazy("event status", "cancelled")


# The status transitions an organiser may make with the status buttons
# (services.transition_event). "documented" is missing on purpose: it follows only from
# publishing the documentation (documentation.services.publish_documentation, which calls
# services.mark_documented for DOCUMENTATION_TRANSITION).
EVENT_TRANSITIONS: dict[str, frozenset[str]] = {
    EventStatus.DRAFT: frozenset({EventStatus.PUBLISHED, EventStatus.CANCELLED}),
    EventStatus.PUBLISHED: frozenset(
        {EventStatus.DRAFT, EventStatus.REGISTRATION_OPEN, EventStatus.CANCELLED}
    ),
    EventStatus.REGISTRATION_OPEN: frozenset(
        {EventStatus.REGISTRATION_CLOSED, EventStatus.CANCELLED}
    ),
    EventStatus.REGISTRATION_CLOSED: frozenset(
        {EventStatus.REGISTRATION_OPEN, EventStatus.HELD, EventStatus.CANCELLED}
    ),
    EventStatus.HELD: frozenset(),
    EventStatus.DOCUMENTED: frozenset(),
    EventStatus.CANCELLED: frozenset({EventStatus.DRAFT}),
}

# The one transition that publishing the documentation makes.
DOCUMENTATION_TRANSITION = (EventStatus.HELD, EventStatus.DOCUMENTED)


class AgendaItemKind(models.TextChoices):
    WELCOME = "welcome", pgettext_lazy("agenda item kind", "welcome")
    IMPULSE = "impulse", pgettext_lazy("agenda item kind", "impulse")
    EXCHANGE = "exchange", pgettext_lazy("agenda item kind", "exchange")
    BREAK = "break", pgettext_lazy("agenda item kind", "break")
    WRAP_UP = "wrap_up", pgettext_lazy("agenda item kind", "wrap-up")


# Statuses in which coordinators may propose impulses ("in planning", visible to them).
PROPOSAL_EVENT_STATUSES = frozenset(
    {EventStatus.PUBLISHED, EventStatus.REGISTRATION_OPEN, EventStatus.REGISTRATION_CLOSED}
)


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", pgettext_lazy("attendance mode", "in person")
    ONLINE = "online", pgettext_lazy("attendance mode", "online")


FORMAT_MODES: dict[str, tuple[str, ...]] = {
    EventFormat.ONLINE: (AttendanceMode.ONLINE,),
    EventFormat.HYBRID: (AttendanceMode.IN_PERSON, AttendanceMode.ONLINE),
    EventFormat.IN_PERSON: (AttendanceMode.IN_PERSON,),
}
