"""Reference data (states, districts, municipalities, Modellprojekte Smart Cities, parties)
and the link of people to their municipality."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.models import TimeStampedModel


class ContactRequestStatus(models.TextChoices):
    PENDING = "pending", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ENDED = "ended", _("Ended")


class ContactRequest(TimeStampedModel):
    """One member asks another for contact; after acceptance both see each other's e-mail
    address and phone number (`contacts.queries`)."""

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("from"),
        on_delete=models.CASCADE,
        related_name="contact_requests_sent",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("to"),
        on_delete=models.CASCADE,
        related_name="contact_requests_received",
    )
    message = models.TextField(_("message"), max_length=500)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ContactRequestStatus.choices,
        default=ContactRequestStatus.PENDING,
    )
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "recipient"],
                condition=models.Q(status="pending"),
                name="contacts_one_open_contact_request",
            ),
            models.CheckConstraint(
                condition=~models.Q(sender=models.F("recipient")),
                name="contacts_contact_request_not_to_self",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "status"]),
            models.Index(fields=["sender", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.sender} → {self.recipient} ({self.get_status_display()})"


class Block(TimeStampedModel):
    """`blocker` does not want contact requests or suggestions involving `blocked`."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("blocked by"),
        on_delete=models.CASCADE,
        related_name="blocks",
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("blocked person"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="contacts_unique_block")
        ]

    def __str__(self) -> str:
        return f"{self.blocker} ⊘ {self.blocked}"


class AbuseReport(TimeStampedModel):
    """A member reports another member's behaviour to the organisers."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="abuse_reports",
    )
    reported = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.TextField(_("reason"), max_length=2000)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note of the organisers"), max_length=2000, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("abuse report")
        verbose_name_plural = _("abuse reports")

    def __str__(self) -> str:
        return f"{self.reported} ({self.created_at:%Y-%m-%d})"


class HiddenSuggestion(TimeStampedModel):
    """`user` does not want `hidden` among their peer suggestions (can be undone)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="hidden_suggestions",
    )
    hidden = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden person"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("hidden suggestion")
        verbose_name_plural = _("hidden suggestions")
        constraints = [
            models.UniqueConstraint(fields=["user", "hidden"], name="contacts_unique_hidden")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.hidden}"
