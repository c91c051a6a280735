"""Series and the membership of municipalities in them.

Membership lives here rather than in `directory` because it is a municipality's membership
*in a series*, and `directory` sits below `events` (docs/architecture.md).
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.models import TimeStampedModel
from stadtgespraeche.directory.models import Municipality

from .enums import (
    FORMAT_MODES,
    AgendaItemKind,
    ApplicationStatus,
    AttendanceMode,
    Confidentiality,
    EventFormat,
    EventStatus,
    MembershipStatus,
    QuestionStatus,
    RecordingPolicy,
    RegistrationStatus,
    RoomKind,
)


class Series(TimeStampedModel):
    """A series of Stadtgespräche, e.g. "Smarte Stadtgespräche" organised by Kaiserslautern."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    description = models.TextField(_("description"), blank=True)
    organiser_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("organised by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_series",
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    accepts_applications = models.BooleanField(_("accepts membership applications"), default=True)
    # The online room of its events; a BigBlueButton server comes from the settings
    # (BBB_SERVERS by series slug, else BBB_URL/BBB_SECRET), never from the database.
    room_provider = models.CharField(
        _("online room"), max_length=10, choices=RoomKind.choices, default=RoomKind.BBB
    )
    balance_max_share = models.PositiveSmallIntegerField(
        _("balance warning above (percent)"),
        default=40,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "Organisers are warned when one party or one municipality holds more than this "
            "share of the registrations of a Stadtgespräch."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def __str__(self) -> str:
        return self.name


class Membership(TimeStampedModel):
    """A municipality's membership in a series, with its current status."""

    series = models.ForeignKey(
        Series, verbose_name=_("series"), on_delete=models.CASCADE, related_name="memberships"
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    status = models.CharField(_("status"), max_length=20, choices=MembershipStatus.choices)
    since = models.DateField(_("status since"))

    class Meta:
        ordering = ["municipality__name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "municipality"], name="events_unique_membership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.series} ({self.get_status_display()})"


class MembershipChange(models.Model):
    """One step in the history of a membership."""

    membership = models.ForeignKey(
        Membership, verbose_name=_("membership"), on_delete=models.CASCADE, related_name="changes"
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    from_status = models.CharField(
        _("previous status"), max_length=20, choices=MembershipStatus.choices, blank=True
    )
    to_status = models.CharField(_("new status"), max_length=20, choices=MembershipStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("membership change")
        verbose_name_plural = _("membership changes")

    def __str__(self) -> str:
        return f"{self.membership}: {self.from_status} → {self.to_status}"


class MembershipApplication(TimeStampedModel):
    """An application of a municipality to join a series ("Mitglied werden")."""

    series = models.ForeignKey(
        Series, verbose_name=_("series"), on_delete=models.CASCADE, related_name="applications"
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("e-mail address"))
    contact_role = models.CharField(_("position or department"), max_length=200, blank=True)
    message = models.TextField(_("message"), blank=True)
    consent_given_at = models.DateTimeField(_("consent to processing given at"))
    consent_text_version = models.CharField(_("version of the consent text"), max_length=20)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the form; replies are written in it."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.PENDING,
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_message = models.TextField(_("message to the applicant"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "municipality"],
                condition=models.Q(status=ApplicationStatus.PENDING),
                name="events_one_pending_application",
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} ({self.contact_name})"

    @property
    def is_pending(self) -> bool:
        return self.status == ApplicationStatus.PENDING


class Event(TimeStampedModel):
    """One Stadtgespräch of a series (glossary: "Stadtgespräch")."""

    series = models.ForeignKey(
        Series, verbose_name=_("series"), on_delete=models.PROTECT, related_name="events"
    )
    number = models.PositiveIntegerField(_("number in the series"))
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    format = models.CharField(
        _("format"), max_length=20, choices=EventFormat.choices, default=EventFormat.ONLINE
    )
    venue_address = models.TextField(_("venue address"), blank=True)
    venue_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("venue municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    online_info = models.TextField(_("online room"), blank=True)
    room_link = models.URLField(
        _("room link"),
        blank=True,
        help_text=_("Only for series with a plain-link room (e.g. Jitsi); shown to participants."),
    )
    hosts = models.ManyToManyField(
        Municipality, verbose_name=_("host municipalities"), blank=True, related_name="+"
    )
    co_hosts = models.ManyToManyField(
        Municipality, verbose_name=_("co-host municipalities"), blank=True, related_name="+"
    )
    topics = models.ManyToManyField(
        "topics.Topic", verbose_name=_("topics"), blank=True, related_name="events"
    )
    confidentiality = models.CharField(
        _("confidentiality"),
        max_length=20,
        choices=Confidentiality.choices,
        default=Confidentiality.PUBLIC,
    )
    recording_policy = models.CharField(
        _("recording"),
        max_length=20,
        choices=RecordingPolicy.choices,
        default=RecordingPolicy.NONE,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    capacity_in_person = models.PositiveIntegerField(
        _("places in person"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit."),
    )
    capacity_online = models.PositiveIntegerField(
        _("places online"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit."),
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    ask_accessibility_needs = models.BooleanField(_("ask for accessibility needs"), default=True)
    ask_dietary_needs = models.BooleanField(_("ask for dietary needs"), default=False)
    # RFC 5545 SEQUENCE: raised by the services on every change participants should see.
    sequence = models.PositiveIntegerField(_("calendar revision"), default=0, editable=False)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("Stadtgespräch")
        verbose_name_plural = _("Stadtgespräche")
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="events_unique_number"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="events_event_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event-detail", kwargs={"slug": self.slug})

    @property
    def is_draft(self) -> bool:
        return self.status == EventStatus.DRAFT

    @property
    def modes(self) -> tuple[str, ...]:
        """The attendance modes this event's format offers."""
        return FORMAT_MODES[self.format]

    def capacity_for(self, mode: str) -> int | None:
        """Places of `mode` (None: no limit); 0 if the format does not offer the mode."""
        if mode not in self.modes:
            return 0
        if mode == AttendanceMode.IN_PERSON:
            return self.capacity_in_person
        return self.capacity_online


class AgendaItem(TimeStampedModel):
    """One item of an event's agenda (glossary: "Programmpunkt")."""

    event = models.ForeignKey(
        Event, verbose_name=_("Stadtgespräch"), on_delete=models.CASCADE, related_name="agenda"
    )
    starts_at = models.DateTimeField(_("start"))
    duration = models.PositiveIntegerField(_("duration in minutes"), default=15)
    kind = models.CharField(_("kind"), max_length=20, choices=AgendaItemKind.choices)
    title = models.CharField(_("title"), max_length=200)
    abstract = models.TextField(_("abstract"), blank=True)
    speakers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("speakers"), blank=True, related_name="+"
    )
    external_speaker = models.CharField(_("external speaker"), max_length=200, blank=True)
    external_organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("presenting municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title


class ImpulseProposal(TimeStampedModel):
    """A coordinator's proposal of an impulse of their municipality for an event."""

    event = models.ForeignKey(
        Event, verbose_name=_("Stadtgespräch"), on_delete=models.CASCADE, related_name="proposals"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="+"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    abstract = models.TextField(_("abstract"), blank=True)
    speaker_name = models.CharField(_("speaker"), max_length=200)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.PENDING,
    )
    decision_message = models.TextField(_("message to the coordinator"), blank=True)
    agenda_item = models.OneToOneField(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("impulse proposal")
        verbose_name_plural = _("impulse proposals")

    def __str__(self) -> str:
        return self.title


class Registration(TimeStampedModel):
    """A person's registration for one event in one attendance mode (glossary: "Anmeldung").

    Waitlist order is first come, first served: `created_at`, then `pk`. A cancelled
    registration stays as history; a person has at most one non-cancelled registration
    per event (database constraint).
    """

    event = models.ForeignKey(
        Event,
        verbose_name=_("Stadtgespräch"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    mode = models.CharField(_("attendance"), max_length=20, choices=AttendanceMode.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.REGISTERED,
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    dietary_needs = models.TextField(_("dietary needs"), blank=True)
    on_participant_list = models.BooleanField(_("show me on the participant list"), default=False)
    # SHA-256 of the self-cancellation token sent by e-mail; the token itself is not stored.
    cancel_token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    promoted_at = models.DateTimeField(_("moved up from the waitlist at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    joined_online_at = models.DateTimeField(_("first joined online at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=~models.Q(status=RegistrationStatus.CANCELLED),
                name="events_one_active_registration",
            ),
        ]
        indexes = [models.Index(fields=["event", "mode", "status"], name="events_reg_event_mode")]

    def __str__(self) -> str:
        return f"{self.user} – {self.event} ({self.get_status_display()})"


# --- Documentation and feedback after the event (docs/events.md) -------------------------


def private_document_storage() -> FileSystemStorage:
    """Documentation files live outside MEDIA_ROOT and are only served by a checking view."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


def attachment_path(instance: "Attachment", filename: str) -> str:
    # The stored name is random; the person's file name is kept in `original_name`.
    return f"events/{instance.event_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class Minutes(TimeStampedModel):
    """The documentation of one event (glossary: "Protokoll / Dokumentation")."""

    event = models.OneToOneField(
        Event, verbose_name=_("Stadtgespräch"), on_delete=models.CASCADE, related_name="minutes"
    )
    body = models.TextField(_("minutes"), blank=True, help_text=_("Markdown."))
    results = models.TextField(_("results"), blank=True, help_text=_("Markdown."))
    recording_url = models.URLField(_("link to the recording"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return str(self.event)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Attachment(TimeStampedModel):
    """A file of an event's documentation; with `agenda_item` set, the slides of that item."""

    event = models.ForeignKey(
        Event,
        verbose_name=_("Stadtgespräch"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    agenda_item = models.OneToOneField(
        AgendaItem,
        verbose_name=_("slides of agenda item"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="slides",
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"), upload_to=attachment_path, storage=private_document_storage, max_length=255
    )
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title


class Feedback(TimeStampedModel):
    """A participant's feedback on an event; one per person and event."""

    event = models.ForeignKey(
        Event, verbose_name=_("Stadtgespräch"), on_delete=models.CASCADE, related_name="feedback"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rating = models.PositiveSmallIntegerField(_("rating"))
    useful = models.TextField(_("what was useful"), blank=True)
    topic_wishes = models.TextField(_("topic wishes for next time"), blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"], name="events_one_feedback_per_person"
            ),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5),
                name="events_feedback_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event}: {self.rating}"


class CalendarToken(TimeStampedModel):
    """The secret of a person's personal calendar feed (issue 4, section 6).

    The feed URL contains `token`, a random value of 256 bits (`secrets.token_urlsafe`). It
    is stored as it is, not hashed, so that the person can look the URL up again on their
    calendar page; it grants nothing but reading the dates of one's own registrations.
    Regenerating replaces the value (the old URL stops working), revoking deletes the row.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="calendar_token",
    )
    token = models.CharField(_("token"), max_length=64, unique=True, editable=False)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self) -> str:
        return f"{self.user}"


class LiveQuestion(TimeStampedModel):
    """A question asked in the live Q&A of an event (docs/events.md, "Live Q&A").

    `is_anonymous` hides the author from other participants only; moderators always see it.
    """

    event = models.ForeignKey(
        Event,
        verbose_name=_("Stadtgespräch"),
        on_delete=models.CASCADE,
        related_name="live_questions",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    text = models.CharField(_("question"), max_length=500)
    is_anonymous = models.BooleanField(_("anonymous towards other participants"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.OPEN
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("live question")
        verbose_name_plural = _("live questions")
        indexes = [models.Index(fields=["event", "status"], name="events_question_event")]

    def __str__(self) -> str:
        return self.text[:60]


class QuestionVote(models.Model):
    """One upvote of one person for one live question (at most one, database constraint)."""

    question = models.ForeignKey(
        LiveQuestion, verbose_name=_("question"), on_delete=models.CASCADE, related_name="votes"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("question vote")
        verbose_name_plural = _("question votes")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "user"], name="events_one_vote_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.question_id}"


# The owner link of event threads lives in its own module (discussions, docs/discussions.md).
from . import threads  # noqa: E402, F401
