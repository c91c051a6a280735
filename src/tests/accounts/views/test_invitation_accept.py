import pytest
from django.urls import reverse

from stadtgespraeche.accounts import services
from tests.factories.accounts import OrganiserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _invitation():
    _, invitation = services.invite_user(
        email="neu@example.org", role="councillor", invited_by=OrganiserFactory(), send_email=False
    )
    return invitation


def test_invitation_accept_sets_password_and_logs_in(client):
    invitation = _invitation()
    url = reverse("accounts:invitation-accept", args=[invitation.token])

    page = client.get(url)
    response = client.post(
        url,
        {
            "password1": "ein-gutes-passwort-42",
            "password2": "ein-gutes-passwort-42",
            "privacy_notice": "on",
        },
    )

    assert "neu@example.org" in page.text
    assert response.url == reverse("pages:overview")
    assert int(client.session["_auth_user_id"]) == invitation.user.pk
    home = client.get(response.url).text
    assert "Bitte vervollständigen Sie jetzt Ihr Profil" in home
    assert "Nächster Schritt: Vor- und Nachnamen eintragen" in home


def test_invitation_accept_mismatch_gives_message(client):
    invitation = _invitation()

    response = client.post(
        reverse("accounts:invitation-accept", args=[invitation.token]),
        {"password1": "ein-gutes-passwort-42", "password2": "anders-passwort-42"},
    )

    assert "Die beiden Passwörter stimmen nicht überein." in response.text
    assert "_auth_user_id" not in client.session


def test_invitation_accept_unknown_token_is_gone(client):
    response = client.get(reverse("accounts:invitation-accept", args=["unbekannt"]))

    assert response.status_code == 410
    assert "Einladungslink ungültig" in response.text
