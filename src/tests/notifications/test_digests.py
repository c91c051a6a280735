"""The digest job: due periods, contents, and never an item twice (run twice, concurrently)."""

import threading
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import connection, connections
from django.test import override_settings

from stadtgespraeche.core import periodic
from stadtgespraeche.notifications import digests, emails, services
from stadtgespraeche.notifications.enums import Cadence
from stadtgespraeche.notifications.models import DigestDelivery, Notification, Preference
from tests.factories.accounts import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.unit]

BERLIN = ZoneInfo("Europe/Berlin")


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    """A moment in November 2026, Berlin time (25 November 2026 is a Wednesday)."""
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("cadence", "now", "start", "due_hour"),
    [
        (Cadence.DAILY, at(25, 7, 30), date(2026, 11, 25), 7),
        (Cadence.DAILY, at(25, 6, 59), date(2026, 11, 24), 7),
        (Cadence.WEEKLY, at(25, 12), date(2026, 11, 23), 7),  # Monday of this week
        (Cadence.WEEKLY, at(23, 6), date(2026, 11, 16), 7),  # Monday before the hour
        (Cadence.WEEKLY, at(23, 7), date(2026, 11, 23), 7),
    ],
)
def test_current_period(cadence, now, start, due_hour):
    period_start, due_at = digests.current_period(cadence, now)

    assert period_start == start
    assert due_at == datetime.combine(start, datetime.min.time(), BERLIN).replace(hour=due_hour)


@override_settings(NOTIFICATIONS_DIGEST_HOUR=18, NOTIFICATIONS_WEEKLY_DIGEST_WEEKDAY=4)
def test_current_period_follows_settings():
    assert digests.current_period(Cadence.DAILY, at(25, 17)) == (date(2026, 11, 24), at(24, 18))
    assert digests.current_period(Cadence.WEEKLY, at(25, 12)) == (date(2026, 11, 20), at(20, 18))


def test_current_period_without_digest_raises():
    with pytest.raises(ValueError, match="no digest"):
        digests.current_period(Cadence.OFF, at(25, 12))


def _pending(person, title, when, kind="test.daily"):
    with time_machine.travel(when, tick=False):
        return services.notify([person], kind=kind, title=title)


def _run(when, capture):
    with time_machine.travel(when, tick=False), capture(execute=True):
        return digests.send_digests()


def test_daily_digest_lists_waiting_items_once(django_capture_on_commit_callbacks):
    person = UserFactory(language="de")
    _pending(person, "Erstens", at(23, 20))
    _pending(person, "Zweitens", at(24, 9))
    _pending(person, "Drittens", at(25, 6))
    _pending(person, "Nach dem Stichzeitpunkt", at(25, 7, 10))

    assert _run(at(25, 6, 30), django_capture_on_commit_callbacks) == 1  # catches up day 24
    assert _run(at(25, 7, 30), django_capture_on_commit_callbacks) == 1
    assert _run(at(25, 8, 30), django_capture_on_commit_callbacks) == 0  # run twice: nothing

    assert [message.body.count("\n* ") for message in mail.outbox] == [1, 2]
    assert "Erstens" in mail.outbox[0].body
    assert "Zweitens" in mail.outbox[1].body
    assert "Drittens" in mail.outbox[1].body
    assert "Nach dem Stichzeitpunkt" not in mail.outbox[1].body
    assert "Tageszusammenfassung" in mail.outbox[1].subject

    assert _run(at(26, 7, 5), django_capture_on_commit_callbacks) == 1
    assert "Nach dem Stichzeitpunkt" in mail.outbox[2].body
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    assert DigestDelivery.objects.filter(user=person, sent_at__isnull=False).count() == 3


def test_digest_has_unsubscribe_headers_and_links(django_capture_on_commit_callbacks):
    person = UserFactory()
    _pending(person, "Eins", at(24, 9))

    _run(at(25, 7, 30), django_capture_on_commit_callbacks)

    [message] = mail.outbox
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert url in message.body
    assert "/benachrichtigungen/einstellungen/" in message.body


def test_weekly_digest_goes_out_on_the_weekday(django_capture_on_commit_callbacks):
    person = UserFactory(language="en")
    Preference.objects.create(user=person, kind="test.daily", cadence=Cadence.WEEKLY)
    _pending(person, "Weekly item", at(25, 9))

    assert _run(at(26, 8), django_capture_on_commit_callbacks) == 0
    assert _run(at(30, 7, 1), django_capture_on_commit_callbacks) == 1
    assert _run(at(30, 9), django_capture_on_commit_callbacks) == 0

    [message] = mail.outbox
    assert "weekly digest" in message.subject
    assert "Weekly item" in message.body


def test_digest_skips_items_mailed_immediately_and_off(django_capture_on_commit_callbacks):
    person = UserFactory()
    Preference.objects.create(user=person, kind="test.kind", cadence=Cadence.OFF)
    _pending(person, "Aus", at(24, 9), kind="test.kind")
    [waiting] = _pending(person, "Täglich", at(24, 10))
    # Someone else (an immediate e-mail of an older cadence) claimed it first.
    Notification.objects.filter(pk=waiting.pk).update(emailed_at=at(24, 11))

    assert _run(at(25, 7, 30), django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_digest_claimed_with_no_items_left_sends_nothing():
    person = UserFactory()
    _pending(person, "Eins", at(24, 9))
    start, due_at = digests.current_period(Cadence.DAILY, at(25, 8))
    Notification.objects.update(emailed_at=at(24, 10))

    assert digests.claim_digest(person.pk, Cadence.DAILY, start, due_at) is None
    assert DigestDelivery.objects.get(user=person).item_count == 0


def test_claim_digest_twice_for_the_same_period_claims_once():
    person = UserFactory()
    _pending(person, "Eins", at(24, 9))
    start, due_at = digests.current_period(Cadence.DAILY, at(25, 8))

    first = digests.claim_digest(person.pk, Cadence.DAILY, start, due_at)
    second = digests.claim_digest(person.pk, Cadence.DAILY, start, due_at)

    assert first is not None
    assert second is None
    assert Notification.objects.get().digest_id == first


def test_send_digest_for_inactive_person_or_sent_delivery_sends_nothing():
    person = UserFactory()
    _pending(person, "Eins", at(24, 9))
    start, due_at = digests.current_period(Cadence.DAILY, at(25, 8))
    delivery_id = digests.claim_digest(person.pk, Cadence.DAILY, start, due_at)

    assert emails.send_digest(delivery_id) is True
    assert emails.send_digest(delivery_id) is False  # already sent
    person.is_active = False
    person.save()
    DigestDelivery.objects.filter(pk=delivery_id).update(sent_at=None)
    assert emails.send_digest(delivery_id) is False
    assert len(mail.outbox) == 1


def test_send_digest_logs_failure_and_does_not_mark_sent(monkeypatch, caplog):
    person = UserFactory()
    _pending(person, "Eins", at(24, 9))
    start, due_at = digests.current_period(Cadence.DAILY, at(25, 8))
    delivery_id = digests.claim_digest(person.pk, Cadence.DAILY, start, due_at)

    def broken(**kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr(emails, "send_templated_mail", broken)

    assert emails.send_digest(delivery_id) is False
    assert "could not be sent" in caplog.text
    assert DigestDelivery.objects.get(pk=delivery_id).sent_at is None


def test_digest_job_is_registered_and_runs_through_runperiodic(django_capture_on_commit_callbacks):
    person = UserFactory()
    _pending(person, "Eins", at(24, 9))

    assert "notifications.send_digests" in [job.name for job in periodic.jobs()]
    with (
        time_machine.travel(at(25, 7, 30), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        results = periodic.run_due(force=True, only="notifications.send_digests")
    assert results == {"notifications.send_digests": "ok"}
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_digest_runs_send_every_item_once():
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite serialises writers (one IMMEDIATE transaction at a time); "
            "concurrent runs are tested on PostgreSQL"
        )
    people = [UserFactory() for _ in range(5)]
    for person in people:
        for number in range(3):
            _pending(person, f"Punkt {number}", at(24, 9 + number))
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait()
            with time_machine.travel(at(25, 7, 30), tick=False):
                digests.send_digests()
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(mail.outbox) == len(people)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(p.email for p in people)
    assert all(message.body.count("\n* ") == 3 for message in mail.outbox)
    assert DigestDelivery.objects.count() == len(people)
