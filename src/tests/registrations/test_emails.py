"""Registration e-mails: content in the recipient's language, plain text, the self-cancel
link and a valid iCalendar attachment where the person has a place."""

import pytest
from django.core import mail
from icalendar import Calendar

from stadtgespraeche.events.calendar import event_uid
from stadtgespraeche.registrations.services import registration as services
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.registrations.helpers import open_event

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _register(event, person):
    return services.register(event, person=person, by=person, mode="in_person")


def _calendar_of(message):
    (attachment,) = message.attachments
    assert attachment.filename.endswith(".ics")
    assert attachment.mimetype == "text/calendar"
    content = attachment.content
    return Calendar.from_ical(content if isinstance(content, bytes) else content.encode())


def test_confirmation_is_german_with_ics_and_cancel_link(django_capture_on_commit_callbacks):
    event = open_event(title="Digitale Ratsarbeit")
    person = UserFactory(first_name="Rita", language="de")

    with django_capture_on_commit_callbacks(execute=True):
        result = _register(event, person)

    (message,) = mail.outbox
    assert message.to == [person.email]
    assert message.subject == "Anmeldung bestätigt: Digitale Ratsarbeit"
    assert message.body.startswith("Guten Tag Rita,")
    assert "Ihre Anmeldung ist bestätigt" in message.body
    assert "Teilnahme: vor Ort" in message.body
    assert "Rathaus, Willy-Brandt-Platz 1" in message.body
    assert services.cancel_url(result.cancel_token) in message.body
    calendar = _calendar_of(message)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == event_uid(event)
    assert str(vevent["SUMMARY"]) == "Digitale Ratsarbeit"
    assert calendar.walk("VTIMEZONE")


def test_confirmation_in_english_for_an_english_speaker(django_capture_on_commit_callbacks):
    event = open_event(title="Digital council work")
    person = UserFactory(first_name="Ann", language="en")

    with django_capture_on_commit_callbacks(execute=True):
        _register(event, person)

    (message,) = mail.outbox
    assert message.subject == "Registration confirmed: Digital council work"
    assert message.body.startswith("Hello Ann,")
    assert "Attendance: in person" in message.body


def test_waitlist_notice_has_the_link_but_no_calendar(django_capture_on_commit_callbacks):
    event = open_event(capacity_in_person=0)

    with django_capture_on_commit_callbacks(execute=True):
        result = _register(event, UserFactory())

    (message,) = mail.outbox
    assert message.subject.startswith("Auf der Warteliste:")
    assert "Warteliste" in message.body
    assert services.cancel_url(result.cancel_token) in message.body
    assert message.attachments == []


def test_promotion_mail_has_a_new_link_and_the_calendar(django_capture_on_commit_callbacks):
    event = open_event(capacity_in_person=1)
    holder = _register(event, UserFactory()).registration
    waiting = _register(event, UserFactory(first_name="Bea"))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(holder, by=holder.user)

    (message,) = mail.outbox
    assert message.to == [waiting.registration.user.email]
    assert message.subject.startswith("Sie haben einen Platz:")
    assert "nachgerückt" in message.body
    assert services.cancel_url(waiting.cancel_token) not in message.body
    assert "/anmeldung/abmelden/" in message.body
    assert _calendar_of(message).walk("VEVENT")


def test_organiser_cancellation_mail_carries_the_message(django_capture_on_commit_callbacks):
    event = open_event()
    registration = _register(event, UserFactory()).registration
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(
            registration, by=OrganiserFactory(), message="Bitte melden Sie sich online an."
        )

    (message,) = mail.outbox
    assert message.subject.startswith("Anmeldung storniert:")
    assert "Ihre Nachricht:\nBitte melden Sie sich online an." in message.body
    assert event.get_absolute_url() in message.body
    assert message.attachments == []


def test_self_cancellation_sends_no_mail(django_capture_on_commit_callbacks):
    registration = _register(open_event(), UserFactory()).registration
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(registration, by=registration.user)

    assert mail.outbox == []
