"""Writes of the accounts app: invitations and account activation."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from stadtgespraeche.accounts.enums import ConsentPurpose, Role
from stadtgespraeche.accounts.exceptions import AlreadyActive, InvitationInvalid
from stadtgespraeche.accounts.models import Invitation, User
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.core.mail import send_templated_mail

from .data_rights import record_consent


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invite_user(
    *,
    email: str,
    role: Role | str,
    invited_by: User | None,
    first_name: str = "",
    last_name: str = "",
    municipality_name: str = "",
    send_email: bool = True,
) -> tuple[User, Invitation]:
    """Create (or re-invite) an inactive account and e-mail a single-use link to set a password.

    The e-mail greets the person by name (never by address), names `municipality_name` (the
    municipality they are invited for, if any) and says what the network is.

    Raises AlreadyActive if the address already belongs to an active account; earlier open
    invitations of the same person are revoked, so only the newest link works.
    """
    email = User.objects.normalize_email(email).strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None and user.is_active and user.has_usable_password():
        raise AlreadyActive(email)
    if user is None:
        user = User.objects.create_user(
            email, None, role=role, first_name=first_name, last_name=last_name, is_active=False
        )
    else:
        user.role = role
        user.first_name = first_name or user.first_name
        user.last_name = last_name or user.last_name
        user.save(update_fields=["role", "first_name", "last_name"])
    now = timezone.now()
    Invitation.objects.filter(user=user, accepted_at=None, revoked_at=None).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        user=user,
        invited_by=invited_by,
        token_hash=hash_token(token),
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    log_action("accounts.invitation.sent", actor=invited_by, obj=user, data={"role": str(role)})
    if send_email:
        accept_url = settings.SITE_URL + invitation.get_accept_path(token)
        transaction.on_commit(
            lambda: send_templated_mail(
                to=[user.email],
                template="accounts/emails/invitation",
                context={
                    "user": user,
                    "invited_by": invited_by,
                    "accept_url": accept_url,
                    "expires_at": invitation.expires_at,
                    "role": Role(role).label,
                    "municipality_name": municipality_name,
                },
                language=user.language,
            )
        )
    invitation.token = token  # type: ignore[attr-defined]  # only for the caller, never stored
    return user, invitation


def invitation_for_token(token: str) -> Invitation:
    """The open invitation for `token`, or InvitationInvalid (expired, used, revoked, unknown)."""
    invitation = (
        Invitation.objects.select_related("user").filter(token_hash=hash_token(token)).first()
    )
    if invitation is None or invitation.status != "pending":
        raise InvitationInvalid(token)
    return invitation


@transaction.atomic
def accept_invitation(
    token: str, *, password: str, privacy_notice_version: str = "", privacy_notice_text: str = ""
) -> User:
    """Set the password, activate the account and use up the invitation.

    With `privacy_notice_version`, the acknowledgement of the privacy notice is recorded
    (a ConsentRecord with the version and the hash of `privacy_notice_text`).
    """
    invitation = invitation_for_token(token)
    user = invitation.user
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    log_action("accounts.invitation.accepted", actor=user, obj=user)
    if privacy_notice_version:
        record_consent(
            user=user,
            purpose=ConsentPurpose.PRIVACY_NOTICE,
            text_version=privacy_notice_version,
            text=privacy_notice_text,
        )
    return user


@transaction.atomic
def revoke_invitation(invitation: Invitation, *, by: User | None) -> Invitation:
    """Make an open invitation link unusable. Raises InvitationInvalid when not open."""
    if invitation.status != "pending":
        raise InvitationInvalid(invitation.pk)
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at", "updated_at"])
    log_action("accounts.invitation.revoked", actor=by, obj=invitation.user)
    return invitation


def resend_invitation(invitation: Invitation, *, by: User | None) -> Invitation:
    """Send a fresh link for an open invitation (the old link stops working)."""
    if invitation.status != "pending":
        raise InvitationInvalid(invitation.pk)
    user = invitation.user
    _user, new_invitation = invite_user(email=user.email, role=user.role, invited_by=by)
    return new_invitation
