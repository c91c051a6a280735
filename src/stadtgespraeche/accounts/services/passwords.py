"""Password change and the audit trail of password resets."""

from django.db import transaction

from stadtgespraeche.accounts import throttling
from stadtgespraeche.accounts.models import User
from stadtgespraeche.core.audit import log_action


@transaction.atomic
def change_password(user: User, *, new_password: str, ip_address: str | None = None) -> User:
    """Set a new password for a logged-in person (the form has checked the old one)."""
    user.set_password(new_password)
    user.save(update_fields=["password"])
    log_action("accounts.password.changed", actor=user, obj=user, ip_address=ip_address)
    return user


def record_password_reset_request(*, email: str, ip_address: str) -> bool:
    """Count and audit a reset request; True if a mail may be sent for `email` now.

    Three requests per target address and five per IP address within an hour; beyond
    that nothing is sent, and the person sees the same neutral answer as always.
    """
    email = email.strip().lower()
    throttling.RESET_PER_IP.hit(ip_address)
    allowed = throttling.RESET_PER_EMAIL.hit(email) <= throttling.RESET_PER_EMAIL.limit
    log_action(
        "accounts.password_reset.requested",
        ip_address=ip_address,
        data={"email": email, "throttled": not allowed},
    )
    return allowed


def record_password_reset(user: User, *, ip_address: str | None = None) -> None:
    log_action("accounts.password_reset.completed", actor=user, obj=user, ip_address=ip_address)
