"""Views of contacts: "Meine Kontakte", the request form, answers, blocking and reporting."""

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse

from stadtgespraeche.contacts.models import AbuseReport, Block, ContactRequest, ContactRequestStatus
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.people import ProfileFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

CONTACTS = reverse("contacts:contacts")


def _person(first_name, last_name, *, phone="", identity="network", **kwargs):
    user = UserFactory(first_name=first_name, last_name=last_name, **kwargs)
    ProfileFactory(
        user=user,
        municipality=MunicipalityFactory(name=f"Stadt {first_name}"),
        phone=phone,
        identity_visibility=identity,
    )
    return user


@pytest.fixture
def alice():
    return _person("Alice", "Abel", phone="0631 111", email="alice@example.org")


@pytest.fixture
def bob():
    return _person("Bob", "Berg", phone="0951 222", email="bob@example.org")


def _pending(sender, recipient, message="Lust auf Austausch zu Open Data?"):
    return ContactRequest.objects.create(sender=sender, recipient=recipient, message=message)


# --- Meine Kontakte ---------------------------------------------------------------------------


def test_contacts_page_shows_incoming_request_without_contact_details(client, alice, bob):
    _pending(alice, bob)
    client.force_login(bob)

    response = client.get(CONTACTS)

    text = response.text
    assert response.status_code == 200
    assert "Anfragen an Sie" in text
    assert "Alice Abel" in text
    assert "Lust auf Austausch zu Open Data?" in text
    assert "alice@example.org" not in text
    assert "0631 111" not in text


def test_contacts_page_shows_outgoing_request_without_contact_details(client, alice, bob):
    _pending(alice, bob)
    client.force_login(alice)

    response = client.get(CONTACTS)

    text = response.text
    assert "Bob Berg" in text
    assert "Zurückziehen" in text
    assert "bob@example.org" not in text
    assert "0951 222" not in text


@pytest.mark.parametrize("viewer", ["sender", "recipient"])
def test_contacts_page_shows_contact_details_after_acceptance(client, alice, bob, viewer):
    ContactRequest.objects.create(
        sender=alice, recipient=bob, message="Hallo", status=ContactRequestStatus.ACCEPTED
    )
    me, other_mail, other_phone = (
        (alice, "bob@example.org", "0951 222")
        if viewer == "sender"
        else (bob, "alice@example.org", "0631 111")
    )
    client.force_login(me)

    text = client.get(CONTACTS).text

    assert other_mail in text
    assert other_phone in text


def test_contacts_page_of_third_party_shows_nothing_of_others(client, alice, bob):
    ContactRequest.objects.create(
        sender=alice, recipient=bob, message="Geheim", status=ContactRequestStatus.ACCEPTED
    )
    client.force_login(_person("Carla", "Chor"))

    text = client.get(CONTACTS).text

    for secret in ("alice@example.org", "bob@example.org", "0631 111", "Alice Abel", "Geheim"):
        assert secret not in text


def test_contacts_page_hides_name_the_viewer_may_not_see(client, bob):
    hidden = _person("Hanna", "Heimlich", identity="organisers")
    _pending(hidden, bob)
    client.force_login(bob)

    text = client.get(CONTACTS).text

    assert "Heimlich" not in text
    assert "Ein Mitglied des Netzwerks" in text


def test_contacts_page_denied_to_organisers_and_anonymous(client):
    response = client.get(CONTACTS)
    assert response.status_code == 302
    client.force_login(OrganiserFactory())
    assert client.get(CONTACTS).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_contacts_page_query_count(client, django_assert_num_queries, alice, count):
    for number in range(count):
        _pending(_person(f"In{number}", "X"), alice)
        _pending(alice, _person(f"Out{number}", "Y"))
        ContactRequest.objects.create(
            sender=_person(f"Acc{number}", "Z"),
            recipient=alice,
            message="Hallo",
            status=ContactRequestStatus.ACCEPTED,
        )
        Block.objects.create(blocker=alice, blocked=_person(f"Block{number}", "B"))
    client.force_login(alice)

    with django_assert_num_queries(5):
        response = client.get(CONTACTS)

    assert len(response.context["overview"].accepted) == count


# --- Sending a request ------------------------------------------------------------------------


def test_contact_request_form_sends_request(client, alice, bob, django_capture_on_commit_callbacks):
    client.force_login(alice)
    url = reverse("contacts:contact-request-create", kwargs={"user_pk": bob.pk})

    page = client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"message": "Wollen wir telefonieren?"}, follow=True)

    assert "Kontakt zu Bob Berg anfragen" in page.text
    assert "Ihre Kontaktanfrage an Bob Berg wurde gesendet." in response.text
    assert ContactRequest.objects.get().message == "Wollen wir telefonieren?"
    assert mail.outbox[0].to == ["bob@example.org"]


@pytest.mark.parametrize(
    ("message", "error"),
    [("", "Dieses Feld ist zwingend erforderlich."), ("x" * 501, "höchstens 500 Zeichen")],
)
def test_contact_request_form_bad_input_gives_clear_message(client, alice, bob, message, error):
    client.force_login(alice)
    url = reverse("contacts:contact-request-create", kwargs={"user_pk": bob.pk})

    response = client.post(url, {"message": message})

    assert response.status_code == 200
    assert error in response.text
    assert ContactRequest.objects.count() == 0


def test_contact_request_form_with_block_shows_neutral_message(client, alice, bob):
    Block.objects.create(blocker=bob, blocked=alice)
    client.force_login(alice)
    url = reverse("contacts:contact-request-create", kwargs={"user_pk": bob.pk})

    response = client.post(url, {"message": "Hallo"})

    assert "konnte nicht gesendet werden" in response.text
    assert "gesperrt" not in response.text
    assert ContactRequest.objects.count() == 0


def test_contact_request_form_duplicate_shows_message(client, alice, bob):
    _pending(alice, bob)
    client.force_login(alice)
    url = reverse("contacts:contact-request-create", kwargs={"user_pk": bob.pk})

    response = client.post(url, {"message": "Noch einmal"})

    assert "bereits eine offene Kontaktanfrage" in response.text
    assert ContactRequest.objects.count() == 1


def test_contact_request_form_for_hidden_identity_is_not_found(client, alice):
    hidden = _person("Hanna", "Heimlich", identity="organisers")
    client.force_login(alice)
    url = reverse("contacts:contact-request-create", kwargs={"user_pk": hidden.pk})

    response = client.get(url)

    assert response.status_code == 404
    assert "Heimlich" not in response.text


def test_contact_request_form_denied_to_organiser(client, bob):
    client.force_login(OrganiserFactory())
    url = reverse("contacts:contact-request-create", kwargs={"user_pk": bob.pk})

    response = client.get(url)

    assert response.status_code == 403
    assert "Bob Berg" not in response.text


# --- Answers ----------------------------------------------------------------------------------


def test_accept_view_shares_details_for_both(client, alice, bob):
    contact_request = _pending(alice, bob)
    client.force_login(bob)

    response = client.post(
        reverse("contacts:contact-request-accept", kwargs={"pk": contact_request.pk}),
        follow=True,
    )

    assert "alice@example.org" in response.text
    client.force_login(alice)
    assert "bob@example.org" in client.get(CONTACTS).text


@pytest.mark.parametrize(
    ("action", "actor", "status"),
    [("decline", "recipient", "declined"), ("withdraw", "sender", "withdrawn")],
)
def test_decline_and_withdraw_views(client, alice, bob, action, actor, status):
    contact_request = _pending(alice, bob)
    client.force_login(bob if actor == "recipient" else alice)

    client.post(reverse(f"contacts:contact-request-{action}", kwargs={"pk": contact_request.pk}))

    contact_request.refresh_from_db()
    assert contact_request.status == status


def test_sender_cannot_accept_own_request(client, alice, bob):
    contact_request = _pending(alice, bob)
    client.force_login(alice)

    response = client.post(
        reverse("contacts:contact-request-accept", kwargs={"pk": contact_request.pk})
    )

    assert response.status_code == 403
    contact_request.refresh_from_db()
    assert contact_request.status == ContactRequestStatus.PENDING


def test_third_party_does_not_learn_about_request(client, alice, bob):
    contact_request = _pending(alice, bob)
    client.force_login(_person("Carla", "Chor"))

    response = client.post(
        reverse("contacts:contact-request-accept", kwargs={"pk": contact_request.pk})
    )

    assert response.status_code == 404


def test_answering_closed_request_shows_message(client, alice, bob):
    contact_request = _pending(alice, bob)
    contact_request.status = ContactRequestStatus.WITHDRAWN
    contact_request.save()
    client.force_login(bob)

    response = client.post(
        reverse("contacts:contact-request-accept", kwargs={"pk": contact_request.pk}),
        follow=True,
    )

    assert "kann nicht mehr geändert werden" in response.text
    assert "alice@example.org" not in response.text


# --- Block and report -------------------------------------------------------------------------


def test_block_confirm_and_unblock(client, alice, bob):
    client.force_login(alice)
    url = reverse("contacts:contact-block", kwargs={"user_pk": bob.pk})

    page = client.get(url)
    blocked = client.post(url, follow=True)
    client.post(reverse("contacts:contact-unblock", kwargs={"user_pk": bob.pk}))

    assert "Wenn Sie Bob Berg sperren" in page.text
    assert "Gesperrte Personen" in blocked.text
    assert "Bob Berg" in blocked.text
    assert not Block.objects.exists()


def test_block_denied_to_organiser(client, bob):
    client.force_login(OrganiserFactory())

    response = client.post(reverse("contacts:contact-block", kwargs={"user_pk": bob.pk}))

    assert response.status_code == 403
    assert not Block.objects.exists()


def test_report_form_creates_report(client, alice, bob):
    client.force_login(alice)
    url = reverse("contacts:contact-report", kwargs={"user_pk": bob.pk})

    response = client.post(url, {"reason": "Unerwünschte Werbung"}, follow=True)

    assert "Organisationsteam hat Ihre Meldung erhalten" in response.text
    assert AbuseReport.objects.get().reason == "Unerwünschte Werbung"


def test_report_form_bad_input_gives_clear_message(client, alice, bob):
    client.force_login(alice)
    url = reverse("contacts:contact-report", kwargs={"user_pk": bob.pk})

    response = client.post(url, {"reason": ""})

    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in response.text
    assert not AbuseReport.objects.exists()


def test_report_form_rate_limit_message(client, alice, bob):
    client.force_login(alice)
    url = reverse("contacts:contact-report", kwargs={"user_pk": bob.pk})
    for _ in range(5):
        client.post(url, {"reason": "Spam"})

    response = client.post(url, {"reason": "Spam"})

    assert "mehrere Meldungen gesendet" in response.text
    assert AbuseReport.objects.count() == 5


# --- Includes for the profile page ----------------------------------------------------------


def test_contact_actions_include_for_other_member_and_not_for_self(rf, alice, bob):
    request = rf.get("/")
    request.user = alice

    for_other = render_to_string(
        "contacts/includes/contact_actions.html", {"person": bob}, request=request
    )
    for_self = render_to_string(
        "contacts/includes/contact_actions.html", {"person": alice}, request=request
    )

    assert f"/verzeichnis/kontakte/anfrage/{bob.pk}/" in for_other
    assert "Kontakt anfragen" not in for_self


def test_contact_details_include_shows_email_and_phone(alice):
    html = render_to_string("contacts/includes/contact_details.html", {"person": alice})

    assert "mailto:alice@example.org" in html
    assert "0631 111" in html


@pytest.mark.parametrize("method", ["get", "post"])
def test_contact_request_for_a_number_beyond_64_bits_is_not_found(client, alice, method):
    """Issue 13: `<int:…>` passed 99999999999999999999 to SQLite (OverflowError, a 500);
    `<id:…>` (core/converters.py) does not match it."""
    client.force_login(alice)

    response = getattr(client, method)("/verzeichnis/kontakte/anfrage/99999999999999999999/")

    assert response.status_code == 404
