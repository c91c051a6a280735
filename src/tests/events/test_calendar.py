import datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from stadtgespraeche.events.calendar import calendar_for, event_calendar, event_uid
from stadtgespraeche.events.enums import EventFormat, EventStatus
from tests.factories.events import EventFactory

pytestmark = [pytest.mark.django_db, pytest.mark.unit]

BERLIN = ZoneInfo("Europe/Berlin")


def _events(data: bytes):
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_event_calendar_has_timezone_uid_sequence_and_local_times():
    start = datetime.datetime(2023, 9, 19, 17, 0, tzinfo=BERLIN)
    event = EventFactory(
        title="Auftakt der Smarten Stadtgespräche",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        format=EventFormat.ONLINE,
        sequence=3,
    )

    data = event_calendar(event)
    text = data.decode()

    assert "BEGIN:VTIMEZONE" in text
    assert "TZID:Europe/Berlin" in text
    (component,) = _events(data)
    assert str(component["uid"]) == event_uid(event)
    assert component["sequence"] == 3
    assert component["dtstart"].dt == start
    assert component["dtstart"].dt.tzinfo.key == "Europe/Berlin"
    assert str(component["summary"]) == "Auftakt der Smarten Stadtgespräche"
    assert str(component["status"]) == "CONFIRMED"
    assert str(component["location"]) == "Online"


def test_cancelled_event_is_marked_cancelled():
    event = EventFactory(status=EventStatus.CANCELLED)

    (component,) = _events(event_calendar(event))

    assert str(component["status"]) == "CANCELLED"


def test_calendar_for_several_events_keeps_distinct_stable_uids():
    first, second = EventFactory(), EventFactory()

    uids = [str(c["uid"]) for c in _events(calendar_for([first, second], name="Reihe"))]
    again = [str(c["uid"]) for c in _events(calendar_for([first, second], name="Reihe"))]

    assert uids == again
    assert len(set(uids)) == 2


def test_hybrid_event_location_names_venue_and_online():
    event = EventFactory(format=EventFormat.HYBRID, venue_address="Rathaus\nWilly-Brandt-Platz 1")

    (component,) = _events(event_calendar(event))

    assert str(component["location"]) == "Rathaus Willy-Brandt-Platz 1 / Online"


@pytest.mark.parametrize("year", [2023, 2026, 2039])
def test_timezone_covers_the_summer_time_switches_of_the_years_events_happen_in(year):
    """The VTIMEZONE starts in 2020 (not 1970): it must still hold the switch to summer time
    (last Sunday of March, +0100 → +0200) of every year an event can be in."""
    start = datetime.datetime(year, 7, 1, 18, 0, tzinfo=BERLIN)
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2))

    (vtimezone,) = Calendar.from_ical(event_calendar(event)).walk("VTIMEZONE")
    (daylight,) = vtimezone.walk("DAYLIGHT")

    switches = {daylight["dtstart"].dt.date()}
    switches.update(value.dt.date() for value in daylight["rdate"].dts)
    march_31 = datetime.date(year, 3, 31)
    last_sunday_of_march = march_31 - datetime.timedelta(days=(march_31.weekday() + 1) % 7)
    assert daylight["tzoffsetto"].td == datetime.timedelta(hours=2)
    assert last_sunday_of_march in switches
