import pyotp
import pytest
from django.urls import reverse

from stadtgespraeche.accounts import services
from stadtgespraeche.accounts.models import RecoveryCode, TOTPDevice
from tests.factories.accounts import (
    DEFAULT_PASSWORD,
    OrganiserFactory,
    TwoFactorUserFactory,
    UserFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SETUP = reverse("accounts:two-factor-setup")
SETTINGS = reverse("accounts:two-factor")
CODES = reverse("accounts:recovery-codes")


def test_two_factor_setup_shows_qr_code_and_secret(client):
    user = UserFactory()
    client.force_login(user)

    response = client.get(SETUP)

    device = TOTPDevice.objects.get(user=user)
    assert response.status_code == 200
    assert '<svg role="img" aria-label=' in response.text
    assert device.secret[:4] in response.text
    assert "style=" not in response.text
    assert "<script>" not in response.text


def test_two_factor_setup_needs_login(client):
    response = client.get(SETUP)

    assert response.url.startswith(reverse("accounts:login"))
    assert TOTPDevice.objects.count() == 0


def test_two_factor_setup_confirm_shows_recovery_codes_once(client):
    user = UserFactory()
    client.force_login(user)
    client.get(SETUP)
    secret = TOTPDevice.objects.get(user=user).secret

    response = client.post(SETUP, {"code": pyotp.TOTP(secret).now()})

    assert response.url == CODES
    page = client.get(CODES)
    codes = page.context["codes"]
    assert len(codes) == 10
    assert codes[0] in page.text
    assert client.get(CODES).url == SETTINGS  # not shown a second time
    user.refresh_from_db()
    assert user.two_factor_enabled is True


def test_two_factor_setup_wrong_code_shows_error(client):
    user = UserFactory()
    client.force_login(user)
    client.get(SETUP)

    response = client.post(SETUP, {"code": "000000"})

    assert response.status_code == 200
    assert "Dieser Code ist nicht gültig" in response.text
    user.refresh_from_db()
    assert user.two_factor_enabled is False


def test_two_factor_setup_when_on_goes_to_settings(client):
    client.force_login(TwoFactorUserFactory())

    assert client.get(SETUP).url == SETTINGS


def test_two_factor_settings_show_codes_left(client):
    user = TwoFactorUserFactory()
    codes = services.regenerate_recovery_codes(user)
    services.check_second_factor(user, code=codes[0], ip_address="127.0.0.1")
    client.force_login(user)

    response = client.get(SETTINGS)

    assert "Sie haben noch 9 unbenutzte Wiederherstellungscodes." in response.text


def test_two_factor_disable_needs_the_password(client):
    user = TwoFactorUserFactory()
    client.force_login(user)

    response = client.post(reverse("accounts:two-factor-disable"), {"password": "falsch"})

    assert response.status_code == 400
    assert "Das Passwort ist nicht korrekt." in response.text
    user.refresh_from_db()
    assert user.two_factor_enabled is True


def test_two_factor_disable_with_password_switches_off(client):
    user = TwoFactorUserFactory()
    client.force_login(user)

    response = client.post(reverse("accounts:two-factor-disable"), {"password": DEFAULT_PASSWORD})

    assert response.url == SETTINGS
    user.refresh_from_db()
    assert user.two_factor_enabled is False
    assert TOTPDevice.objects.filter(user=user).exists() is False


def test_recovery_codes_renew_shows_new_codes(client):
    user = TwoFactorUserFactory()
    old = services.regenerate_recovery_codes(user)
    client.force_login(user)

    response = client.post(reverse("accounts:recovery-codes-renew"))

    assert response.url == CODES
    new = client.get(CODES).context["codes"]
    assert not set(old) & set(new)
    assert RecoveryCode.objects.filter(user=user).count() == 10


def test_recovery_codes_renew_without_2fa_changes_nothing(client):
    client.force_login(UserFactory())

    response = client.post(reverse("accounts:recovery-codes-renew"))

    assert response.url == SETTINGS
    assert RecoveryCode.objects.count() == 0


def test_organiser_without_2fa_is_sent_to_setup(client):
    organiser = OrganiserFactory(two_factor_enabled=False, totp_device=False)
    client.force_login(organiser)

    response = client.get(reverse("accounts:home"))

    assert response.url == SETUP


def test_organiser_without_2fa_may_open_setup_and_log_out(client):
    organiser = OrganiserFactory(two_factor_enabled=False, totp_device=False)
    client.force_login(organiser)

    assert client.get(SETUP).status_code == 200
    assert client.post(reverse("set_language"), {"language": "en"}).status_code == 302
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_organiser_with_2fa_is_not_redirected(client):
    client.force_login(OrganiserFactory())

    response = client.get(reverse("accounts:home"))

    assert response.status_code == 200


def test_councillor_without_2fa_is_not_forced(client):
    client.force_login(UserFactory())

    response = client.get(reverse("accounts:home"))

    assert response.status_code == 200
    assert reverse("accounts:two-factor") in response.text


def test_invited_organiser_must_set_up_2fa_right_after_accepting(client):
    _, invitation = services.invite_user(
        email="orga@example.org", role="organiser", invited_by=None, send_email=False
    )
    client.post(
        reverse("accounts:invitation-accept", args=[invitation.token]),
        {
            "password1": "ein-gutes-passwort-42",
            "password2": "ein-gutes-passwort-42",
            "privacy_notice": "on",
        },
    )

    response = client.get(reverse("accounts:home"))

    assert response.url == SETUP
