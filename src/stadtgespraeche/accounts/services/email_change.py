"""Changing the e-mail address with a signed, expiring, single-use confirmation link."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse

from stadtgespraeche.accounts import throttling
from stadtgespraeche.accounts.exceptions import EmailChangeInvalid, EmailChangeThrottled
from stadtgespraeche.accounts.models import User
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.core.mail import send_templated_mail

SALT = "stadtgespraeche.accounts.email-change"
VALID_FOR = timedelta(days=1)


def _address_taken(email: str, *, other_than: User) -> bool:
    return User.objects.filter(email__iexact=email).exclude(pk=other_than.pk).exists()


def request_email_change(user: User, *, new_email: str, ip_address: str | None = None) -> str:
    """Send a confirmation link to `new_email`; the address changes only when it is opened.

    The link carries the current address, so it stops working once used (or once the
    address changed otherwise). If the new address belongs to another account, nothing is
    sent, and the person sees the same answer (no account enumeration). Returns the token.
    Raises EmailChangeThrottled after three requests within an hour.
    """
    if throttling.EMAIL_CHANGE_PER_USER.hit(str(user.pk)) > throttling.EMAIL_CHANGE_PER_USER.limit:
        raise EmailChangeThrottled(user.pk)
    new_email = User.objects.normalize_email(new_email).strip().lower()
    token = signing.dumps({"u": user.pk, "old": user.email, "new": new_email}, salt=SALT)
    taken = _address_taken(new_email, other_than=user)
    log_action(
        "accounts.email_change.requested",
        actor=user,
        obj=user,
        ip_address=ip_address,
        data={"new_email": new_email, "sent": not taken},
    )
    if not taken:
        send_templated_mail(
            to=[new_email],
            template="accounts/emails/email_change_confirm",
            context={
                "user": user,
                "new_email": new_email,
                "confirm_url": settings.SITE_URL
                + reverse("accounts:email-change-confirm", kwargs={"token": token}),
                "valid_hours": int(VALID_FOR.total_seconds() // 3600),
            },
            language=user.language,
        )
    return token


def email_change_for_token(token: str) -> tuple[User, str]:
    """The account and new address a link stands for, or EmailChangeInvalid."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=VALID_FOR)
    except signing.BadSignature as exc:  # includes SignatureExpired
        raise EmailChangeInvalid(token) from exc
    user = User.objects.filter(pk=payload.get("u"), is_active=True).first()
    if user is None or user.email != payload.get("old"):
        raise EmailChangeInvalid(token)
    new_email = str(payload.get("new", ""))
    if not new_email or _address_taken(new_email, other_than=user):
        raise EmailChangeInvalid(token)
    return user, new_email


@transaction.atomic
def confirm_email_change(token: str, *, ip_address: str | None = None) -> User:
    """Change the address; the old address gets a notice. Raises EmailChangeInvalid."""
    user, new_email = email_change_for_token(token)
    old_email = user.email
    user.email = new_email
    user.save(update_fields=["email"])
    log_action(
        "accounts.email_change.confirmed",
        actor=user,
        obj=user,
        ip_address=ip_address,
        data={"old_email": old_email, "new_email": new_email},
    )
    transaction.on_commit(
        lambda: send_templated_mail(
            to=[old_email],
            template="accounts/emails/email_changed_notice",
            context={"user": user, "old_email": old_email, "new_email": new_email},
            language=user.language,
        )
    )
    return user
