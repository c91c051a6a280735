"""Organisers' messages to the registered (registrations/services/messages.py) and the
dashboard page with preview, sending and the archive (dashboard/views/messages.py)."""

import pytest
from django.core import mail

from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.registrations.enums import Audience, RegistrationStatus
from stadtgespraeche.registrations.exceptions import RegistrationError, RegistrationNotAllowed
from stadtgespraeche.registrations.models import EventMessage
from stadtgespraeche.registrations.services import messages
from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory
from tests.factories.registrations import RegistrationFactory

from .helpers import open_event

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def event():
    return open_event(title="Stadtgespräch Mobilität")


@pytest.fixture
def people(event):
    """One person per situation: in person, online, waitlisted, cancelled, inactive."""
    return {
        "in_person": RegistrationFactory(event=event, mode="in_person").user,
        "online": RegistrationFactory(event=event, mode="online", user__language="en").user,
        "waitlist": RegistrationFactory(
            event=event, mode="in_person", status=RegistrationStatus.WAITLISTED
        ).user,
        "cancelled": RegistrationFactory(
            event=event, mode="online", status=RegistrationStatus.CANCELLED
        ).user,
        "inactive": RegistrationFactory(event=event, mode="online", user__is_active=False).user,
    }


def _send(event, audience=Audience.ALL, by=None, subject="Raumänderung", body="Saal 3."):
    return messages.send_event_message(
        event, audience=audience, subject=subject, body=body, by=by or OrganiserFactory()
    )


@pytest.mark.parametrize(
    ("audience", "expected"),
    [
        (Audience.ALL, {"in_person", "online", "waitlist"}),
        (Audience.IN_PERSON, {"in_person"}),
        (Audience.ONLINE, {"online"}),
        (Audience.WAITLIST, {"waitlist"}),
    ],
)
def test_recipients_per_audience(event, people, audience, expected):
    assert set(messages.recipients(event, audience)) == {people[key] for key in expected}


def test_recipients_of_an_unknown_audience_is_refused(event):
    with pytest.raises(RegistrationError):
        messages.recipients(event, "everyone-ever")


def test_send_event_message_mails_each_person_separately_and_archives(event, people):
    organiser = OrganiserFactory()

    message = _send(event, by=organiser)

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        people[key].email for key in ("in_person", "online", "waitlist")
    )
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in mail.outbox)
    german = next(m for m in mail.outbox if m.to == [people["in_person"].email])
    assert german.subject == "Raumänderung"
    assert "Saal 3." in german.body
    assert "„Stadtgespräch Mobilität“" in german.body
    english = next(m for m in mail.outbox if m.to == [people["online"].email])
    assert "the organisers write to you" in english.body
    assert (message.recipient_count, message.sent_by, message.audience) == (3, organiser, "all")
    assert AuditLog.objects.get(action="events.message.sent").data == {
        "audience": "all",
        "recipients": 3,
    }


def test_send_event_message_to_an_empty_group_sends_nothing(event, people):
    RegistrationFactory._meta.model.objects.filter(status=RegistrationStatus.WAITLISTED).delete()

    with pytest.raises(RegistrationError, match="Niemand"):
        _send(event, audience=Audience.WAITLIST)

    assert not mail.outbox
    assert not EventMessage.objects.exists()


@pytest.mark.parametrize(("subject", "body"), [("  ", "Text"), ("Betreff", "  \n ")])
def test_send_event_message_without_subject_or_body_is_refused(event, people, subject, body):
    with pytest.raises(RegistrationError):
        _send(event, subject=subject, body=body)

    assert not mail.outbox


def test_send_event_message_too_long_is_refused(event, people):
    with pytest.raises(RegistrationError):
        _send(event, body="x" * 10_001)

    assert not EventMessage.objects.exists()


@pytest.mark.parametrize("role", ["councillor", "coordinator"])
def test_send_event_message_by_a_non_organiser_is_refused(event, people, role):
    sender = UserFactory() if role == "councillor" else CoordinatorFactory()

    with pytest.raises(RegistrationNotAllowed):
        _send(event, by=sender)

    assert not mail.outbox


# --- The dashboard page ------------------------------------------------------------------


def _url(event):
    return f"/organisation/stadtgespraeche/{event.pk}/nachrichten/"


def test_message_page_previews_before_sending(client, event, people):
    client.force_login(OrganiserFactory())

    response = client.post(
        _url(event), {"audience": "online", "subject": "Link", "body": "Neuer Raum"}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Diese Nachricht geht an 1 Person" in content
    assert 'name="confirmed" value="on"' in content
    assert not mail.outbox
    assert not EventMessage.objects.exists()


def test_message_page_sends_after_confirmation_and_shows_the_archive(client, event, people):
    client.force_login(OrganiserFactory())

    response = client.post(
        _url(event),
        {"audience": "all", "subject": "Raumänderung", "body": "Saal 3", "confirmed": "on"},
        follow=True,
    )

    content = response.content.decode()
    assert "Die Nachricht wurde an 3 Personen gesendet" in content
    assert "Raumänderung" in content
    assert len(mail.outbox) == 3
    assert EventMessage.objects.get().recipient_count == 3


def test_message_page_with_missing_subject_keeps_the_text(client, event, people):
    client.force_login(OrganiserFactory())

    response = client.post(
        _url(event),
        {"audience": "all", "subject": "", "body": "Mein langer Text", "confirmed": "on"},
    )

    assert response.status_code == 400
    content = response.content.decode()
    assert "Bitte geben Sie einen Betreff ein." in content
    assert "Mein langer Text" in content
    assert not mail.outbox


def test_message_page_to_an_empty_group_explains(client, event):
    client.force_login(OrganiserFactory())

    response = client.post(
        _url(event), {"audience": "waitlist", "subject": "X", "body": "Y", "confirmed": "on"}
    )

    assert response.status_code == 400
    assert "Niemand ist in der gewählten Gruppe angemeldet" in response.content.decode()


@pytest.mark.parametrize("role", ["councillor", "coordinator"])
def test_message_page_is_denied_to_non_organisers_without_the_archive(client, event, people, role):
    _send(event, subject="Interner Betreff")
    client.force_login(UserFactory() if role == "councillor" else CoordinatorFactory())

    response = client.get(_url(event))

    assert response.status_code == 403
    assert "Interner Betreff" not in response.content.decode()
    response = client.post(
        _url(event), {"audience": "all", "subject": "S", "body": "B", "confirmed": "on"}
    )
    assert response.status_code == 403
    assert EventMessage.objects.count() == 1


def test_message_page_offers_modes_only_for_hybrid_events(client):
    online = open_event(format="online", capacity_in_person=None)
    client.force_login(OrganiserFactory())

    content = client.get(_url(online)).content.decode()

    assert 'value="in_person"' not in content
    assert 'value="waitlist"' in content


@pytest.mark.parametrize("count", [1, 3])
def test_message_page_query_count(client, django_assert_num_queries, event, count):
    organiser = OrganiserFactory()
    RegistrationFactory(event=event)
    for index in range(count):
        _send(event, by=organiser, subject=f"Nachricht {index}")
    client.force_login(organiser)
    client.get(_url(event))

    with django_assert_num_queries(5):
        response = client.get(_url(event))

    assert response.content.decode().count("data-message=") == count
