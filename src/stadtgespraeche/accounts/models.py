from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.models import TimeStampedModel

from .enums import ConsentPurpose, DeletionStatus, InvitationStatus, Role


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: object) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)  # None gives an unusable password
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("role", Role.ORGANISER)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> "User":
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. E-mail is the login; accounts come by invitation."""

    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.COUNCILLOR)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_demo = models.BooleanField(_("demo account"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    two_factor_enabled = models.BooleanField(
        _("two-factor authentication on"),
        default=False,
        help_text=_("Kept in step with the confirmed TOTP device by the accounts services."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "email"]
        # The ordering's own index: name-sorted lists (the people directory at 200,000
        # councillors, participant lists) read a page in this order instead of sorting.
        indexes = [
            models.Index(fields=["last_name", "first_name", "email"], name="accounts_user_name_idx")
        ]

    def __str__(self) -> str:
        if self.is_erased:
            return str(_("deleted person"))
        return self.get_full_name() or self.email

    @property
    def is_erased(self) -> bool:
        """Whether the personal data was erased after a deletion request (the row stays so
        that contributions keep pointing at "a deleted person")."""
        return self.pk is not None and self.email == f"deleted-{self.pk}@invalid"

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email

    @property
    def is_organiser(self) -> bool:
        return self.role == Role.ORGANISER


class Invitation(TimeStampedModel):
    """A single-use, expiring link with which an invited person sets a password.

    Only the SHA-256 hash of the token is stored; the token itself is only in the e-mail.
    """

    user = models.ForeignKey(
        User, verbose_name=_("invited person"), on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        User,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def status(self) -> str:
        if self.accepted_at:
            return InvitationStatus.ACCEPTED
        if self.revoked_at:
            return InvitationStatus.REVOKED
        if self.expires_at <= timezone.now():
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING

    def get_status_display(self) -> str:
        return str(InvitationStatus(self.status).label)

    def get_accept_path(self, token: str) -> str:
        return reverse("accounts:invitation-accept", kwargs={"token": token})


class TOTPDevice(TimeStampedModel):
    """The TOTP secret of a person's authenticator app; usable once confirmed with a code."""

    user = models.OneToOneField(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="totp_device"
    )
    secret = models.CharField(_("secret"), max_length=64)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    last_used_step = models.BigIntegerField(
        _("last used time step"),
        null=True,
        blank=True,
        help_text=_("A code is accepted only once: codes of this step or earlier are refused."),
    )

    class Meta:
        verbose_name = _("TOTP device")
        verbose_name_plural = _("TOTP devices")

    def __str__(self) -> str:
        return str(self.user)


class RecoveryCode(models.Model):
    """A single-use code to log in without the authenticator app. Only its hash is stored."""

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="recovery_codes"
    )
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")
        constraints = [
            models.UniqueConstraint(fields=["user", "code_hash"], name="accounts_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.pk})"


# --- Data rights (DSGVO): consent records and account deletion ------------------------------


class ConsentRecord(models.Model):
    """What a person consented to, when, and to which version of the text.

    The text's SHA-256 hash is kept with its version, so the wording consented to can be
    proven later. No IP address is stored.
    """

    user = models.ForeignKey(
        User,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consents",
    )
    email = models.EmailField(
        _("e-mail address"),
        blank=True,
        help_text=_("For consents given without an account."),
    )
    purpose = models.CharField(_("purpose"), max_length=50, choices=ConsentPurpose.choices)
    text_version = models.CharField(_("version of the text"), max_length=40)
    text_hash = models.CharField(_("SHA-256 of the text"), max_length=64, blank=True)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["-given_at", "-id"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.text_version}"


class DeletionRequest(TimeStampedModel):
    """A person's request to delete their account, carried out after a grace period.

    The account is deactivated at once; the single-use cancel link (only its hash is stored)
    reactivates it until `due_at`. After that `process_account_deletions` erases the data.
    """

    user = models.ForeignKey(
        User,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="deletion_requests",
    )
    token_hash = models.CharField(max_length=64, unique=True)
    due_at = models.DateTimeField(_("deletion due at"), db_index=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        ordering = ["due_at"]
        verbose_name = _("deletion request")
        verbose_name_plural = _("deletion requests")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(cancelled_at=None, completed_at=None),
                name="accounts_one_open_deletion_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.pk} ({self.due_at:%Y-%m-%d})"

    @property
    def status(self) -> str:
        if self.completed_at:
            return DeletionStatus.COMPLETED
        if self.cancelled_at:
            return DeletionStatus.CANCELLED
        return DeletionStatus.PENDING

    def get_status_display(self) -> str:
        return str(DeletionStatus(self.status).label)
