"""In-app notifications and follows.

A `Notification` is one message to one person. `Follow` points at any followed object
(topic, event, thread, municipality) through the content-types framework, so this leaf app
imports none of the apps whose objects are followed.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import Cadence


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=60)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # Makes notify() idempotent: one notification per (recipient, key) when a key is given.
    key = models.CharField(max_length=200, blank=True)
    # The e-mail cadence decided when the notification was created (from the recipient's
    # preference); changing a preference moves pending items (services.set_preference).
    cadence = models.CharField(
        _("e-mail"), max_length=20, choices=Cadence.choices, default=Cadence.IMMEDIATELY
    )
    # Set exactly once, by whoever claims the item for an e-mail (immediate or digest) with
    # UPDATE … WHERE emailed_at IS NULL: no item is ever mailed twice.
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    digest = models.ForeignKey(
        "DigestDelivery",
        verbose_name=_("digest"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"],
                condition=~models.Q(key=""),
                name="notifications_unique_key",
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notif_recipient_read"),
            # The notification centre: one person's notifications, newest first.
            models.Index(
                fields=["recipient", "-created_at", "-id"], name="notif_recipient_created"
            ),
            # The digest job: items still waiting for their digest.
            models.Index(
                fields=["cadence", "recipient"],
                condition=models.Q(emailed_at__isnull=True),
                name="notif_pending_mail",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Follow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="follows",
    )
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "target_type", "target_id"], name="notifications_unique_follow"
            )
        ]
        indexes = [models.Index(fields=["target_type", "target_id"], name="notif_follow_target")]

    def __str__(self) -> str:
        return f"{self.user} → {self.target_type.model} {self.target_id}"


class Preference(models.Model):
    """One person's e-mail cadence for one kind (or, with kind "*", for all kinds without
    a row of their own). Without any row, the kind's default applies (kinds.register)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=60)
    cadence = models.CharField(_("e-mail"), max_length=20, choices=Cadence.choices)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notifications_unique_pref")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.kind}: {self.cadence}"


class DigestDelivery(models.Model):
    """One digest e-mail of one person for one period. Created FIRST when the digest job
    claims the period: the unique constraint makes a second (or concurrent) run skip it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="notification_digests",
    )
    cadence = models.CharField(_("cadence"), max_length=20, choices=Cadence.choices)
    period_start = models.DateField(_("period"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    item_count = models.PositiveIntegerField(_("items"), default=0)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "cadence", "period_start"], name="notifications_unique_digest"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.cadence} {self.period_start}"
