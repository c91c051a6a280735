import json
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from stadtgespraeche.accounts import services
from stadtgespraeche.accounts.models import ConsentRecord, DeletionRequest
from stadtgespraeche.contacts.models import ContactRequest
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.people.enums import Visibility
from tests.factories.accounts import DEFAULT_PASSWORD, OrganiserFactory, UserFactory
from tests.factories.network import MembershipApplicationFactory
from tests.factories.people import AffiliationFactory, MandateFactory, ProfileFactory
from tests.factories.registrations import RegistrationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

EXPORT = reverse("accounts:data-export")
EXPORT_JSON = reverse("accounts:data-export-json")
DELETE = reverse("accounts:deletion-request")


@pytest.fixture
def person():
    return UserFactory(email="rita@example.org", first_name="Rita", last_name="Ratsfrau")


def _reauthenticated(client, user):
    client.force_login(user)
    client.post(EXPORT, {"password": DEFAULT_PASSWORD})
    return client


# --- Export ----------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [EXPORT, EXPORT_JSON, DELETE])
def test_data_pages_redirect_anonymous_visitors_to_login(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_export_asks_for_the_password_before_showing_data(client, person):
    ProfileFactory(user=person, bio="Geheime Biografie")
    client.force_login(person)

    response = client.get(EXPORT)

    assert response.status_code == 200
    assert "Ihr aktuelles Passwort" in response.text
    assert "Geheime Biografie" not in response.text


def test_export_with_wrong_password_shows_message_and_no_data(client, person):
    ProfileFactory(user=person, bio="Geheime Biografie")
    client.force_login(person)

    response = client.post(EXPORT, {"password": "falsch"})

    assert response.status_code == 400
    assert "Das Passwort ist nicht korrekt." in response.text
    assert "Geheime Biografie" not in response.text
    assert not AuditLog.objects.filter(action="accounts.data.exported").exists()


def test_export_shows_all_own_data_including_every_visibility_group(client, person):
    profile = ProfileFactory(
        user=person,
        pronouns="sie/ihr",
        bio="Meine Biografie",
        expertise="Open Data",
        languages="Deutsch, Französisch",
        phone="0631 123",
        **{
            f"{group}_visibility": Visibility.ORGANISERS
            for group in ("identity", "photo", "mandates", "interests", "about")
        },
    )
    MandateFactory(profile=profile, committees="Bauausschuss")
    AffiliationFactory(user=person)
    MembershipApplicationFactory(contact_email="rita@example.org", message="Wir möchten mitmachen")
    services.record_consent(user=person, purpose="privacy_notice", text_version="v7", text="T")
    log_action("accounts.login.succeeded", actor=person)
    client = _reauthenticated(client, person)

    response = client.get(EXPORT)

    text = response.text
    for expected in [
        "rita@example.org",
        "Ratsfrau",
        "sie/ihr",
        "Meine Biografie",
        "Open Data",
        "Deutsch, Französisch",
        "0631 123",
        "Bauausschuss",
        "Wir möchten mitmachen",
        "Ihre Einwilligungen",
        "v7",
        "accounts.login.succeeded",
        "Nur Organisationsteam",
    ]:
        assert expected in text, expected
    assert "('label'" not in text
    assert AuditLog.objects.filter(action="accounts.data.exported", actor=person).exists()


def test_export_does_not_contain_another_persons_data(client, person):
    other = UserFactory(email="otto@example.org", last_name="Ordner")
    ProfileFactory(user=other, bio="Ottos Biografie", phone="0999 999")
    MembershipApplicationFactory(contact_email="otto@example.org", message="Ottos Antrag")
    log_action("accounts.login.succeeded", actor=other)
    client = _reauthenticated(client, person)

    page = client.get(EXPORT).text
    download = client.get(EXPORT_JSON).content.decode()

    for forbidden in ["otto@example.org", "Ordner", "Ottos Biografie", "0999 999", "Ottos Antrag"]:
        assert forbidden not in page
        assert forbidden not in download


def test_export_json_is_an_attachment_with_the_date(client, person):
    ProfileFactory(user=person, bio="Meine Biografie")
    client = _reauthenticated(client, person)

    response = client.get(EXPORT_JSON)

    data = json.loads(response.content)
    sections = {section["key"]: section for section in data["sections"]}
    filename = f"stadtgespraeche-daten-{timezone.localdate():%Y-%m-%d}.json"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert sections["account"]["data"]["email"] == "rita@example.org"
    assert sections["directory"]["data"]["profile"]["bio"] == "Meine Biografie"
    assert AuditLog.objects.filter(action="accounts.data.exported", data={"format": "json"})


def test_export_json_without_recent_password_redirects_to_the_page(client, person):
    client.force_login(person)

    response = client.get(EXPORT_JSON)

    assert response.status_code == 302
    assert response.url == EXPORT
    assert not AuditLog.objects.filter(action="accounts.data.exported").exists()


def test_export_asks_again_after_ten_minutes(client, person):
    client = _reauthenticated(client, person)

    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        response = client.get(EXPORT)

    assert "Ihr aktuelles Passwort" in response.text
    assert "rita@example.org" not in response.text.split("<main", 1)[1]


# --- Deletion --------------------------------------------------------------------------------


def test_deletion_page_explains_the_grace_period(client, person, settings):
    settings.ACCOUNT_DELETION_GRACE_DAYS = 14
    client.force_login(person)

    response = client.get(DELETE)

    assert "Innerhalb von 14 Tagen" in response.text


def test_deletion_request_without_confirmation_or_password_gives_messages(client, person):
    client.force_login(person)

    response = client.post(DELETE, {"password": "falsch"})

    assert response.status_code == 200
    assert "Das Passwort ist nicht korrekt." in response.text
    assert "Bitte bestätigen Sie, dass Sie Ihr Konto löschen möchten." in response.text
    person.refresh_from_db()
    assert person.is_active is True


def test_deletion_request_deactivates_logs_out_and_mails(
    client, person, django_capture_on_commit_callbacks
):
    client.force_login(person)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(DELETE, {"password": DEFAULT_PASSWORD, "confirm": "on"})

    person.refresh_from_db()
    assert "Ihr Konto wird gelöscht" in response.text
    assert person.is_active is False
    assert "_auth_user_id" not in client.session
    assert mail.outbox[0].subject == "Ihr Konto wird gelöscht"
    login = client.post(
        reverse("accounts:login"), {"email": "rita@example.org", "password": DEFAULT_PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert "weil Sie seine Löschung beantragt haben" in login.text


def test_deletion_request_ends_the_persons_other_sessions(client, person):
    other_device = Client()
    other_device.force_login(person)
    client.force_login(person)

    client.post(DELETE, {"password": DEFAULT_PASSWORD, "confirm": "on"})

    response = other_device.get(reverse("accounts:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_export_responses_are_not_cached(client, person):
    client = _reauthenticated(client, person)

    page = client.get(EXPORT)
    download = client.get(EXPORT_JSON)

    assert "no-store" in page["Cache-Control"]
    assert "no-store" in download["Cache-Control"]


@pytest.mark.parametrize("count", [1, 3])
def test_export_page_query_count_does_not_grow_with_items(
    client, person, count, django_assert_num_queries
):
    profile = ProfileFactory(user=person)
    for number in range(count):
        MandateFactory(profile=profile)
        AffiliationFactory(user=person)
        MembershipApplicationFactory(contact_email="rita@example.org")
        services.record_consent(
            user=person, purpose="privacy_notice", text_version=f"v{number}", text="T"
        )
        ContactRequest.objects.create(sender=person, recipient=UserFactory(), message="Hallo")
        RegistrationFactory(user=person)
    client = _reauthenticated(client, person)

    with django_assert_num_queries(30):  # one query per registry section (+ pending mandates)
        client.get(EXPORT)


def test_deletion_cancel_link_shows_a_button_and_changes_nothing_on_get(client, person):
    request = services.request_account_deletion(person, send_email=False)
    url = reverse("accounts:deletion-cancel", args=[request.token])

    response = client.get(url)

    person.refresh_from_db()
    assert "Konto behalten" in response.text
    assert person.is_active is False


def test_deletion_cancel_link_reactivates_the_account(client, person):
    request = services.request_account_deletion(person, send_email=False)
    url = reverse("accounts:deletion-cancel", args=[request.token])

    response = client.post(url)

    person.refresh_from_db()
    assert "Ihr Konto ist wieder aktiv" in response.text
    assert person.is_active is True
    assert client.post(url).status_code == 410


def test_deletion_cancel_link_after_the_grace_period_is_gone(client, person):
    request = services.request_account_deletion(person, send_email=False)
    url = reverse("accounts:deletion-cancel", args=[request.token])

    with time_machine.travel(timezone.now() + timedelta(days=15)):
        response = client.get(url)

    assert response.status_code == 410
    assert "Dieser Link funktioniert nicht mehr" in response.text


def test_organisers_no_longer_see_a_deleted_person_in_the_audit_log(client, person):
    services.record_consent(user=person, purpose="privacy_notice", text_version="v1", text="T")
    log_action("accounts.login.succeeded", actor=person)
    log_action("accounts.login.failed", data={"email": "rita@example.org"})
    services.request_account_deletion(person, send_email=False)
    services.process_due_deletions(now=timezone.now() + timedelta(days=15))
    organiser = OrganiserFactory()
    client.force_login(organiser)

    response = client.get(reverse("dashboard:audit-log"))

    assert "accounts.login.succeeded" in response.text
    assert "gelöschte Person" in response.text
    assert "Ratsfrau" not in response.text
    assert "rita@example.org" not in response.text
    assert DeletionRequest.objects.get().completed_at is not None


# --- Invitation acceptance records the privacy notice ------------------------------------------


def test_invitation_accept_requires_the_privacy_notice(client):
    _, invitation = services.invite_user(
        email="neu@example.org", role="councillor", invited_by=None, send_email=False
    )
    url = reverse("accounts:invitation-accept", args=[invitation.token])

    response = client.post(
        url, {"password1": "ein-gutes-passwort-42", "password2": "ein-gutes-passwort-42"}
    )

    assert "Bitte bestätigen Sie, dass Sie die Datenschutzerklärung gelesen haben." in (
        response.text
    )
    assert not ConsentRecord.objects.exists()


def test_invitation_accept_records_the_consent(client):
    _, invitation = services.invite_user(
        email="neu@example.org", role="councillor", invited_by=None, send_email=False
    )
    url = reverse("accounts:invitation-accept", args=[invitation.token])

    client.post(
        url,
        {
            "password1": "ein-gutes-passwort-42",
            "password2": "ein-gutes-passwort-42",
            "privacy_notice": "on",
        },
    )

    record = ConsentRecord.objects.get()
    assert (record.user.email, record.purpose) == ("neu@example.org", "privacy_notice")


def test_profile_disappears_for_organisers_once_deletion_is_requested(client, person):
    profile = ProfileFactory(user=person, identity_visibility=Visibility.PUBLIC)
    url = reverse("people:profile-detail", args=[profile.pk])
    client.force_login(OrganiserFactory())
    before = client.get(url)

    services.request_account_deletion(person, send_email=False)
    during = client.get(url)
    services.process_due_deletions(now=timezone.now() + timedelta(days=15))
    after = client.get(url)

    assert "Ratsfrau" in before.text
    assert (during.status_code, after.status_code) == (404, 404)
    assert "Ratsfrau" not in during.text
