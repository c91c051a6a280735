import re

import pytest
from django.core import mail
from django.urls import reverse

from stadtgespraeche.core.models import AuditLog
from tests.factories.accounts import DEFAULT_PASSWORD, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

RESET = reverse("accounts:password-reset")
DONE = reverse("accounts:password-reset-done")


def test_password_change_happy_path(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("accounts:password-change"),
        {
            "old_password": DEFAULT_PASSWORD,
            "new_password1": "ein-neues-passwort-42",
            "new_password2": "ein-neues-passwort-42",
        },
    )

    assert response.url == reverse("accounts:home")
    user.refresh_from_db()
    assert user.check_password("ein-neues-passwort-42") is True
    assert "_auth_user_id" in client.session  # still logged in
    assert AuditLog.objects.get().action == "accounts.password.changed"


def test_password_change_wrong_old_password_is_refused(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("accounts:password-change"),
        {"old_password": "falsch", "new_password1": "x-y-z-1234567", "new_password2": "x"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]
    user.refresh_from_db()
    assert user.check_password(DEFAULT_PASSWORD) is True


def test_password_change_needs_login(client):
    response = client.get(reverse("accounts:password-change"))

    assert response.url.startswith(reverse("accounts:login"))


def test_password_reset_sends_link_for_an_active_account(client):
    UserFactory(email="rat@example.org")

    response = client.post(RESET, {"email": "rat@example.org"})

    assert response.url == DONE
    assert [m.to for m in mail.outbox] == [["rat@example.org"]]
    assert "/konto/passwort-vergessen/" in mail.outbox[0].body
    assert mail.outbox[0].subject == "Neues Passwort für die Smarten Stadtgespräche wählen"


def test_password_reset_unknown_address_gets_the_same_answer(client):
    response = client.post(RESET, {"email": "niemand@example.org"})

    assert response.url == DONE
    assert mail.outbox == []


def test_password_reset_per_address_throttle_is_silent(client):
    UserFactory(email="rat@example.org")
    responses = [
        client.post(RESET, {"email": "rat@example.org"}, REMOTE_ADDR=f"10.0.0.{n}")
        for n in range(5)
    ]

    assert {r.url for r in responses} == {DONE}
    assert len(mail.outbox) == 3


def test_password_reset_per_ip_throttle_shows_neutral_message(client):
    for number in range(5):
        client.post(RESET, {"email": f"p{number}@example.org"})

    response = client.post(RESET, {"email": "rat@example.org"})

    assert response.status_code == 200
    assert "Zu viele Versuche" in response.text


def test_password_reset_confirm_sets_new_password(client):
    user = UserFactory(email="rat@example.org")
    client.post(RESET, {"email": "rat@example.org"})
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)

    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "ein-neues-passwort-42", "new_password2": "ein-neues-passwort-42"},
    )

    assert response.url == reverse("accounts:password-reset-complete")
    user.refresh_from_db()
    assert user.check_password("ein-neues-passwort-42") is True
    assert AuditLog.objects.filter(action="accounts.password_reset.completed").count() == 1


def test_password_reset_confirm_invalid_link_shows_message(client):
    response = client.get(reverse("accounts:password-reset-confirm", args=["MQ", "bad-token"]))

    assert response.status_code == 200
    assert "Dieser Link ist nicht mehr gültig." in response.text


def test_password_reset_with_mail_server_down_answers_the_same_for_known_and_unknown(
    client, settings
):
    """Issue 13: a 500 for a known address and a redirect for an unknown one told which
    accounts exist; now the mail is a background task and both get the same answer."""
    settings.MAILERS = {"default": {"BACKEND": "tests.mailers.UnreachableBackend"}}
    UserFactory(email="rat@example.org")

    known = client.post(RESET, {"email": "rat@example.org"})
    unknown = client.post(RESET, {"email": "niemand@example.org"})

    assert (known.status_code, known.url) == (302, DONE)
    assert (unknown.status_code, unknown.url) == (302, DONE)
