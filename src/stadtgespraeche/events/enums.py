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


# The allowed status transitions of a Stadtgespräch (services.transition_event).
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
    EventStatus.HELD: frozenset({EventStatus.DOCUMENTED}),
    EventStatus.DOCUMENTED: frozenset(),
    EventStatus.CANCELLED: frozenset({EventStatus.DRAFT}),
}


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


class RoomKind(models.TextChoices):
    """Which online room a series uses (docs/rooms.md)."""

    BBB = "bbb", pgettext_lazy("room provider", "BigBlueButton")
    LINK = "link", pgettext_lazy("room provider", "plain link (e.g. Jitsi)")
    NONE = "none", pgettext_lazy("room provider", "no online room")


class QuestionStatus(models.TextChoices):
    """The state of a question in the live Q&A of an event."""

    OPEN = "open", pgettext_lazy("question status", "open")
    ANSWERED = "answered", pgettext_lazy("question status", "answered")
    HIDDEN = "hidden", pgettext_lazy("question status", "hidden")
