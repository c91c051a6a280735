"""More places in `events.services.update_event` move the waitlist up (first come, first
served, per attendance mode), with the promotion notice the waitlist always sends."""

import pytest
from django.core import mail

from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.events import services as event_services
from stadtgespraeche.events.enums import AttendanceMode, EventStatus
from stadtgespraeche.notifications.models import Notification
from stadtgespraeche.registrations.enums import RegistrationStatus as Status
from stadtgespraeche.registrations.services import registration as services
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.registrations.helpers import open_event, past_event

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

IN_PERSON = AttendanceMode.IN_PERSON
ONLINE = AttendanceMode.ONLINE


def _register(event, mode=IN_PERSON):
    person = UserFactory()
    return services.register(event, person=person, by=person, mode=mode).registration


def _statuses(*registrations):
    for registration in registrations:
        registration.refresh_from_db()
    return [registration.status for registration in registrations]


def test_raising_a_capacity_promotes_the_oldest_waitlisted_of_that_mode(
    django_capture_on_commit_callbacks,
):
    event = open_event(capacity_in_person=1, capacity_online=1)
    holder = _register(event)
    first, second, third = _register(event), _register(event), _register(event)
    _register(event, ONLINE)
    online_waiting = _register(event, ONLINE)
    mail.outbox.clear()
    sequence = event.sequence

    with django_capture_on_commit_callbacks(execute=True):
        event_services.update_event(event, by=OrganiserFactory(), capacity_in_person=3)

    assert _statuses(holder, first, second, third, online_waiting) == [
        Status.REGISTERED,
        Status.REGISTERED,
        Status.REGISTERED,
        Status.WAITLISTED,
        Status.WAITLISTED,
    ]
    assert first.promoted_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.user.email, second.user.email])
    assert {n.recipient for n in Notification.objects.filter(kind=services.KIND_PROMOTED)} == {
        first.user,
        second.user,
    }
    assert AuditLog.objects.filter(action="events.registration.promoted").count() == 2
    # Places are not in the calendar: no new SEQUENCE, no change notice to everyone.
    event.refresh_from_db()
    assert event.sequence == sequence
    assert not AuditLog.objects.filter(action="events.event.sequence_raised").exists()


def test_removing_the_limit_promotes_everyone_waiting_in_that_mode():
    event = open_event(capacity_in_person=1, capacity_online=1)
    _register(event)
    waiting = [_register(event), _register(event)]
    _register(event, ONLINE)
    online_waiting = _register(event, ONLINE)

    event_services.update_event(event, by=None, capacity_online=None)

    assert _statuses(*waiting, online_waiting) == [
        Status.WAITLISTED,
        Status.WAITLISTED,
        Status.REGISTERED,
    ]


def test_lowering_a_capacity_moves_nobody_and_takes_no_place_away():
    event = open_event(capacity_in_person=2)
    holders = [_register(event), _register(event)]
    waiting = _register(event)

    event_services.update_event(event, by=None, capacity_in_person=1)

    assert _statuses(*holders, waiting) == [Status.REGISTERED, Status.REGISTERED, Status.WAITLISTED]
    assert not AuditLog.objects.filter(action="events.registration.promoted").exists()


def test_raising_a_capacity_without_a_waitlist_promotes_nobody():
    event = open_event(capacity_in_person=1)
    holder = _register(event)
    mail.outbox.clear()

    event_services.update_event(event, by=None, capacity_in_person=5)

    assert _statuses(holder) == [Status.REGISTERED]
    assert mail.outbox == []


def test_changing_other_fields_promotes_nobody():
    event = open_event(capacity_in_person=1)
    _register(event)
    waiting = _register(event)

    event_services.update_event(event, by=None, title="Neuer Titel")

    assert _statuses(waiting) == [Status.WAITLISTED]


@pytest.mark.parametrize("status", [EventStatus.CANCELLED, EventStatus.DRAFT])
def test_no_promotion_while_the_event_takes_no_registrations(status):
    event = open_event(capacity_in_person=1)
    _register(event)
    waiting = _register(event)
    event.status = status
    event.save(update_fields=["status"])

    event_services.update_event(event, by=None, capacity_in_person=4)

    assert _statuses(waiting) == [Status.WAITLISTED]


def test_no_promotion_after_the_event():
    event = past_event(status=EventStatus.REGISTRATION_CLOSED, capacity_in_person=1)
    holder = services.register(
        event, person=UserFactory(), by=OrganiserFactory(), mode=IN_PERSON
    ).registration
    waiting = services.register(
        event, person=UserFactory(), by=OrganiserFactory(), mode=IN_PERSON
    ).registration

    event_services.update_event(event, by=None, capacity_in_person=4)

    assert _statuses(holder, waiting) == [Status.REGISTERED, Status.WAITLISTED]


def test_the_promoted_get_a_mail_with_a_new_cancel_link(django_capture_on_commit_callbacks):
    event = open_event(capacity_in_person=1)
    _register(event)
    waiting = _register(event)
    old_hash = waiting.cancel_token_hash
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        event_services.update_event(event, by=None, capacity_in_person=2)

    waiting.refresh_from_db()
    assert waiting.cancel_token_hash != old_hash
    assert [m.to for m in mail.outbox] == [[waiting.user.email]]
    assert mail.outbox[0].attachments  # the .ics of a place
