"""Calendar downloads and feeds (issue 4, section 6): event .ics, series feed, personal feed
behind a token, and the calendar page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from stadtgespraeche.events import services
from stadtgespraeche.events.enums import Confidentiality, EventStatus
from stadtgespraeche.registrations.enums import RegistrationStatus
from stadtgespraeche.registrations.models import CalendarToken
from stadtgespraeche.registrations.services.calendar import regenerate_calendar_token
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.events import EventFactory
from tests.factories.network import SeriesFactory
from tests.factories.registrations import RegistrationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SETTINGS_URL = "/netzwerk/kalender/"


def _summaries(response) -> list[str]:
    calendar = Calendar.from_ical(response.content)
    return sorted(str(component["summary"]) for component in calendar.walk("VEVENT"))


def _assert_ics(response, filename: str) -> None:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f'filename="{filename}"' in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    assert calendar.walk("VTIMEZONE")


def test_calendar_urls_are_stable():
    assert reverse("registrations:calendar-settings") == SETTINGS_URL
    assert reverse("events:event-ics", kwargs={"slug": "x"}) == "/netzwerk/termine/x/kalender.ics"
    assert reverse("events:series-feed", kwargs={"slug": "s"}) == "/netzwerk/reihen/s/kalender.ics"


# --- one event ----------------------------------------------------------------------------


def test_event_ics_downloads_a_valid_calendar_without_join_link(client):
    event = EventFactory(title="Bürgerbeteiligung digital", online_info="https://bbb.example/join")

    response = client.get(reverse("events:event-ics", kwargs={"slug": event.slug}))

    _assert_ics(response, f"{event.slug}.ics")
    assert _summaries(response) == ["Bürgerbeteiligung digital"]
    assert b"bbb.example" not in response.content


def test_event_ics_of_network_event_is_404_for_anonymous(client):
    event = EventFactory(title="Nur Netzwerk", confidentiality=Confidentiality.NETWORK)

    response = client.get(reverse("events:event-ics", kwargs={"slug": event.slug}))

    assert response.status_code == 404
    assert b"Nur Netzwerk" not in response.content


def test_event_ics_of_network_event_for_member(client):
    client.force_login(UserFactory())
    event = EventFactory(title="Nur Netzwerk", confidentiality=Confidentiality.NETWORK)

    response = client.get(reverse("events:event-ics", kwargs={"slug": event.slug}))

    assert _summaries(response) == ["Nur Netzwerk"]


def test_event_ics_of_draft_is_404_for_councillor(client):
    client.force_login(UserFactory())
    event = EventFactory(title="Entwurf", status=EventStatus.DRAFT)

    response = client.get(reverse("events:event-ics", kwargs={"slug": event.slug}))

    assert response.status_code == 404


def test_event_detail_links_to_ics(client):
    event = EventFactory()

    response = client.get(event.get_absolute_url())

    assert reverse("events:event-ics", kwargs={"slug": event.slug}) in response.content.decode()


# --- series feed ----------------------------------------------------------------------------


def test_series_feed_contains_only_public_published_events_even_for_members(client):
    series = SeriesFactory()
    EventFactory(series=series, title="Öffentlich")
    EventFactory(series=series, title="Abgesagt", status=EventStatus.CANCELLED)
    EventFactory(series=series, title="Netzwerk", confidentiality=Confidentiality.NETWORK)
    EventFactory(series=series, title="Chatham", confidentiality=Confidentiality.CHATHAM_HOUSE)
    EventFactory(series=series, title="Entwurf", status=EventStatus.DRAFT)
    client.force_login(OrganiserFactory())

    response = client.get(reverse("events:series-feed", kwargs={"slug": series.slug}))

    _assert_ics(response, f"{series.slug}.ics")
    assert _summaries(response) == ["Abgesagt", "Öffentlich"]
    for hidden in (b"Netzwerk", b"Chatham", b"Entwurf"):
        assert hidden not in response.content
    calendar = Calendar.from_ical(response.content)
    statuses = {str(c["summary"]): str(c["status"]) for c in calendar.walk("VEVENT")}
    assert statuses["Abgesagt"] == "CANCELLED"


def test_series_feed_of_unknown_series_is_404(client):
    response = client.get(reverse("events:series-feed", kwargs={"slug": "gibt-es-nicht"}))

    assert response.status_code == 404


def test_event_list_links_to_series_feed(client):
    series = SeriesFactory()

    response = client.get(reverse("events:event-list"))

    assert reverse("events:series-feed", kwargs={"slug": series.slug}) in response.content.decode()


# --- personal feed ---------------------------------------------------------------------------


def _feed_url(token: str) -> str:
    return reverse("registrations:calendar-personal-feed", kwargs={"token": token})


def test_personal_feed_lists_registered_and_waitlisted_not_cancelled(client):
    person = UserFactory()
    token = regenerate_calendar_token(person).token
    RegistrationFactory(user=person, event=EventFactory(title="Angemeldet"))
    RegistrationFactory(
        user=person,
        event=EventFactory(title="Warteliste", confidentiality=Confidentiality.NETWORK),
        status=RegistrationStatus.WAITLISTED,
    )
    RegistrationFactory(
        user=person, event=EventFactory(title="Storniert"), status=RegistrationStatus.CANCELLED
    )
    RegistrationFactory(
        user=person,
        event=EventFactory(title="Ausgefallen", status=EventStatus.CANCELLED),
    )
    RegistrationFactory(event=EventFactory(title="Fremde Anmeldung"))

    response = client.get(_feed_url(token))

    _assert_ics(response, "stadtgespraeche.ics")
    assert _summaries(response) == ["Angemeldet", "Ausgefallen", "Warteliste (auf der Warteliste)"]
    assert b"Fremde Anmeldung" not in response.content
    assert b"Storniert" not in response.content
    assert "no-store" in response["Cache-Control"]
    calendar = Calendar.from_ical(response.content)
    statuses = {str(c["summary"]): str(c["status"]) for c in calendar.walk("VEVENT")}
    assert statuses["Ausgefallen"] == "CANCELLED"
    assert statuses["Angemeldet"] == "CONFIRMED"
    assert CalendarToken.objects.get(user=person).last_used_at is not None


def test_personal_feed_never_contains_join_link(client):
    person = UserFactory()
    token = regenerate_calendar_token(person).token
    RegistrationFactory(user=person, event=EventFactory(online_info="https://bbb.example/geheim"))

    response = client.get(_feed_url(token))

    assert b"bbb.example" not in response.content


def test_personal_feed_with_unknown_token_is_404(client):
    person = UserFactory()
    regenerate_calendar_token(person)
    RegistrationFactory(user=person, event=EventFactory(title="Angemeldet"))

    response = client.get(_feed_url("not-a-token"))

    assert response.status_code == 404
    assert b"Angemeldet" not in response.content


def test_personal_feed_with_old_token_is_404_after_regenerate(client):
    person = UserFactory()
    old = regenerate_calendar_token(person).token
    RegistrationFactory(user=person, event=EventFactory(title="Angemeldet"))
    new = regenerate_calendar_token(person).token

    assert client.get(_feed_url(old)).status_code == 404
    assert _summaries(client.get(_feed_url(new))) == ["Angemeldet"]


def test_personal_feed_with_revoked_token_is_404(client):
    person = UserFactory()
    token = regenerate_calendar_token(person).token
    RegistrationFactory(user=person, event=EventFactory(title="Angemeldet"))
    client.force_login(person)
    client.post(SETTINGS_URL, {"action": "revoke"})

    response = client.get(_feed_url(token))

    assert response.status_code == 404
    assert b"Angemeldet" not in response.content


def test_personal_feed_of_deactivated_person_is_404(client):
    person = UserFactory()
    token = regenerate_calendar_token(person).token
    person.is_active = False
    person.save()

    assert client.get(_feed_url(token)).status_code == 404


def test_personal_feed_does_not_show_another_persons_registrations(client):
    me, other = UserFactory(), UserFactory()
    my_token = regenerate_calendar_token(me).token
    regenerate_calendar_token(other)
    RegistrationFactory(user=other, event=EventFactory(title="Andere Person"))

    response = client.get(_feed_url(my_token))

    assert _summaries(response) == []
    assert b"Andere Person" not in response.content


@pytest.mark.parametrize("count", [1, 3])
def test_personal_feed_query_count(client, django_assert_num_queries, count):
    person = UserFactory()
    token = regenerate_calendar_token(person).token
    for _ in range(count):
        RegistrationFactory(user=person)
    # token with person, last-used update, the fingerprint for the ETag, the events
    with django_assert_num_queries(4):
        response = client.get(_feed_url(token))
    assert len(_summaries(response)) == count


# --- calendar page ---------------------------------------------------------------------------


def test_calendar_page_requires_login(client):
    response = client.get(SETTINGS_URL)

    assert response.status_code == 302
    assert "/konto/" in response["Location"]


def test_calendar_page_without_token_offers_to_create_one(client):
    client.force_login(UserFactory())

    response = client.get(SETTINGS_URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="regenerate"' in content
    assert 'id="calendar-feed-url"' not in content
    assert "Kalenderadresse" in content or "calendar address" in content


def test_calendar_page_create_shows_own_url_only(client):
    person, other = UserFactory(), UserFactory()
    other_token = regenerate_calendar_token(other).token
    client.force_login(person)

    response = client.post(SETTINGS_URL, {"action": "regenerate"}, follow=True)

    token = CalendarToken.objects.get(user=person).token
    content = response.content.decode()
    assert token in content
    assert other_token not in content
    assert f"webcal://testserver{_feed_url(token)}" in content


def test_calendar_page_regenerate_replaces_token(client):
    person = UserFactory()
    old = regenerate_calendar_token(person).token
    client.force_login(person)

    response = client.post(SETTINGS_URL, {"action": "regenerate"}, follow=True)

    new = CalendarToken.objects.get(user=person).token
    assert new != old
    assert old not in response.content.decode()
    assert new in response.content.decode()


def test_calendar_page_revoke_deletes_token(client):
    person = UserFactory()
    regenerate_calendar_token(person)
    client.force_login(person)

    response = client.post(SETTINGS_URL, {"action": "revoke"}, follow=True)

    assert not CalendarToken.objects.filter(user=person).exists()
    assert 'value="revoke"' not in response.content.decode()


def test_calendar_page_revoke_without_token_and_unknown_action_are_harmless(client):
    client.force_login(UserFactory())

    first = client.post(SETTINGS_URL, {"action": "revoke"}, follow=True)
    second = client.post(SETTINGS_URL, {"action": "delete-everything"}, follow=True)

    assert first.status_code == 200
    assert second.status_code == 200
    assert not CalendarToken.objects.exists()


def test_event_ics_of_past_event(client):
    start = timezone.now() - datetime.timedelta(days=10)
    event = EventFactory(
        title="Vergangen",
        status=EventStatus.DOCUMENTED,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )

    response = client.get(reverse("events:event-ics", kwargs={"slug": event.slug}))

    assert _summaries(response) == ["Vergangen"]


def test_series_feed_is_rebuilt_after_a_change(client):
    series = SeriesFactory()
    event = EventFactory(series=series, title="Vorher")
    url = reverse("events:series-feed", kwargs={"slug": series.slug})
    assert _summaries(client.get(url)) == ["Vorher"]

    services.update_event(event, title="Nachher", by=None)
    assert _summaries(client.get(url)) == ["Nachher"]

    EventFactory(series=series, title="Neu")
    assert _summaries(client.get(url)) == ["Nachher", "Neu"]

    services.transition_event(event, to=EventStatus.CANCELLED, by=None)
    calendar = Calendar.from_ical(client.get(url).content)
    statuses = {str(c["summary"]): str(c["status"]) for c in calendar.walk("VEVENT")}
    assert statuses == {"Nachher": "CANCELLED", "Neu": "CONFIRMED"}

    event.confidentiality = Confidentiality.NETWORK
    event.save()
    assert _summaries(client.get(url)) == ["Neu"]


@pytest.mark.parametrize("count", [1, 3])
def test_series_feed_query_count(client, django_assert_num_queries, count):
    series = SeriesFactory()
    EventFactory.create_batch(count, series=series)
    url = reverse("events:series-feed", kwargs={"slug": series.slug})
    # series, fingerprint, (cache miss) the events
    with django_assert_num_queries(3):
        response = client.get(url)
    assert len(_summaries(response)) == count


@pytest.mark.parametrize("role", ["organiser", "coordinator", "councillor", "speaker"])
def test_every_role_manages_only_its_own_calendar_address(client, role):
    factory = OrganiserFactory if role == "organiser" else UserFactory
    person = factory(role=role)
    stranger_token = regenerate_calendar_token(UserFactory()).token
    client.force_login(person)

    response = client.post(SETTINGS_URL, {"action": "regenerate"}, follow=True)

    assert response.status_code == 200
    assert CalendarToken.objects.get(user=person).token in response.content.decode()
    assert stranger_token not in response.content.decode()
