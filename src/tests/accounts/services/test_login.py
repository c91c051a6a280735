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


def test_check_password_login_throttles_the_pair_after_five_failures():
    UserFactory(email="rat@example.org")
    for _ in range(5):
        with pytest.raises(LoginFailed):
            services.check_password_login(email="rat@example.org", password="x", ip_address=IP)

    with pytest.raises(LoginThrottled):
        services.check_password_login(
            email="rat@example.org", password=DEFAULT_PASSWORD, ip_address=IP
        )
    assert AuditLog.objects.filter(action="accounts.login.locked_out").count() == 1


def test_check_password_login_owner_from_another_ip_is_not_locked_out():
    user = UserFactory(email="rat@example.org")
    for _ in range(5):
        with pytest.raises(LoginFailed):
            services.check_password_login(email="rat@example.org", password="x", ip_address=IP)

    result = services.check_password_login(
        email="rat@example.org", password=DEFAULT_PASSWORD, ip_address=OTHER_IP
    )

    assert result == user


def test_check_password_login_throttles_an_ip_trying_many_accounts():
    for number in range(throttling.LOGIN_PER_IP.limit):
        with pytest.raises(LoginFailed):
            services.check_password_login(
                email=f"p{number}@example.org", password="x", ip_address=IP
            )

    with pytest.raises(LoginThrottled):
        services.check_password_login(email="new@example.org", password="x", ip_address=IP)


def test_check_password_login_throttle_ends_after_the_window():
    UserFactory(email="rat@example.org")
    for _ in range(5):
        with pytest.raises(LoginFailed):
            services.check_password_login(email="rat@example.org", password="x", ip_address=IP)

    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert services.check_password_login(
            email="rat@example.org", password=DEFAULT_PASSWORD, ip_address=IP
        )


def test_record_login_resets_the_pair_counter_and_audits():
    user = UserFactory(email="rat@example.org")
    throttling.LOGIN_PER_ACCOUNT_AND_IP.hit("rat@example.org", IP)

    services.record_login(user, ip_address=IP, second_factor="totp")

    assert throttling.LOGIN_PER_ACCOUNT_AND_IP.count("rat@example.org", IP) == 0
    entry = AuditLog.objects.get()
    assert (entry.action, entry.actor, entry.data) == (
        "accounts.login.succeeded",
        user,
        {"second_factor": "totp"},
    )


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

    with pytest.raises(LoginThrottled):
        services.check_second_factor(user, code=pyotp.TOTP(TOTP_SECRET).now(), ip_address=IP)
    assert AuditLog.objects.filter(action="accounts.two_factor.failed").count() == 5
    assert AuditLog.objects.filter(action="accounts.login.locked_out").count() == 1


def test_check_second_factor_without_device_fails():
    user = UserFactory()

    with pytest.raises(SecondFactorInvalid):
        services.check_second_factor(user, code="123456", ip_address=IP)


def test_record_logout_audits():
    user = UserFactory()

    services.record_logout(user, ip_address=IP)

    assert AuditLog.objects.get().action == "accounts.logout"
