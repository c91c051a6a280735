"""The reminder one day before (issue 4, section 4): due selection, content, never twice."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from stadtgespraeche.core import periodic
from stadtgespraeche.events.enums import EventFormat, EventStatus
from stadtgespraeche.registrations import reminders
from stadtgespraeche.registrations.enums import RegistrationStatus
from stadtgespraeche.registrations.models import Registration
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory
from tests.factories.registrations import RegistrationFactory

pytestmark = [pytest.mark.integration]


def _event_in(hours: float, **fields):
    start = timezone.now() + datetime.timedelta(hours=hours)
    return EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2), **fields)


@pytest.mark.django_db
def test_reminder_job_is_registered():
    names = [job.name for job in periodic.jobs()]

    assert "events.send_reminders" in names


@pytest.mark.django_db
def test_reminder_goes_to_registered_of_events_within_a_day(django_capture_on_commit_callbacks):
    soon = _event_in(20, title="Hybride Ratsarbeit", format=EventFormat.HYBRID)
    registered = RegistrationFactory(event=soon, user=UserFactory(email="reg@example.org"))
    RegistrationFactory(event=soon, status=RegistrationStatus.WAITLISTED)
    RegistrationFactory(event=soon, status=RegistrationStatus.CANCELLED)
    RegistrationFactory(event=soon, user=UserFactory(is_active=False))
    RegistrationFactory(event=_event_in(30))  # more than a day ahead
    RegistrationFactory(event=_event_in(-1))  # already started
    RegistrationFactory(event=_event_in(5, status=EventStatus.CANCELLED))
    RegistrationFactory(event=_event_in(5, status=EventStatus.DRAFT))

    with django_capture_on_commit_callbacks(execute=True):
        claimed = reminders.send_due_reminders()

    assert claimed == 1
    (message,) = mail.outbox
    assert message.to == ["reg@example.org"]
    assert message.subject == "Erinnerung: Hybride Ratsarbeit morgen"
    assert f"http://testserver{soon.get_absolute_url()}" in message.body
    assert "30 Minuten vor Beginn" in message.body
    assert timezone.localtime(soon.starts_at).strftime("%H:%M") in message.body
    registered.refresh_from_db()
    assert registered.reminder_sent_at is not None


@pytest.mark.django_db
def test_reminder_for_in_person_event_has_no_join_hint(django_capture_on_commit_callbacks):
    event = _event_in(
        10, format=EventFormat.IN_PERSON, venue_address="Rathaus, Bamberg", online_info="x"
    )
    RegistrationFactory(event=event, user=UserFactory(language="en"))

    with django_capture_on_commit_callbacks(execute=True):
        reminders.send_due_reminders()

    (message,) = mail.outbox
    assert message.subject.startswith("Reminder:")
    assert "Rathaus, Bamberg" in message.body
    assert "join link" not in message.body


@pytest.mark.django_db
def test_reminder_run_twice_sends_once(django_capture_on_commit_callbacks):
    event = _event_in(3)
    RegistrationFactory.create_batch(3, event=event)

    with django_capture_on_commit_callbacks(execute=True):
        first = reminders.send_due_reminders()
    with django_capture_on_commit_callbacks(execute=True):
        second = reminders.send_due_reminders()

    assert (first, second) == (3, 0)
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_claim_reminder_only_once():
    registration = RegistrationFactory(event=_event_in(3))
    now = timezone.now()

    assert reminders.claim_reminder(registration, now) is True
    assert reminders.claim_reminder(registration, now) is False


@pytest.mark.django_db
def test_claim_reminder_refuses_waitlisted():
    registration = RegistrationFactory(event=_event_in(3), status=RegistrationStatus.WAITLISTED)

    assert reminders.claim_reminder(registration, timezone.now()) is False


@pytest.mark.django_db(transaction=True)
def test_periodic_runner_sends_reminders_once():
    RegistrationFactory.create_batch(2, event=_event_in(6))

    first = periodic.run_due(force=True, only="events.send_reminders")
    second = periodic.run_due(force=True, only="events.send_reminders")

    assert first == {"events.send_reminders": "ok"}
    assert second == {"events.send_reminders": "ok"}
    assert len(mail.outbox) == 2
    assert not Registration.objects.filter(reminder_sent_at__isnull=True).exists()


@pytest.mark.django_db(transaction=True)
def test_failed_run_sends_nothing_and_leaves_reminders_due(monkeypatch):
    RegistrationFactory.create_batch(2, event=_event_in(6))
    original = reminders.claim_reminder
    calls = []

    def claim_then_fail(registration, now):
        calls.append(registration.pk)
        if len(calls) == 2:
            raise RuntimeError("database went away")
        return original(registration, now)

    monkeypatch.setattr(reminders, "claim_reminder", claim_then_fail)

    result = periodic.run_due(force=True, only="events.send_reminders")

    assert result == {"events.send_reminders": "failed"}
    assert mail.outbox == []
    assert Registration.objects.filter(reminder_sent_at__isnull=True).count() == 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_runs_send_each_reminder_once(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (the PostgreSQL leg runs this)")
    RegistrationFactory.create_batch(5, event=_event_in(6))
    barrier = threading.Barrier(2, timeout=20)
    original = reminders.due_reminders

    def due_then_wait(now):
        found = original(now)
        barrier.wait()  # both runs have read all five as due before either claims one
        return found

    monkeypatch.setattr(reminders, "due_reminders", due_then_wait)
    results: list[int] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(reminders.send_due_reminders())
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sum(results) == 5
    assert len(mail.outbox) == 5
    assert len({message.to[0] for message in mail.outbox}) == 5


@pytest.mark.django_db
def test_moving_an_event_makes_its_reminder_due_again(django_capture_on_commit_callbacks):
    from stadtgespraeche.events import services

    event = _event_in(3)
    RegistrationFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        reminders.send_due_reminders()
    later = event.starts_at + datetime.timedelta(hours=5)

    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(
            event, starts_at=later, ends_at=later + datetime.timedelta(hours=2), by=None
        )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = reminders.send_due_reminders()
        twice = reminders.send_due_reminders()

    assert (again, twice) == (1, 0)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_title_change_keeps_reminder_sent(django_capture_on_commit_callbacks):
    from stadtgespraeche.events import services

    event = _event_in(3)
    registration = RegistrationFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        reminders.send_due_reminders()

    services.update_event(event, title="Anderer Titel", by=None)

    registration.refresh_from_db()
    assert registration.reminder_sent_at is not None
