"""Agenda items: inside the event's time, with a duration; moving and duplicating events."""

import datetime

import pytest
from django.utils import translation

from stadtgespraeche.events import queries, services
from stadtgespraeche.events.enums import AgendaItemKind, EventStatus
from stadtgespraeche.events.exceptions import AgendaTimeError
from stadtgespraeche.events.models import AgendaItem, ImpulseProposal
from tests.factories.events import AgendaItemFactory, EventFactory
from tests.factories.municipalities import MunicipalityFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

START = datetime.datetime(2026, 12, 3, 17, 0, tzinfo=datetime.UTC)
END = START + datetime.timedelta(hours=2)


@pytest.fixture
def event():
    return EventFactory(title="Offene Daten", starts_at=START, ends_at=END)


def _save(event, **fields):
    values = {"starts_at": START, "duration": 15, "kind": "welcome", "title": "Begrüßung"}
    return services.save_agenda_item(event, by=None, **{**values, **fields})


def test_save_agenda_item_accepts_the_whole_event_time(event):
    item = _save(event, starts_at=START, duration=120)
    assert item.pk is not None


def test_save_agenda_item_refuses_zero_duration(event):
    with pytest.raises(AgendaTimeError, match="mindestens 1 Minute") as error:
        _save(event, duration=0)
    assert error.value.field == "duration"
    assert not AgendaItem.objects.exists()


def test_save_agenda_item_refuses_start_before_the_event(event):
    with pytest.raises(AgendaTimeError) as error:
        _save(event, starts_at=START - datetime.timedelta(minutes=5))
    assert error.value.field == "starts_at"
    # Local time of Berlin in the message.
    assert "03.12.2026 18:00" in str(error.value)
    assert "20:00" in str(error.value)
    assert not AgendaItem.objects.exists()


def test_save_agenda_item_refuses_start_at_or_after_the_end(event):
    with pytest.raises(AgendaTimeError) as error:
        _save(event, starts_at=END, duration=5)
    assert error.value.field == "starts_at"


def test_save_agenda_item_refuses_item_ending_after_the_event(event):
    with pytest.raises(AgendaTimeError, match="20:00") as error:
        _save(event, starts_at=END - datetime.timedelta(minutes=10), duration=11)
    assert error.value.field == "duration"


def test_changing_an_item_is_checked_too(event):
    item = _save(event)
    with pytest.raises(AgendaTimeError):
        services.save_agenda_item(event, item=item, by=None, duration=500)
    item.refresh_from_db()
    assert item.duration == 15


def test_accept_proposal_outside_the_event_is_refused(event):
    proposal = ImpulseProposal.objects.create(
        event=event, municipality=MunicipalityFactory(), title="Open Data", speaker_name="E. B."
    )
    with pytest.raises(AgendaTimeError):
        services.accept_proposal(
            proposal, starts_at=END + datetime.timedelta(hours=1), duration=15, by=None
        )
    assert not AgendaItem.objects.exists()


def test_moving_the_event_moves_its_agenda(event):
    item = AgendaItemFactory(event=event, starts_at=START + datetime.timedelta(minutes=30))
    week = datetime.timedelta(days=7)

    services.update_event(event, starts_at=START + week, ends_at=END + week, by=None)

    item.refresh_from_db()
    assert item.starts_at == START + week + datetime.timedelta(minutes=30)


def test_changing_only_the_end_keeps_the_agenda_and_reports_items_outside(event):
    late = AgendaItemFactory(event=event, starts_at=START + datetime.timedelta(minutes=90))
    early = AgendaItemFactory(event=event, starts_at=START)

    services.update_event(event, ends_at=START + datetime.timedelta(hours=1), by=None)

    late.refresh_from_db()
    assert late.starts_at == START + datetime.timedelta(minutes=90)
    assert queries.agenda_items_outside(event) == [late]
    assert early not in queries.agenda_items_outside(event)


def test_duplicated_event_gets_a_fresh_slug_and_follows_its_new_date(event):
    event.registration_closes_at = START - datetime.timedelta(days=1)
    event.save()
    AgendaItemFactory(event=event, starts_at=START + datetime.timedelta(minutes=15))

    copy = services.duplicate_event(event, by=None)

    assert copy.slug != event.slug
    assert copy.registration_closes_at == event.registration_closes_at + services.DUPLICATE_OFFSET
    # The organiser puts the copy on its real date and gives it its own title.
    new_start = START + datetime.timedelta(days=60)
    services.update_event(
        copy,
        title="Offene Daten, Teil 2",
        starts_at=new_start,
        ends_at=new_start + datetime.timedelta(hours=2),
        by=None,
    )
    copy.refresh_from_db()
    assert copy.slug == f"{copy.number}-offene-daten-teil-2"
    assert copy.agenda.get().starts_at == new_start + datetime.timedelta(minutes=15)
    assert queries.agenda_items_outside(copy) == []


def test_published_event_keeps_its_slug_when_renamed(event):
    event.status = EventStatus.PUBLISHED
    event.save()
    slug = event.slug

    services.update_event(event, title="Neuer Titel", by=None)

    event.refresh_from_db()
    assert event.slug == slug


def test_title_names_kind_avoids_a_repeated_label():
    item = AgendaItem(kind=AgendaItemKind.IMPULSE, title="Impuls: Offene Standards")
    other = AgendaItem(kind=AgendaItemKind.IMPULSE, title="Offene Standards")
    with translation.override("de"):
        assert item.title_names_kind
        assert not other.title_names_kind
