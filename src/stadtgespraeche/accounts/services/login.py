"""Checking credentials at login, with throttling that never locks an account globally."""

from django.contrib.auth import authenticate
from django.db import transaction

from stadtgespraeche.accounts import throttling
from stadtgespraeche.accounts.exceptions import (
    AccountPendingDeletion,
    LoginFailed,
    LoginThrottled,
    SecondFactorInvalid,
)
from stadtgespraeche.accounts.models import TOTPDevice, User
from stadtgespraeche.core.audit import log_action

from .data_rights import open_deletion_request
from .two_factor import use_recovery_code, verify_totp


def _normalise(email: str) -> str:
    return email.strip().lower()


def _count_failure(
    pair: throttling.Throttle, per_ip: throttling.Throttle, account: str, ip_address: str
) -> list[str]:
    """Count a failure; returns the scopes whose limit was reached just now."""
    reached = []
    if pair.hit(account, ip_address) == pair.limit:
        reached.append("account_and_ip")
    if per_ip.hit(ip_address) == per_ip.limit:
        reached.append("ip")
    return reached


def _pending_deletion(account: str, password: str) -> bool:
    """Whether `account` is deactivated by its own deletion request and `password` is right
    (only then may the person learn why they cannot log in)."""
    user = User.objects.filter(email__iexact=account, is_active=False).first()
    return (
        user is not None
        and open_deletion_request(user) is not None
        and user.check_password(password)
    )


def check_password_login(*, email: str, password: str, ip_address: str) -> User:
    """The active account for `email` and `password`.

    Raises LoginThrottled when this address, or this address for this account, has failed
    too often lately (the same answer whether the account exists or not), and LoginFailed
    for wrong credentials. The account itself is never locked. With the right password for
    an account deactivated by its deletion request, raises AccountPendingDeletion.
    """
    account = _normalise(email)
    if throttling.LOGIN_PER_IP.is_blocked(ip_address) or (
        throttling.LOGIN_PER_ACCOUNT_AND_IP.is_blocked(account, ip_address)
    ):
        raise LoginThrottled(account)
    user = authenticate(None, email=account, password=password)
    if not isinstance(user, User):
        if _pending_deletion(account, password):
            raise AccountPendingDeletion(account)
        reached = _count_failure(
            throttling.LOGIN_PER_ACCOUNT_AND_IP, throttling.LOGIN_PER_IP, account, ip_address
        )
        log_action("accounts.login.failed", ip_address=ip_address, data={"email": account})
        for scope in reached:
            log_action(
                "accounts.login.locked_out",
                ip_address=ip_address,
                data={"email": account, "scope": scope},
            )
        raise LoginFailed(account)
    return user


def check_second_factor(user: User, *, code: str, ip_address: str) -> str:
    """Check a TOTP code or a recovery code of `user`; returns "totp" or "recovery_code".

    A recovery code is used up. Raises LoginThrottled after too many wrong codes from this
    address (for this account), SecondFactorInvalid for a wrong or used code.
    """
    account = str(user.pk)
    if throttling.TOTP_PER_IP.is_blocked(ip_address) or (
        throttling.TOTP_PER_ACCOUNT_AND_IP.is_blocked(account, ip_address)
    ):
        raise LoginThrottled(account)
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=user).exclude(confirmed_at=None).first()
        if device is not None and verify_totp(device, code):
            method = "totp"
        elif use_recovery_code(user, code):
            method = "recovery_code"
            log_action("accounts.two_factor.recovery_code_used", actor=user, obj=user)
        else:
            method = ""
    if method:
        throttling.TOTP_PER_ACCOUNT_AND_IP.reset(account, ip_address)
        return method
    reached = _count_failure(
        throttling.TOTP_PER_ACCOUNT_AND_IP, throttling.TOTP_PER_IP, account, ip_address
    )
    log_action("accounts.two_factor.failed", obj=user, ip_address=ip_address)
    for scope in reached:
        log_action(
            "accounts.login.locked_out", obj=user, ip_address=ip_address, data={"scope": scope}
        )
    raise SecondFactorInvalid(account)


def record_login(user: User, *, ip_address: str, second_factor: str = "") -> None:
    """Audit a completed login and forget the failures of this account from this address."""
    throttling.LOGIN_PER_ACCOUNT_AND_IP.reset(_normalise(user.email), ip_address)
    data = {"second_factor": second_factor} if second_factor else {}
    log_action("accounts.login.succeeded", actor=user, obj=user, ip_address=ip_address, data=data)


def record_logout(user: User, *, ip_address: str) -> None:
    log_action("accounts.logout", actor=user, obj=user, ip_address=ip_address)
