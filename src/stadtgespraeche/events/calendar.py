"""iCalendar (RFC 5545) documents for Stadtgespräche.

One builder for every calendar the platform hands out: the .ics attachment of the
confirmation e-mail, the download of one event, the feed of a series and the personal feed
of one's registrations. Every event is written with

- a stable UID derived from the event's primary key and the site's host name, so calendar
  programs update instead of duplicating it;
- SEQUENCE from `Event.sequence`, which the services raise on every visible change;
- DTSTART/DTEND in Europe/Berlin with a VTIMEZONE component;
- STATUS:CANCELLED for cancelled events (calendar programs then strike them through).

The online join link is never written here: it is personal, time-limited and only shown on
the platform (see `rooms`).
"""

import hashlib
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from functools import cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Timezone
from icalendar import Event as CalendarEvent

from stadtgespraeche.events.enums import EventFormat, EventStatus
from stadtgespraeche.events.models import Event

BERLIN = ZoneInfo("Europe/Berlin")
PRODUCT_ID = "-//Stadtgespräche//Stadtgespräche//DE"


def event_uid(event: Event) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "stadtgespraeche.invalid"
    return f"event-{event.pk}@{host}"


def _location(event: Event) -> str:
    if event.format == EventFormat.ONLINE:
        return "Online"
    address = " ".join(event.venue_address.split())
    if event.format == EventFormat.HYBRID:
        return f"{address} / Online" if address else "Online"
    return address


def _component(event: Event, stamp: datetime, note: str = "") -> CalendarEvent:
    component = CalendarEvent()
    component.add("uid", event_uid(event))
    component.add("sequence", event.sequence)
    component.add("dtstamp", stamp)
    component.add("dtstart", event.starts_at.astimezone(BERLIN))
    component.add("dtend", event.ends_at.astimezone(BERLIN))
    component.add("summary", f"{event.title} ({note})" if note else event.title)
    if event.description:
        component.add("description", event.description)
    location = _location(event)
    if location:
        component.add("location", location)
    component.add("url", settings.SITE_URL.rstrip("/") + event.get_absolute_url())
    component.add("last-modified", event.updated_at)
    cancelled = event.status == EventStatus.CANCELLED
    component.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return component


@cache
def _berlin_timezone() -> Timezone:
    """The Europe/Berlin VTIMEZONE, built once per process.

    Building it walks every transition of the range and took about half the time of a
    one-event .ics; every calendar only reads it (`to_ical`), so one instance is shared. The
    range starts in 2020 (the format began in 2023; icalendar's default starts in 1970 and
    made every file carry 50 years of past transitions to serialise).
    """
    return Timezone.from_tzinfo(BERLIN, first_date=date(2020, 1, 1), last_date=date(2040, 1, 1))


@cache
def _timezone_digest() -> str:
    return hashlib.sha256(_berlin_timezone().to_ical()).hexdigest()


# Raise when the layout of a VEVENT or calendar changes, so every cached copy is refetched.
CALENDAR_LAYOUT = "1"


def calendar_validator(source: str) -> str:
    """A weak ETag for a calendar whose events are described by `source`.

    Besides the events' own state it changes with everything else written into every file:
    the Europe/Berlin VTIMEZONE (so new time zone data), the product id, the site address of
    every URL and the layout. Weak, because DTSTAMP differs on every build.
    """
    parts = (CALENDAR_LAYOUT, PRODUCT_ID, settings.SITE_URL, _timezone_digest(), source)
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]
    return f'W/"{digest}"'


def calendar_for(
    events: Iterable[Event], *, name: str = "", notes: Mapping[int, str] | None = None
) -> bytes:
    """An iCalendar document with one VEVENT per event (and the Europe/Berlin VTIMEZONE).

    `notes` maps event pks to a short note appended to the summary in parentheses (the
    personal feed marks waitlisted registrations so).
    """
    notes = notes or {}
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Berlin")
    calendar.add_component(_berlin_timezone())
    stamp = timezone.now()
    for event in events:
        calendar.add_component(_component(event, stamp, notes.get(event.pk, "")))
    return calendar.to_ical()


def event_calendar(event: Event) -> bytes:
    """The .ics of one event (download and e-mail attachment)."""
    return calendar_for([event], name=event.title)
