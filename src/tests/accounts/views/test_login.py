import pyotp
import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from stadtgespraeche.core.models import AuditLog
from tests.factories.accounts import (
    DEFAULT_PASSWORD,
    TOTP_SECRET,
    OrganiserFactory,
    TwoFactorUserFactory,
    UserFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LOGIN = reverse("accounts:login")
SECOND = reverse("accounts:login-two-factor")


def _login(client, email, password, **extra):
    return client.post(LOGIN, {"email": email, "password": password}, **extra)


def test_login_page_shows_form_and_reset_link(client):
    response = client.get(LOGIN)

    assert response.status_code == 200
    assert 'name="email"' in response.text
    assert reverse("accounts:password-reset") in response.text


def test_login_without_2fa_logs_in_and_redirects_home(client):
    user = UserFactory(email="rat@example.org")

    response = _login(client, "rat@example.org", DEFAULT_PASSWORD)

    assert response.url == reverse("pages:overview")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert AuditLog.objects.get().action == "accounts.login.succeeded"


def test_login_follows_a_safe_next_only(client):
    UserFactory(email="rat@example.org")

    response = client.post(
        LOGIN,
        {"email": "rat@example.org", "password": DEFAULT_PASSWORD, "next": "https://evil.example/"},
    )

    assert response.url == reverse("pages:overview")


def test_login_wrong_password_and_unknown_account_get_the_same_answer(client):
    UserFactory(email="rat@example.org")

    wrong = _login(client, "rat@example.org", "falsch")
    unknown = _login(client, "niemand@example.org", "falsch")

    assert wrong.status_code == unknown.status_code == 200
    assert "_auth_user_id" not in client.session
    assert wrong.context["form"].non_field_errors() == unknown.context["form"].non_field_errors()


def test_login_error_message_is_german_and_neutral(client):
    response = _login(client, "niemand@example.org", "falsch")

    assert "E-Mail-Adresse oder das Passwort ist nicht korrekt" in response.text


def test_login_throttled_pair_refuses_even_the_right_password_and_says_when(client):
    UserFactory(email="rat@example.org")
    for _ in range(5):
        _login(client, "rat@example.org", "falsch")

    response = _login(client, "rat@example.org", DEFAULT_PASSWORD)

    assert "_auth_user_id" not in client.session
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in response.text
    assert "in 15 Minuten erneut" in response.text


def test_login_account_wait_is_shown_in_seconds_in_english(client, settings):
    settings.LOGIN_ACCOUNT_FREE_FAILURES = 1
    UserFactory(email="rat@example.org")
    client.cookies["django_language"] = "en"
    with time_machine.travel(timezone.now(), tick=False):
        _login(client, "rat@example.org", "wrong", REMOTE_ADDR="203.0.113.1")
        _login(client, "rat@example.org", "wrong", REMOTE_ADDR="203.0.113.2")

        response = _login(client, "rat@example.org", DEFAULT_PASSWORD, REMOTE_ADDR="203.0.113.3")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "please try again in 2 seconds" in response.text


def test_login_a_guesser_elsewhere_cannot_keep_the_owner_out_of_a_known_network(client):
    user = UserFactory(email="rat@example.org")
    _login(client, "rat@example.org", DEFAULT_PASSWORD, REMOTE_ADDR="198.51.100.1")
    client.post(reverse("accounts:logout"))
    for number in range(30):
        _login(client, "rat@example.org", "falsch", REMOTE_ADDR=f"203.0.113.{number}")

    response = _login(client, "rat@example.org", DEFAULT_PASSWORD, REMOTE_ADDR="198.51.100.1")

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_login_blank_form_gives_field_errors(client):
    response = client.post(LOGIN, {"email": "kein-mail", "password": ""})

    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"email", "password"}


def test_login_with_2fa_asks_for_the_code_before_logging_in(client):
    TwoFactorUserFactory(email="rat@example.org")

    response = _login(client, "rat@example.org", DEFAULT_PASSWORD)

    assert response.url == SECOND
    assert "_auth_user_id" not in client.session


def test_login_with_2fa_completes_with_a_totp_code(client):
    user = TwoFactorUserFactory(email="rat@example.org")
    _login(client, "rat@example.org", DEFAULT_PASSWORD)

    response = client.post(SECOND, {"code": pyotp.TOTP(TOTP_SECRET).now()})

    assert response.url == reverse("pages:overview")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert AuditLog.objects.get(action="accounts.login.succeeded").data == {"second_factor": "totp"}


def test_login_with_2fa_wrong_code_stays_logged_out(client):
    TwoFactorUserFactory(email="rat@example.org")
    _login(client, "rat@example.org", DEFAULT_PASSWORD)

    response = client.post(SECOND, {"code": "000000"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Dieser Code ist nicht gültig" in response.text


def test_login_with_2fa_recovery_code_works_once(client):
    from stadtgespraeche.accounts import services

    user = TwoFactorUserFactory(email="rat@example.org")
    code = services.regenerate_recovery_codes(user)[0]
    _login(client, "rat@example.org", DEFAULT_PASSWORD)
    client.post(SECOND, {"code": code})
    client.post(reverse("accounts:logout"))

    _login(client, "rat@example.org", DEFAULT_PASSWORD)
    response = client.post(SECOND, {"code": code})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_login_second_step_without_password_step_goes_back_to_login(client):
    response = client.get(SECOND)

    assert response.url == LOGIN


def test_login_second_step_throttled_sends_back_to_login(client):
    TwoFactorUserFactory(email="rat@example.org")
    _login(client, "rat@example.org", DEFAULT_PASSWORD)
    for _ in range(5):
        client.post(SECOND, {"code": "000000"})

    response = client.post(SECOND, {"code": pyotp.TOTP(TOTP_SECRET).now()})

    assert response.url == LOGIN
    assert "_auth_user_id" not in client.session


def test_logout_needs_post_and_is_audited(client):
    user = UserFactory()
    client.force_login(user)

    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert AuditLog.objects.get().action == "accounts.logout"


def test_organiser_login_goes_through_2fa(client):
    OrganiserFactory(email="orga@example.org")

    response = _login(client, "orga@example.org", DEFAULT_PASSWORD)

    assert response.url == SECOND


def test_login_with_2fa_keeps_the_next_url(client):
    TwoFactorUserFactory(email="rat@example.org")
    client.post(
        LOGIN, {"email": "rat@example.org", "password": DEFAULT_PASSWORD, "next": "/themen/"}
    )

    response = client.post(SECOND, {"code": pyotp.TOTP(TOTP_SECRET).now()})

    assert response.url == "/themen/"
