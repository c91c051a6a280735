import pyotp
import pytest

from stadtgespraeche.accounts import services
from stadtgespraeche.accounts.exceptions import SecondFactorInvalid, TwoFactorError
from stadtgespraeche.accounts.models import RecoveryCode, TOTPDevice
from stadtgespraeche.accounts.queries import unused_recovery_code_count
from stadtgespraeche.core.models import AuditLog
from tests.factories.accounts import TwoFactorUserFactory, UserFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_pending_totp_device_is_created_once_with_a_secret():
    user = UserFactory()

    first = services.pending_totp_device(user)
    second = services.pending_totp_device(user)

    assert first == second
    assert len(first.secret) == 32
    assert first.confirmed_at is None


def test_pending_totp_device_refused_when_already_on():
    with pytest.raises(TwoFactorError):
        services.pending_totp_device(TwoFactorUserFactory())


def test_pending_totp_device_renews_a_stale_confirmed_device():
    user = TwoFactorUserFactory(two_factor_enabled=False)  # flag off, device left over
    old_secret = user.totp_device.secret

    device = services.pending_totp_device(user)

    assert device.confirmed_at is None
    assert device.secret != old_secret


def test_totp_provisioning_uri_names_the_account():
    user = UserFactory(email="rat@example.org")
    device = services.pending_totp_device(user)

    uri = services.totp_provisioning_uri(device)

    assert uri.startswith("otpauth://totp/")
    assert "rat%40example.org" in uri
    assert f"secret={device.secret}" in uri


def test_confirm_two_factor_switches_on_and_returns_ten_codes():
    user = UserFactory()
    device = services.pending_totp_device(user)

    codes = services.confirm_two_factor(user, code=pyotp.TOTP(device.secret).now())

    user.refresh_from_db()
    assert user.two_factor_enabled is True
    assert len(set(codes)) == 10
    assert RecoveryCode.objects.filter(user=user).count() == 10
    stored = set(RecoveryCode.objects.values_list("code_hash", flat=True))
    assert not stored & set(codes)  # only hashes are stored
    assert AuditLog.objects.get().action == "accounts.two_factor.enabled"


def test_confirm_two_factor_wrong_code_changes_nothing():
    user = UserFactory()
    services.pending_totp_device(user)

    with pytest.raises(SecondFactorInvalid):
        services.confirm_two_factor(user, code="12345x")

    user.refresh_from_db()
    assert user.two_factor_enabled is False
    assert RecoveryCode.objects.count() == 0


def test_confirm_two_factor_without_device_is_refused():
    with pytest.raises(TwoFactorError):
        services.confirm_two_factor(UserFactory(), code="123456")


def test_regenerate_recovery_codes_replaces_the_old_ones():
    user = TwoFactorUserFactory()
    old = services.regenerate_recovery_codes(user)

    new = services.regenerate_recovery_codes(user)

    assert not set(old) & set(new)
    assert unused_recovery_code_count(user) == 10
    assert AuditLog.objects.filter(action="accounts.two_factor.recovery_codes_renewed").count()


def test_regenerate_recovery_codes_refused_without_2fa():
    with pytest.raises(TwoFactorError):
        services.regenerate_recovery_codes(UserFactory())


def test_disable_two_factor_forgets_secret_and_codes():
    user = TwoFactorUserFactory()
    services.regenerate_recovery_codes(user)

    services.disable_two_factor(user)

    user.refresh_from_db()
    assert user.two_factor_enabled is False
    assert TOTPDevice.objects.filter(user=user).exists() is False
    assert RecoveryCode.objects.filter(user=user).exists() is False
    assert AuditLog.objects.filter(action="accounts.two_factor.disabled").count() == 1


def test_disable_two_factor_refused_when_off():
    with pytest.raises(TwoFactorError):
        services.disable_two_factor(UserFactory())
