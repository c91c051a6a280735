"""Conditional GET (ETag, Last-Modified) of the event .ics, the series feed and the personal
feed (issue 15): 304 without building the file while nothing changed, a new validator after
every change of the content, never another person's validator, denials unchanged."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from icalendar import Calendar

from stadtgespraeche.events import services
from stadtgespraeche.events.enums import Confidentiality, EventStatus
from stadtgespraeche.events.models import Event
from stadtgespraeche.registrations.enums import RegistrationStatus
from stadtgespraeche.registrations.models import CalendarToken, Registration
from stadtgespraeche.registrations.services.calendar import (
    regenerate_calendar_token,
    revoke_calendar_token,
)
from stadtgespraeche.registrations.services.registration import cancel_registration
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory
from tests.factories.network import SeriesFactory
from tests.factories.registrations import RegistrationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _summaries(response) -> list[str]:
    calendar = Calendar.from_ical(response.content)
    return sorted(str(component["summary"]) for component in calendar.walk("VEVENT"))


def _event_url(event: Event) -> str:
    return reverse("events:event-ics", kwargs={"slug": event.slug})


def _series_url(series) -> str:
    return reverse("events:series-feed", kwargs={"slug": series.slug})


def _feed_url(token: str) -> str:
    return reverse("registrations:calendar-personal-feed", kwargs={"token": token})


def _not_modified(client, url: str, etag: str):
    return client.get(url, HTTP_IF_NONE_MATCH=etag)


def _backdate(event: Event, hours: int = 1) -> None:
    """Make the stored change time an hour older, so the next save is a later second."""
    Event.objects.filter(pk=event.pk).update(
        updated_at=timezone.now() - datetime.timedelta(hours=hours)
    )


def _person_with_feed() -> tuple:
    person = UserFactory()
    calendar_token = regenerate_calendar_token(person)
    # Used just now: the hourly last-used UPDATE is not part of the polled path.
    CalendarToken.objects.filter(pk=calendar_token.pk).update(last_used_at=timezone.now())
    return person, calendar_token.token


# --- one event ----------------------------------------------------------------------------


def test_event_ics_sends_etag_and_last_modified(client):
    event = EventFactory(title="Termin")

    response = client.get(_event_url(event))

    assert response.status_code == 200
    assert response["ETag"].startswith('W/"')
    event.refresh_from_db()
    assert response["Last-Modified"] == http_date(int(event.updated_at.timestamp()))
    assert _summaries(response) == ["Termin"]


def test_event_ics_answers_304_on_if_none_match_without_building(
    client, django_assert_num_queries, monkeypatch, settings
):
    settings.RESPONSE_CACHE_SECONDS = 0  # the view's own answer (the cache's: core tests)
    event = EventFactory()
    etag = client.get(_event_url(event))["ETag"]

    def fail(*args, **kwargs):
        raise AssertionError("the calendar must not be built for a 304")

    monkeypatch.setattr("stadtgespraeche.events.views.calendar.event_calendar", fail)
    with django_assert_num_queries(1):
        response = _not_modified(client, _event_url(event), etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_event_ics_answers_304_on_if_modified_since(client):
    event = EventFactory()
    last_modified = client.get(_event_url(event))["Last-Modified"]

    response = client.get(_event_url(event), HTTP_IF_MODIFIED_SINCE=last_modified)

    assert response.status_code == 304


def test_event_ics_changes_validators_when_the_event_is_edited(client):
    event = EventFactory(title="Vorher")
    _backdate(event)
    first = client.get(_event_url(event))

    services.update_event(Event.objects.get(pk=event.pk), title="Nachher", by=None)

    by_etag = _not_modified(client, _event_url(event), first["ETag"])
    by_date = client.get(_event_url(event), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_etag.status_code == by_date.status_code == 200
    assert by_etag["ETag"] != first["ETag"]
    assert _summaries(by_etag) == _summaries(by_date) == ["Nachher"]


def test_event_ics_changes_validator_when_the_event_is_cancelled(client):
    event = EventFactory()
    etag = client.get(_event_url(event))["ETag"]

    services.transition_event(Event.objects.get(pk=event.pk), to=EventStatus.CANCELLED, by=None)

    response = _not_modified(client, _event_url(event), etag)
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    assert [str(c["status"]) for c in calendar.walk("VEVENT")] == ["CANCELLED"]


def test_event_ics_changes_validator_with_the_site_address(client):
    event = EventFactory()
    etag = client.get(_event_url(event))["ETag"]

    with override_settings(SITE_URL="https://anders.example"):
        response = _not_modified(client, _event_url(event), etag)

    assert response.status_code == 200
    assert b"anders.example" in response.content


def test_event_ics_changes_validator_with_new_time_zone_data(client, monkeypatch, settings):
    # New tzdata comes with a deployment, which starts new processes with an empty cache.
    settings.RESPONSE_CACHE_SECONDS = 0
    event = EventFactory()
    etag = client.get(_event_url(event))["ETag"]

    # What a new tzdata release does: a different Europe/Berlin VTIMEZONE.
    monkeypatch.setattr("stadtgespraeche.events.calendar._timezone_digest", lambda: "other-tzdata")
    response = _not_modified(client, _event_url(event), etag)

    assert response.status_code == 200
    assert response["ETag"] != etag


def test_event_ics_validator_does_not_open_a_hidden_event(client):
    event = EventFactory(title="Nur Netzwerk", confidentiality=Confidentiality.NETWORK)
    member = UserFactory()
    client.force_login(member)
    etag = client.get(_event_url(event))["ETag"]
    client.logout()

    response = _not_modified(client, _event_url(event), etag)

    assert response.status_code == 404
    assert "ETag" not in response
    assert b"Nur Netzwerk" not in response.content


# --- series feed --------------------------------------------------------------------------


def test_series_feed_answers_304_with_at_most_two_queries(
    client, django_assert_num_queries, settings
):
    settings.RESPONSE_CACHE_SECONDS = 0  # the view's own answer (the cache's: core tests)
    series = SeriesFactory()
    EventFactory.create_batch(3, series=series)
    first = client.get(_series_url(series))
    assert first.status_code == 200
    assert "Last-Modified" not in first

    with django_assert_num_queries(2):
        response = _not_modified(client, _series_url(series), first["ETag"])

    assert response.status_code == 304
    assert response["ETag"] == first["ETag"]


def test_series_feed_changes_validator_on_every_content_change(client):
    series = SeriesFactory()
    event = EventFactory(series=series, title="Erster")
    url = _series_url(series)
    seen = [client.get(url)["ETag"]]

    def changed_feed() -> list[str]:
        response = _not_modified(client, url, seen[-1])
        assert response.status_code == 200
        # A new validator; the same content as an earlier state may have that one's.
        assert response["ETag"] != seen[-1]
        seen.append(response["ETag"])
        return _summaries(response)

    services.update_event(Event.objects.get(pk=event.pk), title="Geändert", by=None)
    assert changed_feed() == ["Geändert"]

    other = EventFactory(series=series, title="Zweiter")
    assert changed_feed() == ["Geändert", "Zweiter"]

    # Moved to another series: nothing of this series was saved, the count changes.
    elsewhere = SeriesFactory(name="Andere Reihe", slug="andere-reihe")
    Event.objects.filter(pk=other.pk).update(series=elsewhere)
    assert changed_feed() == ["Geändert"]

    Event.objects.filter(pk=event.pk).update(confidentiality=Confidentiality.NETWORK)
    assert changed_feed() == []

    assert _not_modified(client, url, seen[-1]).status_code == 304


def test_series_feed_of_unknown_series_stays_404_with_a_validator(client):
    response = client.get(
        reverse("events:series-feed", kwargs={"slug": "gibt-es-nicht"}),
        HTTP_IF_NONE_MATCH='W/"abc"',
    )

    assert response.status_code == 404


# --- personal feed ------------------------------------------------------------------------


def test_personal_feed_answers_304_with_at_most_two_queries(
    client, django_assert_num_queries, monkeypatch
):
    person, token = _person_with_feed()
    RegistrationFactory(user=person)
    first = client.get(_feed_url(token))
    assert first.status_code == 200
    assert "Last-Modified" not in first

    def fail(*args, **kwargs):
        raise AssertionError("the feed must not be built for a 304")

    monkeypatch.setattr("stadtgespraeche.registrations.views.calendar.calendar_for", fail)
    with django_assert_num_queries(2):
        response = _not_modified(client, _feed_url(token), first["ETag"])

    assert response.status_code == 304
    assert response.content == b""
    assert response["Cache-Control"] == "private, no-store"
    assert response["ETag"] == first["ETag"]


def test_personal_feed_validator_is_per_person(client):
    alice, alice_token = _person_with_feed()
    bob, bob_token = _person_with_feed()
    event = EventFactory()
    RegistrationFactory(user=alice, event=event)
    RegistrationFactory(user=bob, event=event)

    alice_etag = client.get(_feed_url(alice_token))["ETag"]
    response = _not_modified(client, _feed_url(bob_token), alice_etag)

    assert response.status_code == 200
    assert response["ETag"] != alice_etag


def test_personal_feed_changes_validator_on_every_content_change(client):
    person, token = _person_with_feed()
    first_event = EventFactory(title="Erster")
    registration = RegistrationFactory(user=person, event=first_event)
    url = _feed_url(token)
    seen = [client.get(url)["ETag"]]

    def changed_feed() -> list[str]:
        response = _not_modified(client, url, seen[-1])
        assert response.status_code == 200
        # A new validator; the same content as an earlier state may have that one's.
        assert response["ETag"] != seen[-1]
        seen.append(response["ETag"])
        return _summaries(response)

    second = RegistrationFactory(user=person, event=EventFactory(title="Zweiter"))
    assert changed_feed() == ["Erster", "Zweiter"]

    # Status changed without a save of the registration or the event: the waitlist note.
    Registration.objects.filter(pk=second.pk).update(status=RegistrationStatus.WAITLISTED)
    assert changed_feed() == ["Erster", "Zweiter (auf der Warteliste)"]

    services.transition_event(
        Event.objects.get(pk=first_event.pk), to=EventStatus.CANCELLED, by=None
    )
    calendar = Calendar.from_ical(_not_modified(client, url, seen[-1]).content)
    assert {str(c["summary"]): str(c["status"]) for c in calendar.walk("VEVENT")} == {
        "Erster": "CANCELLED",
        "Zweiter (auf der Warteliste)": "CONFIRMED",
    }
    after_cancelling = client.get(url)["ETag"]
    assert after_cancelling != seen[-1]
    seen.append(after_cancelling)

    cancel_registration(Registration.objects.get(pk=registration.pk), by=None)
    assert changed_feed() == ["Zweiter (auf der Warteliste)"]

    person.language = "en"
    person.save(update_fields=["language"])
    assert changed_feed() == ["Zweiter (on the waitlist)"]

    assert _not_modified(client, url, seen[-1]).status_code == 304


def test_personal_feed_of_revoked_token_stays_404_with_old_validator(client):
    person, token = _person_with_feed()
    RegistrationFactory(user=person, event=EventFactory(title="Geheim"))
    etag = client.get(_feed_url(token))["ETag"]

    revoke_calendar_token(person)
    response = _not_modified(client, _feed_url(token), etag)

    assert response.status_code == 404
    assert "ETag" not in response
    assert b"Geheim" not in response.content
