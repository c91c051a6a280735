import contextlib
from datetime import timedelta

import pyotp
import pytest
import time_machine
from django.utils import timezone

from stadtgespraeche.accounts import services, throttling
from stadtgespraeche.accounts.exceptions import LoginFailed, LoginThrottled, SecondFactorInvalid
from stadtgespraeche.core.models import AuditLog
from tests.factories.accounts import (
    DEFAULT_PASSWORD,
    TOTP_SECRET,
    TwoFactorUserFactory,
    UserFactory,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

IP = "192.0.2.1"
OTHER_IP = "198.51.100.7"


def test_check_password_login_returns_the_account():
    user = UserFactory(email="rat@example.org")

    result = services.check_password_login(
        email=" Rat@Example.org", password=DEFAULT_PASSWORD, ip_address=IP
    )

    assert result == user


def test_check_password_login_wrong_password_is_audited():
    UserFactory(email="rat@example.org")

    with pytest.raises(LoginFailed):
        services.check_password_login(email="rat@example.org", password="nope", ip_address=IP)

    entry = AuditLog.objects.get()
    assert entry.action == "accounts.login.failed"
    assert entry.ip_address == IP
    assert entry.data == {"email": "rat@example.org"}


def test_check_password_login_unknown_account_fails_the_same_way():
    with pytest.raises(LoginFailed):
        services.check_password_login(email="nobody@example.org", password="x", ip_address=IP)


def test_check_password_login_inactive_account_fails():
    UserFactory(email="neu@example.org", is_active=False)

    with pytest.raises(LoginFailed):
        services.check_password_login(
            email="neu@example.org", password=DEFAULT_PASSWORD, ip_address=IP
        )


def _fail(email: str, ip_address: str = IP, times: int = 1) -> None:
    for _ in range(times):
        with pytest.raises(LoginFailed):
            services.check_password_login(email=email, password="x", ip_address=ip_address)


def test_check_password_login_throttles_the_pair_after_five_failures():
    UserFactory(email="rat@example.org")
    services.record_login(UserFactory(email="rat2@example.org"), ip_address=IP)
    _fail("rat@example.org", times=5)

    with pytest.raises(LoginThrottled) as refused:
        services.check_password_login(
            email="rat@example.org", password=DEFAULT_PASSWORD, ip_address=IP
        )

    assert 14 * 60 < refused.value.retry_after <= 15 * 60
    assert AuditLog.objects.filter(action="accounts.login.locked_out").count() == 1


def test_check_password_login_account_waits_grow_across_addresses(settings):
    settings.LOGIN_ACCOUNT_FREE_FAILURES = 2
    settings.LOGIN_ACCOUNT_MAX_DELAY_SECONDS = 300
    UserFactory(email="rat@example.org")
    start = timezone.now()
    waits = []
    with time_machine.travel(start, tick=False) as clock:
        for number in range(12):
            ip_address = f"203.0.113.{number}"  # a new address for every guess
            try:
                _fail("rat@example.org", ip_address)
            except LoginThrottled as throttled:  # pragma: no cover - asserted below
                pytest.fail(f"guess {number} refused after {throttled.retry_after} s")
            waits.append(throttling.LOGIN_PER_ACCOUNT.wait("rat@example.org"))
            if waits[-1]:
                with pytest.raises(LoginThrottled) as refused:
                    services.check_password_login(
                        email="rat@example.org",
                        password=DEFAULT_PASSWORD,
                        ip_address="198.51.100.99",
                    )
                assert refused.value.retry_after == waits[-1]
            clock.shift(waits[-1])

    assert waits == [0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300]
    assert (
        AuditLog.objects.filter(action="accounts.login.locked_out", data__scope="account").count()
        == 1
    )


def test_check_password_login_unknown_account_waits_like_a_real_one(settings):
    settings.LOGIN_ACCOUNT_FREE_FAILURES = 1
    with time_machine.travel(timezone.now(), tick=False):
        _fail("nobody@example.org", "203.0.113.1", times=2)

        with pytest.raises(LoginThrottled) as refused:
            services.check_password_login(email="nobody@example.org", password="x", ip_address=IP)

    assert refused.value.retry_after == 2


def test_check_password_login_owner_from_a_known_address_is_not_delayed():
    user = UserFactory(email="rat@example.org")
    services.record_login(user, ip_address=OTHER_IP)  # the town hall, some days ago
    for number in range(30):
        with (
            time_machine.travel(timezone.now() + timedelta(minutes=6 * number)),
            contextlib.suppress(LoginThrottled),
        ):
            _fail("rat@example.org", f"203.0.113.{number}")

    result = services.check_password_login(
        email="rat@example.org", password=DEFAULT_PASSWORD, ip_address=OTHER_IP
    )

    assert result == user


def test_check_password_login_new_address_waits_at_most_the_cap(settings):
    settings.LOGIN_ACCOUNT_MAX_DELAY_SECONDS = 60
    user = UserFactory(email="rat@example.org")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for number in range(12):  # a guesser on many addresses, always at the earliest moment
            clock.shift(throttling.LOGIN_PER_ACCOUNT.wait("rat@example.org"))
            _fail("rat@example.org", f"203.0.113.{number}")
        assert throttling.LOGIN_PER_ACCOUNT.failures("rat@example.org") == 12

        with pytest.raises(LoginThrottled) as refused:  # the owner, while the guesser waits
            services.check_password_login(
                email="rat@example.org", password=DEFAULT_PASSWORD, ip_address=OTHER_IP
            )
        assert refused.value.retry_after == 60
        assert throttling.LOGIN_PER_ACCOUNT.failures("rat@example.org") == 12  # not counted
        clock.shift(60)
        assert (
            services.check_password_login(
                email="rat@example.org", password=DEFAULT_PASSWORD, ip_address=OTHER_IP
            )
            == user
        )


def test_check_password_login_a_town_hall_behind_one_address_is_not_locked_out():
    colleagues = [UserFactory(email=f"rat{number}@example.org") for number in range(40)]
    for colleague in colleagues:  # everybody mistypes once
        _fail(colleague.email)

    for colleague in colleagues:
        assert (
            services.check_password_login(
                email=colleague.email, password=DEFAULT_PASSWORD, ip_address=IP
            )
            == colleague
        )


def test_check_password_login_address_ceiling_says_when_to_try_again(settings):
    settings.LOGIN_FAILURES_PER_ADDRESS_PER_HOUR = 30
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for number in range(30):
            _fail(f"p{number}@example.org")
        clock.shift(timedelta(minutes=20))

        with pytest.raises(LoginThrottled) as refused:
            services.check_password_login(email="new@example.org", password="x", ip_address=IP)
        assert refused.value.retry_after == 40 * 60
        assert services.check_password_login(
            email=UserFactory(email="elsewhere@example.org").email,
            password=DEFAULT_PASSWORD,
            ip_address=OTHER_IP,
        )
        clock.shift(timedelta(minutes=40))
        _fail("new@example.org")  # checked again: a plain failure, no refusal
    assert (
        AuditLog.objects.filter(action="accounts.login.locked_out", data__scope="ip").count() == 1
    )


def test_check_password_login_throttle_ends_after_the_window():
    UserFactory(email="rat@example.org")
    _fail("rat@example.org", times=5)

    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert services.check_password_login(
            email="rat@example.org", password=DEFAULT_PASSWORD, ip_address=IP
        )


def test_check_password_login_account_failures_are_forgotten(settings):
    settings.LOGIN_ACCOUNT_FAILURE_MEMORY_HOURS = 1
    _fail("rat@example.org", "203.0.113.1", times=5)

    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        assert throttling.LOGIN_PER_ACCOUNT.failures("rat@example.org") == 0


def test_record_login_resets_the_account_counters_remembers_the_address_and_audits():
    user = UserFactory(email="rat@example.org")
    throttling.LOGIN_PER_ACCOUNT_AND_IP.hit("rat@example.org", IP)
    for _ in range(7):
        throttling.LOGIN_PER_ACCOUNT.fail("rat@example.org")

    services.record_login(user, ip_address=IP, second_factor="totp")

    assert throttling.LOGIN_PER_ACCOUNT_AND_IP.count("rat@example.org", IP) == 0
    assert throttling.LOGIN_PER_ACCOUNT.failures("rat@example.org") == 0
    assert throttling.LOGIN_PER_ACCOUNT.wait("rat@example.org") == 0
    assert throttling.KNOWN_ADDRESSES.is_known("rat@example.org", IP)
    assert not throttling.KNOWN_ADDRESSES.is_known("rat@example.org", OTHER_IP)
    entry = AuditLog.objects.get()
    assert (entry.action, entry.actor, entry.data) == (
        "accounts.login.succeeded",
        user,
        {"second_factor": "totp"},
    )


def test_record_login_remembers_no_address_when_switched_off(settings):
    settings.LOGIN_KNOWN_ADDRESS_DAYS = 0
    user = UserFactory(email="rat@example.org")

    services.record_login(user, ip_address=IP)

    assert not throttling.KNOWN_ADDRESSES.is_known("rat@example.org", IP)


def test_check_second_factor_accepts_the_current_totp_once():
    user = TwoFactorUserFactory()
    code = pyotp.TOTP(TOTP_SECRET).now()

    assert services.check_second_factor(user, code=code, ip_address=IP) == "totp"
    with pytest.raises(SecondFactorInvalid):
        services.check_second_factor(user, code=code, ip_address=IP)


def test_check_second_factor_accepts_the_next_step_code():
    user = TwoFactorUserFactory()
    services.check_second_factor(user, code=pyotp.TOTP(TOTP_SECRET).now(), ip_address=IP)

    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        code = pyotp.TOTP(TOTP_SECRET).now()
        assert services.check_second_factor(user, code=code, ip_address=IP) == "totp"


def test_check_second_factor_recovery_code_works_once():
    user = TwoFactorUserFactory()
    codes = services.regenerate_recovery_codes(user)

    assert services.check_second_factor(user, code=codes[0].upper(), ip_address=IP) == (
        "recovery_code"
    )
    with pytest.raises(SecondFactorInvalid):
        services.check_second_factor(user, code=codes[0], ip_address=IP)
    assert AuditLog.objects.filter(action="accounts.two_factor.recovery_code_used").count() == 1


def test_check_second_factor_throttles_after_five_wrong_codes():
    user = TwoFactorUserFactory()
    for _ in range(5):
        with pytest.raises(SecondFactorInvalid):
            services.check_second_factor(user, code="000000", ip_address=IP)

    with pytest.raises(LoginThrottled) as refused:
        services.check_second_factor(user, code=pyotp.TOTP(TOTP_SECRET).now(), ip_address=IP)
    assert 14 * 60 < refused.value.retry_after <= 15 * 60
    assert AuditLog.objects.filter(action="accounts.two_factor.failed").count() == 5
    assert AuditLog.objects.filter(action="accounts.login.locked_out").count() == 1


def test_check_second_factor_waits_grow_for_the_account_across_addresses():
    user = TwoFactorUserFactory()
    for number in range(6):
        with pytest.raises(SecondFactorInvalid):
            services.check_second_factor(user, code="000000", ip_address=f"203.0.113.{number}")

    with pytest.raises(LoginThrottled) as refused:
        services.check_second_factor(user, code=pyotp.TOTP(TOTP_SECRET).now(), ip_address=IP)
    assert refused.value.retry_after == 2
    with time_machine.travel(timezone.now() + timedelta(seconds=3)):
        code = pyotp.TOTP(TOTP_SECRET).now()
        assert services.check_second_factor(user, code=code, ip_address=IP) == "totp"
    assert throttling.TOTP_PER_ACCOUNT.failures(str(user.pk)) == 0


def test_check_second_factor_without_device_fails():
    user = UserFactory()

    with pytest.raises(SecondFactorInvalid):
        services.check_second_factor(user, code="123456", ip_address=IP)


def test_record_logout_audits():
    user = UserFactory()

    services.record_logout(user, ip_address=IP)

    assert AuditLog.objects.get().action == "accounts.logout"
