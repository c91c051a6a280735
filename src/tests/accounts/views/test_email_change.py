import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories.accounts import DEFAULT_PASSWORD, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

CHANGE = reverse("accounts:email-change")


def test_email_change_flow_end_to_end(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="alt@example.org")
    client.force_login(user)

    response = client.post(CHANGE, {"new_email": "neu@example.org", "password": DEFAULT_PASSWORD})
    assert response.url == reverse("accounts:home")
    user.refresh_from_db()
    assert user.email == "alt@example.org"

    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    confirm_page = client.get(link)
    assert "neu@example.org" in confirm_page.text
    user.refresh_from_db()
    assert user.email == "alt@example.org"  # GET changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        client.post(link)
    user.refresh_from_db()
    assert user.email == "neu@example.org"
    assert mail.outbox[-1].to == ["alt@example.org"]

    assert client.post(link).status_code == 410  # single use


def test_email_change_wrong_password_is_refused(client):
    client.force_login(UserFactory(email="alt@example.org"))

    response = client.post(CHANGE, {"new_email": "neu@example.org", "password": "falsch"})

    assert response.status_code == 200
    assert "Das Passwort ist nicht korrekt." in response.text
    assert mail.outbox == []


def test_email_change_to_taken_address_looks_the_same(client):
    UserFactory(email="vergeben@example.org")
    client.force_login(UserFactory(email="alt@example.org"))

    response = client.post(
        CHANGE, {"new_email": "vergeben@example.org", "password": DEFAULT_PASSWORD}
    )

    assert response.url == reverse("accounts:home")
    assert mail.outbox == []


def test_email_change_same_address_gives_message(client):
    client.force_login(UserFactory(email="alt@example.org"))

    response = client.post(CHANGE, {"new_email": "ALT@example.org", "password": DEFAULT_PASSWORD})

    assert "Das ist bereits Ihre E-Mail-Adresse." in response.text


def test_email_change_confirm_bad_token_is_gone(client):
    response = client.get(reverse("accounts:email-change-confirm", args=["kaputt"]))

    assert response.status_code == 410
    assert "Bestätigungslink ungültig" in response.text


def test_email_change_needs_login(client):
    response = client.get(CHANGE)

    assert response.url.startswith(reverse("accounts:login"))


def test_email_change_throttled_shows_message(client):
    client.force_login(UserFactory(email="alt@example.org"))
    for number in range(3):
        client.post(CHANGE, {"new_email": f"neu{number}@example.org", "password": DEFAULT_PASSWORD})

    response = client.post(CHANGE, {"new_email": "opfer@example.org", "password": DEFAULT_PASSWORD})

    assert response.status_code == 200
    assert "in einer Stunde erneut" in response.text
    assert len(mail.outbox) == 3
