"""Services of Stadtgespräche: create, update, status transitions, duplicate, agenda."""

import datetime

import pytest
from django.utils import timezone, translation

from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.events import services
from stadtgespraeche.events.enums import EVENT_TRANSITIONS, EventFormat, EventStatus
from stadtgespraeche.events.exceptions import EventError, InvalidTransition
from stadtgespraeche.events.models import AgendaItem, Event
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.events import AgendaItemFactory, EventFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.network import SeriesFactory
from tests.factories.topics import TopicFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

START = datetime.datetime(2026, 12, 3, 17, 0, tzinfo=datetime.UTC)


def test_create_event_numbers_and_audits():
    series = SeriesFactory()
    organiser = OrganiserFactory()
    host = MunicipalityFactory()
    topic = TopicFactory()

    first = services.create_event(
        series=series,
        title="Hybride Ratsarbeit",
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=2),
        by=organiser,
        format=EventFormat.HYBRID,
        hosts=[host],
        topics=[topic],
    )
    second = services.create_event(
        series=series,
        title="Hybride Ratsarbeit",
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=2),
        by=organiser,
    )

    assert (first.number, second.number) == (1, 2)
    assert first.status == EventStatus.DRAFT
    assert first.slug != second.slug
    assert list(first.hosts.all()) == [host]
    assert list(first.topics.all()) == [topic]
    assert AuditLog.objects.filter(action="events.event.created").count() == 2


def test_create_event_with_end_before_start_raises_german_message():
    with translation.override("de"), pytest.raises(EventError) as error:
        services.create_event(
            series=SeriesFactory(), title="X", starts_at=START, ends_at=START, by=None
        )
    assert str(error.value) == "Das Ende muss nach dem Beginn liegen."
    assert not Event.objects.exists()


def test_update_event_changes_fields_and_ignores_status():
    event = EventFactory(status=EventStatus.DRAFT)
    topic = TopicFactory()

    services.update_event(event, title="Neu", status=EventStatus.HELD, topics=[topic], by=None)

    event.refresh_from_db()
    assert event.title == "Neu"
    assert event.status == EventStatus.DRAFT
    assert list(event.topics.all()) == [topic]
    assert AuditLog.objects.filter(action="events.event.updated").exists()


def test_update_event_with_end_before_start_raises():
    event = EventFactory()
    with pytest.raises(EventError):
        services.update_event(event, ends_at=event.starts_at - datetime.timedelta(hours=1), by=None)


TRANSITION_MATRIX = [
    (current, target, target in EVENT_TRANSITIONS[current])
    for current in EventStatus
    for target in EventStatus
]


@pytest.mark.parametrize(("current", "target", "allowed"), TRANSITION_MATRIX)
def test_transition_event_follows_table(current, target, allowed):
    event = EventFactory(status=current)
    organiser = OrganiserFactory()

    if allowed:
        services.transition_event(event, to=target, by=organiser)
        event.refresh_from_db()
        assert event.status == target
        log = AuditLog.objects.get(action="events.event.status_changed")
        assert log.data == {"from": current.value, "to": target.value}
    else:
        with translation.override("de"), pytest.raises(InvalidTransition) as error:
            services.transition_event(event, to=target, by=organiser)
        assert "kann nicht" in str(error.value)
        event.refresh_from_db()
        assert event.status == current
        assert not AuditLog.objects.exists()


def test_transition_event_refuses_documented_from_held():
    event = EventFactory(status=EventStatus.HELD)

    with translation.override("de"), pytest.raises(InvalidTransition) as error:
        services.transition_event(event, to=EventStatus.DOCUMENTED, by=OrganiserFactory())

    assert "Veröffentlichen seiner Dokumentation" in str(error.value)
    event.refresh_from_db()
    assert event.status == EventStatus.HELD
    assert services.allowed_transitions(event) == []


def test_mark_documented_moves_held_event_and_audits():
    event = EventFactory(status=EventStatus.HELD)
    organiser = OrganiserFactory()

    services.mark_documented(event, by=organiser)

    event.refresh_from_db()
    assert event.status == EventStatus.DOCUMENTED
    log = AuditLog.objects.get(action="events.event.status_changed")
    assert (log.actor, log.data) == (organiser, {"from": "held", "to": "documented"})


@pytest.mark.parametrize("status", [status for status in EventStatus if status != EventStatus.HELD])
def test_mark_documented_refuses_events_not_held(status):
    event = EventFactory(status=status)

    with pytest.raises(InvalidTransition):
        services.mark_documented(event, by=None)

    event.refresh_from_db()
    assert event.status == status
    assert not AuditLog.objects.exists()


def test_allowed_transitions_of_draft():
    event = EventFactory(status=EventStatus.DRAFT)
    assert set(services.allowed_transitions(event)) == {
        EventStatus.PUBLISHED,
        EventStatus.CANCELLED,
    }


def test_duplicate_event_copies_details_and_agenda_as_next_draft():
    event = EventFactory(
        status=EventStatus.DOCUMENTED,
        description="Text",
        number=1,
        room_link="https://meet.example.org/stadtgespraech",
        capacity_in_person=30,
        capacity_online=80,
    )
    host, co_host = MunicipalityFactory(), MunicipalityFactory()
    event.hosts.set([host])
    event.co_hosts.set([co_host])
    topic = TopicFactory()
    event.topics.set([topic])
    speaker = UserFactory()
    item = AgendaItemFactory(event=event, title="Impuls Bamberg")
    item.speakers.set([speaker])

    copy = services.duplicate_event(event, by=None)

    assert copy.number == 2
    assert copy.status == EventStatus.DRAFT
    assert copy.description == "Text"
    assert copy.room_link == "https://meet.example.org/stadtgespraech"
    assert (copy.capacity_in_person, copy.capacity_online) == (30, 80)
    assert copy.starts_at == event.starts_at + services.DUPLICATE_OFFSET
    assert list(copy.hosts.all()) == [host]
    assert list(copy.co_hosts.all()) == [co_host]
    assert list(copy.topics.all()) == [topic]
    copied_item = copy.agenda.get()
    assert copied_item.title == "Impuls Bamberg"
    assert list(copied_item.speakers.all()) == [speaker]
    assert AuditLog.objects.filter(action="events.event.duplicated").exists()


def test_save_agenda_item_creates_then_updates():
    event = EventFactory()
    speaker = UserFactory()

    item = services.save_agenda_item(
        event,
        by=None,
        starts_at=event.starts_at,
        duration=10,
        kind="welcome",
        title="Begrüßung",
        speakers=[speaker],
    )
    services.save_agenda_item(event, item=item, by=None, title="Willkommen")

    item.refresh_from_db()
    assert item.title == "Willkommen"
    assert list(item.speakers.all()) == [speaker]
    actions = set(AuditLog.objects.values_list("action", flat=True))
    assert actions == {"events.agenda_item.created", "events.agenda_item.updated"}


def test_delete_agenda_item_removes_and_audits():
    item = AgendaItemFactory()
    services.delete_agenda_item(item, by=None)
    assert not AgendaItem.objects.exists()
    assert AuditLog.objects.filter(action="events.agenda_item.deleted").exists()


def test_event_constraint_rejects_end_before_start_in_database():
    from django.db import IntegrityError

    now = timezone.now()
    with pytest.raises(IntegrityError):
        EventFactory(starts_at=now, ends_at=now)
