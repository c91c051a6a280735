"""Checking credentials at login, throttled without locking out a shared network."""

from dataclasses import dataclass

from django.conf import settings
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


@dataclass(frozen=True)
class _Limits:
    """The counters of one login step (password or second factor)."""

    per_account: throttling.AccountDelay
    pair: throttling.Throttle
    per_ip: throttling.Throttle


def _password_limits() -> _Limits:
    return _Limits(
        throttling.LOGIN_PER_ACCOUNT, throttling.LOGIN_PER_ACCOUNT_AND_IP, throttling.login_per_ip()
    )


def _second_factor_limits() -> _Limits:
    return _Limits(
        throttling.TOTP_PER_ACCOUNT, throttling.TOTP_PER_ACCOUNT_AND_IP, throttling.totp_per_ip()
    )


def _wait_before_checking(limits: _Limits, account: str, ip_address: str, *, exempt: bool) -> int:
    """Seconds before an attempt for `account` from `ip_address` may be checked (0: now).

    `exempt` spares the growing per-account delay (an address the person logged in from).
    """
    waits = [0]
    if limits.per_ip.is_blocked(ip_address):
        waits.append(limits.per_ip.retry_after(ip_address) or limits.per_ip.window)
    if limits.pair.is_blocked(account, ip_address):
        waits.append(limits.pair.retry_after(account, ip_address) or limits.pair.window)
    if not exempt:
        waits.append(limits.per_account.wait(account))
    return max(waits)


def _count_failure(limits: _Limits, account: str, ip_address: str) -> list[str]:
    """Count a failure everywhere; returns the scopes whose limit was reached just now."""
    reached = []
    if limits.pair.hit(account, ip_address) == limits.pair.limit:
        reached.append("account_and_ip")
    if limits.per_ip.hit(ip_address) == limits.per_ip.limit:
        reached.append("ip")
    limits.per_account.fail(account)
    if limits.per_account.failures(account) == int(settings.LOGIN_ACCOUNT_FREE_FAILURES) + 1:
        reached.append("account")
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

    Raises LoginThrottled (with the seconds to wait) while this account must wait after
    repeated failures (not from an address it logged in from before), or this address
    reached its ceiling, or this address failed too often for this account; the same answer
    whether the account exists or not. Raises LoginFailed for wrong credentials. With the
    right password for an account deactivated by its deletion request, raises
    AccountPendingDeletion.
    """
    account = _normalise(email)
    limits = _password_limits()
    known = throttling.KNOWN_ADDRESSES.is_known(account, ip_address)
    wait = _wait_before_checking(limits, account, ip_address, exempt=known)
    if wait:
        raise LoginThrottled(account, retry_after=wait)
    user = authenticate(None, email=account, password=password)
    if not isinstance(user, User):
        if _pending_deletion(account, password):
            raise AccountPendingDeletion(account)
        reached = _count_failure(limits, account, ip_address)
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

    A recovery code is used up. Raises LoginThrottled after too many wrong codes (for this
    account from anywhere, growing waits; for this account from this address; from this
    address), SecondFactorInvalid for a wrong or used code.
    """
    account = str(user.pk)
    limits = _second_factor_limits()
    wait = _wait_before_checking(limits, account, ip_address, exempt=False)
    if wait:
        raise LoginThrottled(account, retry_after=wait)
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
        limits.pair.reset(account, ip_address)
        limits.per_account.reset(account)
        return method
    reached = _count_failure(limits, account, ip_address)
    log_action("accounts.two_factor.failed", obj=user, ip_address=ip_address)
    for scope in reached:
        log_action(
            "accounts.login.locked_out", obj=user, ip_address=ip_address, data={"scope": scope}
        )
    raise SecondFactorInvalid(account)


def record_login(user: User, *, ip_address: str, second_factor: str = "") -> None:
    """Audit a completed login, forget the account's failures and remember the address."""
    account = _normalise(user.email)
    throttling.LOGIN_PER_ACCOUNT_AND_IP.reset(account, ip_address)
    throttling.LOGIN_PER_ACCOUNT.reset(account)
    throttling.KNOWN_ADDRESSES.remember(account, ip_address)
    data = {"second_factor": second_factor} if second_factor else {}
    log_action("accounts.login.succeeded", actor=user, obj=user, ip_address=ip_address, data=data)


def record_logout(user: User, *, ip_address: str) -> None:
    log_action("accounts.logout", actor=user, obj=user, ip_address=ip_address)
