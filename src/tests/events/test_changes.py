"""SEQUENCE, change and cancellation notices (issue 4, sections 4 and 6)."""

import datetime

import pytest
from django.core import mail
from icalendar import Calendar

from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.events import services
from stadtgespraeche.events.changes import record_event_status_change
from stadtgespraeche.events.enums import EventFormat, EventStatus
from stadtgespraeche.events.exceptions import EventError
from stadtgespraeche.notifications import kinds
from stadtgespraeche.notifications.models import Notification
from stadtgespraeche.registrations.enums import RegistrationStatus
from stadtgespraeche.registrations.services.changes import KIND_CANCELLED, KIND_CHANGED
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.events import EventFactory
from tests.factories.registrations import RegistrationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def event():
    return EventFactory(
        title="Hybride Ratsarbeit",
        status=EventStatus.REGISTRATION_OPEN,
        format=EventFormat.ONLINE,
        online_info="https://bbb.example/raum-geheim",
    )


@pytest.fixture
def participants(event):
    registered = RegistrationFactory(event=event, user=UserFactory(email="reg@example.org"))
    waitlisted = RegistrationFactory(
        event=event,
        user=UserFactory(email="wait@example.org", language="en"),
        status=RegistrationStatus.WAITLISTED,
    )
    cancelled = RegistrationFactory(
        event=event,
        user=UserFactory(email="cancel@example.org"),
        status=RegistrationStatus.CANCELLED,
    )
    return registered, waitlisted, cancelled


def _attached_calendar(message) -> Calendar:
    ((name, content, mimetype),) = message.attachments
    assert name.endswith(".ics")
    assert mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def test_notification_kinds_are_registered():
    assert kinds.get(KIND_CHANGED) is not None
    assert kinds.get(KIND_CANCELLED) is not None


def test_time_change_raises_sequence_and_notifies_registered_and_waitlisted(
    event, participants, django_capture_on_commit_callbacks
):
    new_start = (event.starts_at + datetime.timedelta(days=1)).replace(microsecond=0)

    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(
            event,
            starts_at=new_start,
            ends_at=new_start + datetime.timedelta(hours=2),
            by=OrganiserFactory(),
        )

    event.refresh_from_db()
    assert event.sequence == 1
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["reg@example.org", "wait@example.org"]
    german = next(m for m in mail.outbox if m.to == ["reg@example.org"])
    english = next(m for m in mail.outbox if m.to == ["wait@example.org"])
    assert german.subject == "Geändert: Hybride Ratsarbeit"
    assert "Neue Zeit" in german.body
    assert english.subject == "Changed: Hybride Ratsarbeit"
    for message in mail.outbox:
        assert "bbb.example" not in message.body
        (component,) = _attached_calendar(message).walk("VEVENT")
        assert component["sequence"] == 1
        assert component["dtstart"].dt == new_start
    notified = Notification.objects.filter(kind=KIND_CHANGED)
    assert sorted(n.recipient.email for n in notified) == ["reg@example.org", "wait@example.org"]
    assert {n.title for n in notified} == {
        "Geändert: Hybride Ratsarbeit",
        "Changed: Hybride Ratsarbeit",
    }
    assert AuditLog.objects.filter(action="events.event.sequence_raised").count() == 1


def test_online_room_change_notifies_without_the_link(
    event, participants, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(event, online_info="https://bbb.example/neuer-raum", by=None)

    event.refresh_from_db()
    assert event.sequence == 1
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert "bbb.example" not in message.body
        assert "30" in message.body


def test_venue_change_notifies(event, participants, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(
            event, format=EventFormat.HYBRID, venue_address="Rathaus, Kaiserslautern", by=None
        )

    assert len(mail.outbox) == 2
    assert "Rathaus, Kaiserslautern" in mail.outbox[0].body


def test_title_change_raises_sequence_without_notice(
    event, participants, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(event, title="Neuer Titel", by=None)

    event.refresh_from_db()
    assert event.sequence == 1
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_unchanged_save_keeps_sequence(event, participants, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(event, title=event.title, starts_at=event.starts_at, by=None)

    event.refresh_from_db()
    assert event.sequence == 0
    assert mail.outbox == []


def test_change_without_participants_raises_sequence_only(
    event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(event, venue_address="Neuer Ort", by=None)

    event.refresh_from_db()
    assert event.sequence == 1
    assert mail.outbox == []


def test_change_of_draft_sends_no_notice(django_capture_on_commit_callbacks):
    draft = EventFactory(status=EventStatus.DRAFT)
    RegistrationFactory(event=draft)

    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(draft, venue_address="Neuer Ort", by=None)

    draft.refresh_from_db()
    assert draft.sequence == 1
    assert mail.outbox == []


def test_inactive_participant_gets_no_notice(event, django_capture_on_commit_callbacks):
    RegistrationFactory(event=event, user=UserFactory(is_active=False))

    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(event, venue_address="Neuer Ort", by=None)

    assert mail.outbox == []


def test_failed_update_sends_nothing(event, participants, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(EventError):
        services.update_event(event, ends_at=event.starts_at, by=None)

    event.refresh_from_db()
    assert event.sequence == 0
    assert mail.outbox == []


def test_cancelling_raises_sequence_and_sends_cancelled_ics(
    event, participants, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.transition_event(event, to=EventStatus.CANCELLED, by=OrganiserFactory())

    event.refresh_from_db()
    assert event.sequence == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["reg@example.org", "wait@example.org"]
    german = next(m for m in mail.outbox if m.to == ["reg@example.org"])
    assert german.subject == "Abgesagt: Hybride Ratsarbeit"
    (component,) = _attached_calendar(german).walk("VEVENT")
    assert str(component["status"]) == "CANCELLED"
    assert component["sequence"] == 1
    assert Notification.objects.filter(kind=KIND_CANCELLED).count() == 2


def test_other_transitions_keep_sequence(event, participants, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.transition_event(event, to=EventStatus.REGISTRATION_CLOSED, by=None)

    event.refresh_from_db()
    assert event.sequence == 0
    assert mail.outbox == []


def test_replanning_a_cancelled_event_raises_sequence_without_notice(
    django_capture_on_commit_callbacks,
):
    cancelled = EventFactory(status=EventStatus.CANCELLED)
    RegistrationFactory(event=cancelled)

    with django_capture_on_commit_callbacks(execute=True):
        services.transition_event(cancelled, to=EventStatus.DRAFT, by=None)

    cancelled.refresh_from_db()
    assert cancelled.sequence == 1
    assert mail.outbox == []


def test_record_event_status_change_ignores_unrelated_status():
    event = EventFactory(status=EventStatus.HELD)

    assert (
        record_event_status_change(event, previous=EventStatus.REGISTRATION_CLOSED, by=None)
        is False
    )
    event.refresh_from_db()
    assert event.sequence == 0


def test_change_is_detected_when_a_form_already_changed_the_instance(
    event, participants, django_capture_on_commit_callbacks
):
    # A ModelForm bound to the instance writes the new values onto it in is_valid().
    event.venue_address = "Rathaus, Bamberg"
    event.format = EventFormat.HYBRID

    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(event, venue_address="Rathaus, Bamberg", by=None)

    event.refresh_from_db()
    assert event.sequence == 1
    assert len(mail.outbox) == 2


def test_snapshot_of_unsaved_event_reads_the_instance():
    from stadtgespraeche.events.changes import snapshot
    from stadtgespraeche.events.models import Event

    unsaved = Event(title="Neu", venue_address="Ort")

    assert snapshot(unsaved)["venue_address"] == "Ort"
