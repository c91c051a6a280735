from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    ORGANISER = "organiser", pgettext_lazy("role", "Organiser")
    COORDINATOR = "coordinator", pgettext_lazy("role", "Coordinator")
    COUNCILLOR = "councillor", pgettext_lazy("role", "Councillor")
    SPEAKER = "speaker", pgettext_lazy("role", "Speaker")


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    ACCEPTED = "accepted", _("accepted")
    EXPIRED = "expired", _("expired")
    REVOKED = "revoked", _("revoked")


class ConsentPurpose(models.TextChoices):
    PRIVACY_NOTICE = "privacy_notice", _("Privacy notice acknowledged")


class DeletionStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    CANCELLED = "cancelled", _("cancelled")
    COMPLETED = "completed", _("completed")
