"""Registration services: every exit path of register, cancel, promote, move, attendance."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.events.enums import AttendanceMode, EventFormat, EventStatus
from stadtgespraeche.notifications.models import Notification
from stadtgespraeche.registrations.enums import RegistrationStatus as Status
from stadtgespraeche.registrations.exceptions import (
    AlreadyRegistered,
    InvalidCancelLink,
    InvalidMode,
    RegistrationClosed,
    RegistrationNotAllowed,
    RegistrationNotChangeable,
)
from stadtgespraeche.registrations.models import Registration
from stadtgespraeche.registrations.services import registration as services
from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory
from tests.factories.registrations import RegistrationFactory
from tests.registrations.helpers import coordinator_with_councillor, open_event, past_event

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

IN_PERSON = AttendanceMode.IN_PERSON
ONLINE = AttendanceMode.ONLINE


def _register(event, person, mode=IN_PERSON, by=None, **answers):
    return services.register(event, person=person, by=by or person, mode=mode, **answers)


def test_register_gives_a_place_and_stores_only_the_token_hash(
    django_capture_on_commit_callbacks,
):
    event = open_event()
    person = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        result = _register(event, person, accessibility_needs=" Rampe ")

    registration = Registration.objects.get(pk=result.registration.pk)
    assert registration.status == Status.REGISTERED
    assert registration.registered_by == person
    assert registration.accessibility_needs == "Rampe"
    assert registration.on_participant_list is False
    assert registration.cancel_token_hash == services.hash_token(result.cancel_token)
    assert result.cancel_token not in registration.cancel_token_hash
    assert AuditLog.objects.filter(action="events.registration.created").count() == 1
    assert len(mail.outbox) == 1
    assert result.cancel_token in mail.outbox[0].body


def test_register_ignores_answers_the_event_does_not_ask():
    event = open_event(ask_accessibility_needs=False, ask_dietary_needs=False)

    result = _register(event, UserFactory(), accessibility_needs="x", dietary_needs="vegan")

    assert result.registration.accessibility_needs == ""
    assert result.registration.dietary_needs == ""


def test_register_stores_dietary_needs_when_asked():
    event = open_event(ask_dietary_needs=True)

    result = _register(event, UserFactory(), dietary_needs="vegan", on_participant_list=True)

    assert result.registration.dietary_needs == "vegan"
    assert result.registration.on_participant_list is True


def test_register_waitlists_when_the_mode_is_full(django_capture_on_commit_callbacks):
    event = open_event(capacity_in_person=1)
    _register(event, UserFactory())

    with django_capture_on_commit_callbacks(execute=True):
        result = _register(event, UserFactory())

    assert result.registration.status == Status.WAITLISTED
    assert "Warteliste" in mail.outbox[-1].subject


def test_register_online_without_limit_is_never_waitlisted():
    event = open_event(capacity_in_person=0)

    results = [_register(event, UserFactory(), mode=ONLINE) for _ in range(3)]

    assert [r.registration.status for r in results] == [Status.REGISTERED] * 3


def test_register_twice_raises_already_registered():
    event = open_event()
    person = UserFactory()
    _register(event, person)

    with pytest.raises(AlreadyRegistered):
        _register(event, person, mode=ONLINE)
    assert Registration.objects.filter(event=event, user=person).count() == 1


def test_register_again_after_cancelling_is_allowed():
    event = open_event()
    person = UserFactory()
    first = _register(event, person).registration
    services.cancel_registration(first, by=person)

    second = _register(event, person).registration

    assert second.pk != first.pk
    assert second.status == Status.REGISTERED


def test_register_rejects_a_mode_the_format_does_not_offer():
    event = open_event(format=EventFormat.ONLINE)

    with pytest.raises(InvalidMode):
        _register(event, UserFactory(), mode=IN_PERSON)


@pytest.mark.parametrize(
    "status",
    [s for s in EventStatus if s != EventStatus.REGISTRATION_OPEN],
)
def test_register_refused_unless_registration_is_open(status):
    event = open_event(status=status)

    with pytest.raises(RegistrationClosed):
        _register(event, UserFactory())


def test_register_refused_before_the_window_opens():
    event = open_event(registration_opens_at=timezone.now() + datetime.timedelta(days=1))

    with pytest.raises(RegistrationClosed):
        _register(event, UserFactory())


def test_register_refused_after_the_window_closes():
    event = open_event(registration_closes_at=timezone.now() - datetime.timedelta(minutes=1))

    with pytest.raises(RegistrationClosed):
        _register(event, UserFactory())


def test_register_refused_once_the_event_is_over():
    event = past_event(status=EventStatus.REGISTRATION_OPEN)

    with pytest.raises(RegistrationClosed):
        _register(event, UserFactory())


def test_register_inside_the_window_works():
    now = timezone.now()
    event = open_event(
        registration_opens_at=now - datetime.timedelta(days=1),
        registration_closes_at=now + datetime.timedelta(days=1),
    )

    assert _register(event, UserFactory()).registration.status == Status.REGISTERED


@pytest.mark.parametrize("role", ["coordinator", "speaker", "organiser"])
def test_self_registration_only_for_councillors_and_organisers(role):
    event = open_event()
    person = OrganiserFactory() if role == "organiser" else UserFactory(role=role)
    if role == "coordinator":
        person = CoordinatorFactory()

    if role == "organiser":
        assert _register(event, person).registration.status == Status.REGISTERED
    else:
        with pytest.raises(RegistrationNotAllowed):
            _register(event, person)


def test_register_refused_for_an_inactive_person():
    event = open_event()
    person = UserFactory(is_active=False)

    with pytest.raises(RegistrationNotAllowed):
        _register(event, person, by=OrganiserFactory())


def test_councillor_cannot_register_someone_else():
    event = open_event()

    with pytest.raises(RegistrationNotAllowed):
        _register(event, UserFactory(), by=UserFactory())


def test_coordinator_registers_a_councillor_of_their_municipality():
    event = open_event()
    coordinator, councillor = coordinator_with_councillor()

    registration = _register(event, councillor, by=coordinator).registration

    assert registration.user == councillor
    assert registration.registered_by == coordinator


def test_coordinator_cannot_register_a_councillor_of_another_municipality():
    event = open_event()
    coordinator, _own = coordinator_with_councillor()
    _other_coordinator, stranger = coordinator_with_councillor()

    with pytest.raises(RegistrationNotAllowed):
        _register(event, stranger, by=coordinator)


def test_coordinator_needs_open_registration_too():
    event = open_event(status=EventStatus.REGISTRATION_CLOSED)
    coordinator, councillor = coordinator_with_councillor()

    with pytest.raises(RegistrationClosed):
        _register(event, councillor, by=coordinator)


@pytest.mark.parametrize(
    "status",
    [EventStatus.PUBLISHED, EventStatus.REGISTRATION_OPEN, EventStatus.REGISTRATION_CLOSED],
)
def test_organiser_adds_people_while_the_event_is_planned(status):
    event = open_event(status=status, registration_closes_at=timezone.now())

    registration = _register(event, UserFactory(), by=OrganiserFactory()).registration

    assert registration.status == Status.REGISTERED


@pytest.mark.parametrize(
    "status", [EventStatus.DRAFT, EventStatus.HELD, EventStatus.DOCUMENTED, EventStatus.CANCELLED]
)
def test_organiser_cannot_add_people_outside_planning(status):
    event = open_event(status=status)

    with pytest.raises(RegistrationClosed):
        _register(event, UserFactory(), by=OrganiserFactory())


def test_organiser_add_respects_capacity():
    event = open_event(capacity_in_person=1)
    RegistrationFactory(event=event, mode=IN_PERSON)

    registration = _register(event, UserFactory(), by=OrganiserFactory()).registration

    assert registration.status == Status.WAITLISTED


# --- Cancelling and promotion ---------------------------------------------------------------


def test_cancel_promotes_the_oldest_waitlisted_of_the_same_mode(
    django_capture_on_commit_callbacks,
):
    event = open_event(capacity_in_person=1, capacity_online=1)
    holder = _register(event, UserFactory()).registration
    _register(event, UserFactory(), mode=ONLINE)
    online_waiting = _register(event, UserFactory(), mode=ONLINE).registration
    first = _register(event, UserFactory()).registration
    second = _register(event, UserFactory()).registration

    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel_registration(holder, by=holder.user)

    assert promoted == [first]
    first.refresh_from_db()
    second.refresh_from_db()
    online_waiting.refresh_from_db()
    holder.refresh_from_db()
    assert holder.status == Status.CANCELLED
    assert holder.cancelled_at is not None
    assert holder.cancel_token_hash == ""
    assert first.status == Status.REGISTERED
    assert first.promoted_at is not None
    assert second.status == Status.WAITLISTED
    assert online_waiting.status == Status.WAITLISTED
    assert [m.to for m in mail.outbox] == [[first.user.email]]
    assert Notification.objects.get(recipient=first.user).kind == services.KIND_PROMOTED
    assert AuditLog.objects.filter(action="events.registration.promoted").count() == 1


def test_cancel_from_the_waitlist_promotes_nobody():
    event = open_event(capacity_in_person=1)
    _register(event, UserFactory())
    waiting = _register(event, UserFactory()).registration
    after = _register(event, UserFactory()).registration

    assert services.cancel_registration(waiting, by=waiting.user) == []
    after.refresh_from_db()
    assert after.status == Status.WAITLISTED


def test_cancel_twice_raises_not_changeable():
    event = open_event()
    registration = _register(event, UserFactory()).registration
    services.cancel_registration(registration, by=registration.user)

    with pytest.raises(RegistrationNotChangeable):
        services.cancel_registration(registration, by=registration.user)


def test_cancel_after_the_event_raises_not_changeable():
    event = past_event()
    registration = RegistrationFactory(event=event, mode=IN_PERSON)

    with pytest.raises(RegistrationNotChangeable):
        services.cancel_registration(registration, by=registration.user)


def test_cancel_of_someone_else_by_a_councillor_is_refused():
    registration = _register(open_event(), UserFactory()).registration

    with pytest.raises(RegistrationNotAllowed):
        services.cancel_registration(registration, by=UserFactory())


def test_organiser_cancel_mails_and_notifies_with_the_message(
    django_capture_on_commit_callbacks,
):
    registration = _register(open_event(), UserFactory()).registration
    organiser = OrganiserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(registration, by=organiser, message="Der Raum ist zu klein.")

    assert len(mail.outbox) == 1
    assert "Der Raum ist zu klein." in mail.outbox[0].body
    notification = Notification.objects.get(recipient=registration.user)
    assert notification.kind == services.KIND_CANCELLED
    assert notification.body == "Der Raum ist zu klein."
    log = AuditLog.objects.get(action="events.registration.cancelled")
    assert log.data["message"] == "Der Raum ist zu klein."


def test_cancel_by_token_cancels_and_the_link_then_stops_working():
    result = _register(open_event(), UserFactory())

    registration = services.cancel_by_token(result.cancel_token)

    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED
    with pytest.raises(InvalidCancelLink):
        services.cancel_by_token(result.cancel_token)


@pytest.mark.parametrize("token", ["", "not-a-token"])
def test_cancel_by_unknown_token_raises(token):
    with pytest.raises(InvalidCancelLink):
        services.cancel_by_token(token)


def test_promotion_gives_a_new_link_and_the_old_one_stops_working():
    event = open_event(capacity_in_person=1)
    holder = _register(event, UserFactory()).registration
    waiting = _register(event, UserFactory())

    services.cancel_registration(holder, by=holder.user)

    assert services.registration_for_token(waiting.cancel_token) is None


# --- Moving ---------------------------------------------------------------------------------


def test_move_to_a_mode_with_places_keeps_the_place_and_promotes_in_the_old_mode():
    event = open_event(capacity_in_person=1)
    holder = _register(event, UserFactory()).registration
    waiting = _register(event, UserFactory()).registration

    moved = services.move_registration(holder, mode=ONLINE, by=OrganiserFactory())

    waiting.refresh_from_db()
    assert (moved.mode, moved.status) == (ONLINE, Status.REGISTERED)
    assert waiting.status == Status.REGISTERED
    assert AuditLog.objects.filter(action="events.registration.moved").count() == 1


def test_move_into_a_full_mode_waitlists():
    event = open_event(capacity_in_person=1)
    _register(event, UserFactory())
    online = _register(event, UserFactory(), mode=ONLINE).registration

    moved = services.move_registration(online, mode=IN_PERSON, by=OrganiserFactory())

    assert moved.status == Status.WAITLISTED


def test_move_to_the_same_mode_raises():
    registration = _register(open_event(), UserFactory()).registration

    with pytest.raises(RegistrationNotChangeable):
        services.move_registration(registration, mode=IN_PERSON, by=OrganiserFactory())


def test_move_to_an_unoffered_mode_raises():
    registration = RegistrationFactory(event=open_event(format=EventFormat.ONLINE))

    with pytest.raises(InvalidMode):
        services.move_registration(registration, mode=IN_PERSON, by=OrganiserFactory())


def test_move_of_a_cancelled_registration_raises():
    registration = RegistrationFactory(event=open_event(), mode=ONLINE, status=Status.CANCELLED)

    with pytest.raises(RegistrationNotChangeable):
        services.move_registration(registration, mode=IN_PERSON, by=OrganiserFactory())


def test_move_after_the_event_raises():
    registration = RegistrationFactory(event=past_event(), mode=ONLINE)

    with pytest.raises(RegistrationNotChangeable):
        services.move_registration(registration, mode=IN_PERSON, by=OrganiserFactory())


def test_move_by_a_non_organiser_is_refused():
    registration = RegistrationFactory(event=open_event(), mode=ONLINE)

    with pytest.raises(RegistrationNotAllowed):
        services.move_registration(registration, mode=IN_PERSON, by=registration.user)


# --- Attendance -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attended", "expected"), [(True, Status.ATTENDED), (False, Status.NO_SHOW)]
)
def test_mark_attendance_after_the_start(attended, expected):
    registration = RegistrationFactory(event=past_event(), mode=IN_PERSON)

    marked = services.mark_attendance(registration, attended=attended, by=OrganiserFactory())

    assert marked.status == expected
    assert AuditLog.objects.filter(action="events.registration.attendance").count() == 1


def test_mark_attendance_before_the_start_raises():
    registration = RegistrationFactory(event=open_event(), mode=IN_PERSON)

    with pytest.raises(RegistrationNotChangeable):
        services.mark_attendance(registration, attended=True, by=OrganiserFactory())


def test_mark_attendance_of_a_waitlisted_person_raises():
    registration = RegistrationFactory(event=past_event(), status=Status.WAITLISTED)

    with pytest.raises(RegistrationNotChangeable):
        services.mark_attendance(registration, attended=True, by=OrganiserFactory())


def test_mark_attendance_by_a_non_organiser_is_refused():
    registration = RegistrationFactory(event=past_event())

    with pytest.raises(RegistrationNotAllowed):
        services.mark_attendance(registration, attended=True, by=registration.user)


def test_set_balance_max_share_is_audited():
    event = open_event()

    services.set_balance_max_share(event.series, share=30, by=OrganiserFactory())

    event.series.refresh_from_db()
    assert event.series.balance_max_share == 30
    log = AuditLog.objects.get(action="events.series.balance_share_changed")
    assert log.data == {"from": 40, "to": 30}


@pytest.mark.parametrize("share", [0, 101])
def test_set_balance_max_share_out_of_range_raises(share):
    event = open_event()

    with pytest.raises(RegistrationNotChangeable):
        services.set_balance_max_share(event.series, share=share, by=OrganiserFactory())


def test_set_balance_max_share_by_a_non_organiser_is_refused():
    event = open_event()

    with pytest.raises(RegistrationNotAllowed):
        services.set_balance_max_share(event.series, share=30, by=UserFactory())
