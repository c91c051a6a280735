"""Series and the membership of municipalities in them.

Membership lives here rather than in `directory` because it is a municipality's membership
*in a series*, and `directory` sits below `events` (docs/architecture.md).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.models import TimeStampedModel
from stadtgespraeche.events.enums import AttendanceMode
from stadtgespraeche.registrations.enums import Audience, RegistrationStatus


class Registration(TimeStampedModel):
    """A person's registration for one event in one attendance mode (glossary: "Anmeldung").

    Waitlist order is first come, first served: `created_at`, then `pk`. A cancelled
    registration stays as history; a person has at most one non-cancelled registration
    per event (database constraint).
    """

    event = models.ForeignKey(
        "events.Event",
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
                name="registrations_one_active_registration",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "mode", "status"], name="registrations_reg_event_mode")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.event} ({self.get_status_display()})"


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


class EventMessage(TimeStampedModel):
    """An organiser's e-mail to the registered of an event; kept as the archive copy that
    organisers see (docs/events.md, "Messages to the registered")."""

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("Stadtgespräch"),
        on_delete=models.CASCADE,
        related_name="messages",
    )
    audience = models.CharField(_("recipients"), max_length=20, choices=Audience.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recipient_count = models.PositiveIntegerField(_("number of recipients"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("message to the registered")
        verbose_name_plural = _("messages to the registered")

    def __str__(self) -> str:
        return self.subject
