"""Data rights (DSGVO): export of one's data, consent records and account deletion.

What the other apps hold about a person comes from the registry in `core.personal_data`
(each app registers an exporter and an eraser in its AppConfig.ready()); accounts never
imports the apps above it. The accounts sections themselves are registered here by
`register_accounts()`.
"""

import hashlib
import logging
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.accounts.enums import ConsentPurpose
from stadtgespraeche.accounts.exceptions import DeletionAlreadyRequested, DeletionInvalid
from stadtgespraeche.accounts.models import ConsentRecord, DeletionRequest, TOTPDevice, User
from stadtgespraeche.core import personal_data
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.core.mail import send_templated_mail


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


DELETED_EMAIL_DOMAIN = "invalid"
logger = logging.getLogger(__name__)


# --- Consent records -------------------------------------------------------------------------


def text_hash(text: str) -> str:
    return hashlib.sha256(" ".join(str(text).split()).encode()).hexdigest()


@transaction.atomic
def record_consent(
    *,
    purpose: ConsentPurpose | str,
    text_version: str,
    text: str,
    user: User | None = None,
    email: str = "",
) -> ConsentRecord:
    """Record that `user` (or, without an account, `email`) consented to `text`."""
    if user is None and not email:
        raise ValueError("A consent needs a person or an e-mail address.")
    record = ConsentRecord.objects.create(
        user=user,
        email="" if user is not None else email.strip().lower(),
        purpose=purpose,
        text_version=text_version,
        text_hash=text_hash(text),
    )
    log_action(
        "accounts.consent.given",
        actor=user,
        obj=record,
        data={"purpose": str(purpose), "version": text_version},
    )
    return record


@transaction.atomic
def withdraw_consent(record: ConsentRecord, *, by: User | None) -> ConsentRecord:
    """Mark a consent as withdrawn (idempotent: a withdrawn consent stays as it was)."""
    if record.withdrawn_at is None:
        record.withdrawn_at = timezone.now()
        record.save(update_fields=["withdrawn_at"])
        log_action("accounts.consent.withdrawn", actor=by, obj=record)
    return record


# --- Export ------------------------------------------------------------------------------------


def export_personal_data(user: User) -> list[dict[str, Any]]:
    """Everything the platform holds about `user`, one section per registered app."""
    return personal_data.export(user)


def record_data_export(user: User, *, export_format: str, ip_address: str | None = None) -> None:
    log_action(
        "accounts.data.exported",
        actor=user,
        obj=user,
        ip_address=ip_address,
        data={"format": export_format},
    )


# --- Account deletion ----------------------------------------------------------------------


def open_deletion_request(user: User) -> DeletionRequest | None:
    return DeletionRequest.objects.filter(user=user, cancelled_at=None, completed_at=None).first()


@transaction.atomic
def request_account_deletion(
    user: User, *, ip_address: str | None = None, send_email: bool = True
) -> DeletionRequest:
    """Deactivate the account now and schedule the erasure after the grace period.

    An e-mail with a single-use cancel link goes to the person. Raises
    DeletionAlreadyRequested when a request is already open. The returned request carries
    the cancel token as `.token` (never stored, only its hash).
    """
    if open_deletion_request(user) is not None:
        raise DeletionAlreadyRequested(user.pk)
    token = secrets.token_urlsafe(32)
    request = DeletionRequest.objects.create(
        user=user,
        token_hash=hash_token(token),
        due_at=timezone.now() + timedelta(days=settings.ACCOUNT_DELETION_GRACE_DAYS),
    )
    user.is_active = False
    user.save(update_fields=["is_active"])
    log_action(
        "accounts.deletion.requested",
        actor=user,
        obj=request,
        ip_address=ip_address,
        data={"due_at": request.due_at.isoformat()},
    )
    if send_email:
        cancel_url = settings.SITE_URL + reverse(
            "accounts:deletion-cancel", kwargs={"token": token}
        )
        email, language, name = user.email, user.language, user.get_short_name()
        due_at = request.due_at
        transaction.on_commit(
            lambda: send_templated_mail(
                to=[email],
                template="accounts/emails/deletion_requested",
                context={"name": name, "cancel_url": cancel_url, "due_at": due_at},
                language=language,
            )
        )
    request.token = token  # type: ignore[attr-defined]  # only for the caller
    return request


def deletion_request_for_token(token: str, *, now: datetime | None = None) -> DeletionRequest:
    """The open, not yet due request for a cancel link, or DeletionInvalid."""
    request = (
        DeletionRequest.objects.select_related("user").filter(token_hash=hash_token(token)).first()
    )
    if (
        request is None
        or request.cancelled_at is not None
        or request.completed_at is not None
        or request.due_at <= (now or timezone.now())
    ):
        raise DeletionInvalid(token)
    return request


@transaction.atomic
def cancel_account_deletion(token: str, *, ip_address: str | None = None) -> User:
    """Cancel via the link: the account is active again and the link is used up."""
    request = deletion_request_for_token(token)
    request.cancelled_at = timezone.now()
    request.save(update_fields=["cancelled_at", "updated_at"])
    user = request.user
    user.is_active = True
    user.save(update_fields=["is_active"])
    log_action("accounts.deletion.cancelled", actor=user, obj=request, ip_address=ip_address)
    return user


def _anonymise_user(user: User) -> None:
    user.email = f"deleted-{user.pk}@{DELETED_EMAIL_DOMAIN}"
    user.first_name = ""
    user.last_name = ""
    user.last_login = None
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.two_factor_enabled = False
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


@transaction.atomic
def erase_account(user: User) -> list[str]:
    """Erase the person's personal data now: every app's eraser, then the account row.

    The row stays (anonymised) so that contributions keep pointing at "a deleted person".
    Returns the keys of the erased sections.
    """
    erased = personal_data.erase(user)
    _anonymise_user(user)
    return erased


def process_due_deletions(*, now: datetime | None = None) -> int:
    """Carry out every open deletion request whose grace period is over; returns how many.

    Idempotent: completed and cancelled requests are skipped. Each request is carried out in
    its own transaction; one that fails is rolled back, logged and retried on the next run,
    without holding up the others.
    """
    now = now or timezone.now()
    due_ids = list(
        DeletionRequest.objects.filter(
            cancelled_at=None, completed_at=None, due_at__lte=now
        ).values_list("pk", flat=True)
    )
    count = 0
    for pk in due_ids:
        try:
            with transaction.atomic():
                request = (
                    DeletionRequest.objects.select_for_update()
                    .select_related("user")
                    .filter(pk=pk, cancelled_at=None, completed_at=None)
                    .first()
                )
                if request is None:  # cancelled or done meanwhile
                    continue
                erase_account(request.user)
                request.completed_at = now
                request.save(update_fields=["completed_at", "updated_at"])
                log_action("accounts.deletion.completed", obj=request)
        except Exception:
            logger.exception("Deletion request %s failed; it is retried on the next run.", pk)
            continue
        count += 1
    return count


# --- The accounts sections of the personal-data registry ------------------------------------

ACCOUNT_LABELS = {
    "email": _("E-mail address"),
    "first_name": _("First name"),
    "last_name": _("Last name"),
    "role": _("Role"),
    "language": _("Language"),
    "date_joined": _("Member since"),
    "last_login": _("Last login"),
    "two_factor_enabled": _("Two-factor authentication on"),
    "active": _("Active"),
}
CONSENT_LABELS = {
    "consents": _("Consents"),
    "purpose": _("Purpose"),
    "text_version": _("Version of the text"),
    "text_hash": _("SHA-256 of the text"),
    "given_at": _("Given at"),
    "withdrawn_at": _("Withdrawn at"),
}


def export_account(user: User) -> dict[str, Any]:
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "role": str(user.get_role_display()),
        "language": user.language,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "two_factor_enabled": user.two_factor_enabled,
        "active": user.is_active,
    }


def export_consents(user: User) -> dict[str, Any]:
    return {
        "consents": [
            {
                "purpose": str(record.get_purpose_display()),
                "text_version": record.text_version,
                "text_hash": record.text_hash,
                "given_at": record.given_at,
                "withdrawn_at": record.withdrawn_at,
            }
            for record in _consents_of(user)
        ]
    }


def _consents_of(user: User) -> QuerySet[ConsentRecord]:
    """The person's consents, also those given without an account under their address."""
    return ConsentRecord.objects.filter(Q(user=user) | Q(user=None, email__iexact=user.email))


def erase_account_secrets(user: User) -> None:
    """Second factor, recovery codes and invitations go; consents stay as proof, without
    any address (they point at the anonymised account)."""
    user.recovery_codes.all().delete()
    user.invitations.all().delete()
    _consents_of(user).update(email="")
    TOTPDevice.objects.filter(user=user).delete()


def register_accounts() -> None:
    personal_data.register(
        "account",
        title=_("Your account"),
        exporter=export_account,
        eraser=erase_account_secrets,
        order=0,
        labels=ACCOUNT_LABELS,
    )
    personal_data.register(
        "consents",
        title=_("Your consents"),
        exporter=export_consents,
        order=10,
        labels=CONSENT_LABELS,
    )
