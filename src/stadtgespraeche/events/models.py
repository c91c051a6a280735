"""Series and the membership of municipalities in them.

Membership lives here rather than in `directory` because it is a municipality's membership
*in a series*, and `directory` sits below `events` (docs/architecture.md).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.markdown import MarkdownHTMLField, MarkdownVersionField
from stadtgespraeche.core.models import TimeStampedModel
from stadtgespraeche.events.enums import (
    FORMAT_MODES,
    AgendaItemKind,
    AttendanceMode,
    Confidentiality,
    EventFormat,
    EventStatus,
    RecordingPolicy,
)
from stadtgespraeche.municipalities.models import Municipality
from stadtgespraeche.network.enums import ApplicationStatus


class Event(TimeStampedModel):
    """One Stadtgespräch of a series (glossary: "Stadtgespräch")."""

    series = models.ForeignKey(
        "network.Series", verbose_name=_("series"), on_delete=models.PROTECT, related_name="events"
    )
    number = models.PositiveIntegerField(_("number in the series"))
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    description_html = MarkdownHTMLField(source="description")
    markdown_version = MarkdownVersionField()
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
    # Set when a speaker confirms the item on their speaker page (events/speakers.py).
    speaker_confirmed_at = models.DateTimeField(
        _("confirmed by the speaker"), null=True, blank=True
    )

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title

    @property
    def title_names_kind(self) -> bool:
        """Whether the title already begins with the kind ("Impuls: …"): not shown twice."""
        kind = str(self.get_kind_display()).casefold()
        return bool(kind) and self.title.casefold().startswith(kind)


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


# The owner link of event threads lives in its own module (discussions, docs/discussions.md).
from stadtgespraeche.events import threads  # noqa: E402, F401
