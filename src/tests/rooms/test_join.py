"""Joining and ending the online room of an event, against the fake BigBlueButton server."""

import datetime
from urllib.parse import parse_qsl, urlsplit

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.events.enums import EventFormat, EventStatus
from stadtgespraeche.network.enums import RoomKind
from stadtgespraeche.registrations.enums import RegistrationStatus
from stadtgespraeche.rooms import queries as queries_rooms
from stadtgespraeche.rooms import services as services_rooms
from stadtgespraeche.rooms.providers import Role, RoomUnavailable
from stadtgespraeche.rooms.providers.bbb import BigBlueButtonProvider, checksum
from stadtgespraeche.rooms.providers.link import LinkProvider
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.events import AgendaItemFactory, EventFactory
from tests.factories.network import SeriesFactory
from tests.factories.registrations import RegistrationFactory
from tests.rooms.fake_bbb import FakeBigBlueButton

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SECRET = "room-secret-0123456789"
START = datetime.datetime(2026, 12, 3, 17, 0, tzinfo=datetime.UTC)
END = START + datetime.timedelta(hours=2)
BEFORE_WINDOW = START - datetime.timedelta(minutes=31)
IN_WINDOW_EARLY = START - datetime.timedelta(minutes=20)
RUNNING = START + datetime.timedelta(minutes=10)
AFTER = END + datetime.timedelta(minutes=1)


@pytest.fixture
def fake_bbb(settings):
    server = FakeBigBlueButton(SECRET).start()
    settings.BBB_URL = server.url
    settings.BBB_SECRET = SECRET
    settings.BBB_CHECKSUM_ALGORITHM = "sha1"
    settings.BBB_SERVERS = {}
    yield server
    server.stop()


@pytest.fixture
def event():
    return EventFactory(
        title="Hybride Ratsarbeit",
        starts_at=START,
        ends_at=END,
        format=EventFormat.ONLINE,
        status=EventStatus.REGISTRATION_CLOSED,
    )


@pytest.fixture
def participant(event):
    user = UserFactory(first_name="Anna", last_name="Ratsfrau")
    RegistrationFactory(event=event, user=user)
    return user


def _params(url):
    return dict(parse_qsl(urlsplit(url).query))


# Configuration


def test_room_config_uses_bbb_servers_for_the_series(settings):
    series = SeriesFactory()
    settings.BBB_SERVERS = {
        series.slug: {"url": "https://bbb.example.org/bigbluebutton/", "secret": "s2"}
    }
    config = queries_rooms.room_config(series)
    assert config["url"] == "https://bbb.example.org/bigbluebutton/"
    assert config["secret"] == "s2"


def test_room_config_falls_back_to_bbb_settings(settings):
    settings.BBB_SERVERS = {"another-series": {"url": "https://x.example/", "secret": "x"}}
    settings.BBB_URL = "https://default.example/bigbluebutton/"
    settings.BBB_SECRET = "default-secret"
    settings.BBB_CHECKSUM_ALGORITHM = "sha256"
    event = EventFactory()
    provider = queries_rooms.provider_of(event)
    assert isinstance(provider, BigBlueButtonProvider)
    assert provider.url == "https://default.example/bigbluebutton/"
    assert provider.algorithm == "sha256"


def test_link_provider_uses_the_event_room_link():
    series = SeriesFactory(room_provider=RoomKind.LINK)
    event = EventFactory(series=series, room_link="https://meet.jit.si/Stadtgespraech-7")
    provider = queries_rooms.provider_of(event)
    assert isinstance(provider, LinkProvider)
    assert provider.url == "https://meet.jit.si/Stadtgespraech-7"


def test_meeting_spec_is_stable_and_has_distinct_role_passwords(event):
    first = queries_rooms.meeting_spec(event)
    second = queries_rooms.meeting_spec(event)
    assert first == second
    assert first.meeting_id == f"stadtgespraeche-event-{event.pk}"
    assert first.attendee_password != first.moderator_password
    assert first.record_allowed is False


def test_has_room_false_for_in_person_and_none_provider():
    assert not queries_rooms.has_room(EventFactory(format=EventFormat.IN_PERSON))
    series = SeriesFactory(slug="ohne-raum", name="Ohne Raum", room_provider=RoomKind.NONE)
    assert not queries_rooms.has_room(EventFactory(series=series))
    assert not queries_rooms.has_room(EventFactory(status=EventStatus.CANCELLED))
    assert queries_rooms.has_room(EventFactory(format=EventFormat.HYBRID))


# Service: join


def test_join_room_creates_meeting_and_returns_signed_attendee_url(fake_bbb, event, participant):
    with time_machine.travel(IN_WINDOW_EARLY, tick=False):
        url = services_rooms.join_room(event, user=participant)
    meeting = fake_bbb.meetings[f"stadtgespraeche-event-{event.pk}"]
    assert meeting.name == "Hybride Ratsarbeit"
    params = _params(url)
    assert params["fullName"] == "Anna Ratsfrau"
    assert params["role"] == "VIEWER"
    assert params["userID"] == str(participant.pk)
    # The checksum is sha1(call + query string without checksum + secret), as documented.
    query = urlsplit(url).query
    unsigned, _, given = query.rpartition("&checksum=")
    assert given == checksum("join", unsigned, SECRET, "sha1")


def test_join_room_url_is_accepted_by_the_server(fake_bbb, event, participant):
    import httpx

    with time_machine.travel(RUNNING, tick=False):
        url = services_rooms.join_room(event, user=participant)
    response = httpx.get(url, follow_redirects=False, timeout=5)
    assert response.status_code == 302
    meeting = fake_bbb.meetings[f"stadtgespraeche-event-{event.pk}"]
    assert [(j.full_name, j.role) for j in meeting.joins] == [("Anna Ratsfrau", "VIEWER")]


def test_join_room_twice_is_idempotent_on_the_server(fake_bbb, event, participant):
    with time_machine.travel(RUNNING, tick=False):
        services_rooms.join_room(event, user=participant)
        services_rooms.join_room(event, user=participant)
    assert fake_bbb.requests.count("create") == 2
    assert len(fake_bbb.meetings) == 1


def test_join_room_organiser_and_speaker_are_moderators(fake_bbb, event):
    organiser = OrganiserFactory()
    speaker = UserFactory()
    AgendaItemFactory(event=event).speakers.add(speaker)
    with time_machine.travel(RUNNING, tick=False):
        assert _params(services_rooms.join_room(event, user=organiser))["role"] == "MODERATOR"
        assert _params(services_rooms.join_room(event, user=speaker))["role"] == "MODERATOR"


def test_join_room_records_attendance_once_and_marks_attended_from_window_opening(
    fake_bbb, event, participant
):
    registration = participant.event_registrations.get()
    with time_machine.travel(IN_WINDOW_EARLY, tick=False):
        services_rooms.join_room(event, user=participant)
    registration.refresh_from_db()
    assert registration.joined_online_at == IN_WINDOW_EARLY
    # Joining before the start but inside the join window counts as attendance.
    assert registration.status == RegistrationStatus.ATTENDED
    with time_machine.travel(RUNNING, tick=False):
        services_rooms.join_room(event, user=participant)
    registration.refresh_from_db()
    assert registration.joined_online_at == IN_WINDOW_EARLY  # the first time stays
    assert registration.status == RegistrationStatus.ATTENDED
    logs = AuditLog.objects.filter(action="events.room.joined", object_id=str(event.pk))
    assert logs.count() == 2
    assert logs.first().data == {"role": "attendee"}


def test_join_room_at_the_opening_of_the_window_counts_as_attendance(fake_bbb, event, participant):
    opening = START - queries_rooms.ROOM_OPENS_BEFORE
    with time_machine.travel(opening, tick=False):
        services_rooms.join_room(event, user=participant)
    registration = participant.event_registrations.get()
    assert registration.status == RegistrationStatus.ATTENDED
    assert registration.joined_online_at == opening


def test_join_room_before_window_is_refused(fake_bbb, event, participant):
    with (
        time_machine.travel(BEFORE_WINDOW, tick=False),
        pytest.raises(services_rooms.RoomNotAllowed),
    ):
        services_rooms.join_room(event, user=participant)
    assert fake_bbb.requests == []


def test_join_room_after_end_is_refused(fake_bbb, event, participant):
    with time_machine.travel(AFTER, tick=False), pytest.raises(services_rooms.RoomNotAllowed):
        services_rooms.join_room(event, user=participant)


def test_join_room_waitlisted_is_refused(fake_bbb, event):
    user = UserFactory()
    RegistrationFactory(event=event, user=user, status=RegistrationStatus.WAITLISTED)
    with time_machine.travel(RUNNING, tick=False), pytest.raises(services_rooms.RoomNotAllowed):
        services_rooms.join_room(event, user=user)


def test_join_room_wrong_secret_raises_room_unavailable(fake_bbb, event, participant, settings):
    settings.BBB_SECRET = "wrong"
    with time_machine.travel(RUNNING, tick=False), pytest.raises(RoomUnavailable) as caught:
        services_rooms.join_room(event, user=participant)
    assert caught.value.message_key == "checksumError"
    registration = participant.event_registrations.get()
    assert registration.joined_online_at is None


def test_join_room_per_series_server_with_sha256(event, participant, settings):
    server = FakeBigBlueButton("series-secret", algorithms=("sha256",)).start()
    try:
        settings.BBB_URL = "http://127.0.0.1:9/unused/"
        settings.BBB_SECRET = "unused"
        settings.BBB_SERVERS = {
            event.series.slug: {"url": server.url, "secret": "series-secret", "checksum": "sha256"}
        }
        with time_machine.travel(RUNNING, tick=False):
            url = services_rooms.join_room(event, user=participant)
        assert len(_params(url)["checksum"]) == 64
        assert f"stadtgespraeche-event-{event.pk}" in server.meetings
    finally:
        server.stop()


# Service: end


def test_end_room_by_organiser_ends_meeting(fake_bbb, event, participant):
    organiser = OrganiserFactory()
    with time_machine.travel(RUNNING, tick=False):
        services_rooms.join_room(event, user=participant)
        services_rooms.end_room(event, by=organiser)
    assert fake_bbb.meetings[f"stadtgespraeche-event-{event.pk}"].ended
    assert AuditLog.objects.filter(action="events.room.ended").count() == 1


def test_end_room_by_participant_is_refused(fake_bbb, event, participant):
    with pytest.raises(services_rooms.RoomNotAllowed):
        services_rooms.end_room(event, by=participant)
    assert "end" not in fake_bbb.requests


def test_end_room_not_running_raises_room_unavailable(fake_bbb, event):
    with pytest.raises(RoomUnavailable) as caught:
        services_rooms.end_room(event, by=OrganiserFactory())
    assert caught.value.message_key == "notFound"


# Views


def test_join_page_shows_button_in_window(client, fake_bbb, event, participant):
    client.force_login(participant)
    with time_machine.travel(RUNNING, tick=False):
        response = client.get(reverse("rooms:room-join", kwargs={"slug": event.slug}))
    assert response.status_code == 200
    assert "Online-Raum betreten" in response.text
    assert "für alle beenden" not in response.text
    assert fake_bbb.requests == []  # GET talks to nobody


def test_join_post_shows_the_signed_join_url(client, fake_bbb, event, participant):
    client.force_login(participant)
    with time_machine.travel(RUNNING, tick=False):
        response = client.post(reverse("rooms:room-join", kwargs={"slug": event.slug}))
    assert response.status_code == 200
    link = response.context["join_url"]
    assert link.startswith(fake_bbb.url + "api/join?")
    assert f'href="{link.replace("&", "&amp;")}"' in response.text
    assert "Online-Raum jetzt betreten" in response.text
    assert f"stadtgespraeche-event-{event.pk}" in fake_bbb.meetings
    assert participant.event_registrations.get().status == RegistrationStatus.ATTENDED


def test_join_post_with_wrong_secret_shows_german_message(client, fake_bbb, event, participant):
    fake_bbb.secret = "a-different-secret"
    client.force_login(participant)
    with time_machine.travel(RUNNING, tick=False):
        response = client.post(reverse("rooms:room-join", kwargs={"slug": event.slug}))
    assert response.status_code == 503
    assert "Der Online-Raum kann gerade nicht geöffnet werden." in response.text
    assert "checksumError" in response.text
    assert "api/join" not in response.text


def test_join_post_with_unreachable_server_shows_german_message(
    client, event, participant, settings
):
    settings.BBB_SERVERS = {}
    settings.BBB_URL = "http://127.0.0.1:9/bigbluebutton/"  # nothing listens on port 9
    settings.BBB_SECRET = SECRET
    client.force_login(participant)
    with time_machine.travel(RUNNING, tick=False):
        response = client.post(reverse("rooms:room-join", kwargs={"slug": event.slug}))
    assert response.status_code == 503
    assert "nicht erreichbar" in response.text


def test_join_post_without_configuration_shows_german_message(client, event, participant, settings):
    settings.BBB_SERVERS = {}
    settings.BBB_URL = ""
    settings.BBB_SECRET = ""
    client.force_login(participant)
    with time_machine.travel(RUNNING, tick=False):
        response = client.post(reverse("rooms:room-join", kwargs={"slug": event.slug}))
    assert response.status_code == 503
    assert "nicht eingerichtet" in response.text


def test_join_page_for_not_registered_person_is_denied(client, fake_bbb, event):
    client.force_login(UserFactory())
    with time_machine.travel(RUNNING, tick=False):
        get = client.get(reverse("rooms:room-join", kwargs={"slug": event.slug}))
        post = client.post(reverse("rooms:room-join", kwargs={"slug": event.slug}))
    assert get.status_code == 403
    assert post.status_code == 403
    assert "Online-Raum betreten" not in get.text
    assert fake_bbb.requests == []


def test_join_post_before_window_is_denied(client, fake_bbb, event, participant):
    client.force_login(participant)
    with time_machine.travel(BEFORE_WINDOW, tick=False):
        page = client.get(reverse("rooms:room-join", kwargs={"slug": event.slug}))
        post = client.post(reverse("rooms:room-join", kwargs={"slug": event.slug}))
    assert "30 Minuten vor Beginn" in page.text
    assert "Online-Raum betreten" not in page.text
    assert post.status_code == 403
    assert fake_bbb.requests == []


def test_join_page_anonymous_redirects_to_login(client, event):
    response = client.get(reverse("rooms:room-join", kwargs={"slug": event.slug}))
    assert response.status_code == 302
    assert "/anmelden/" in response["Location"] or "login" in response["Location"]


def test_end_view_by_organiser_ends_meeting(client, fake_bbb, event, participant):
    organiser = OrganiserFactory()
    with time_machine.travel(RUNNING, tick=False):
        services_rooms.join_room(event, user=participant)
        client.force_login(organiser)
        page = client.get(reverse("rooms:room-join", kwargs={"slug": event.slug}))
        response = client.post(reverse("rooms:room-end", kwargs={"slug": event.slug}), follow=True)
    assert "Online-Raum für alle beenden" in page.text
    assert "für alle beendet" in response.text
    assert fake_bbb.meetings[f"stadtgespraeche-event-{event.pk}"].ended


def test_end_view_server_error_shows_message(client, fake_bbb, event):
    client.force_login(OrganiserFactory())
    with time_machine.travel(RUNNING, tick=False):
        response = client.post(reverse("rooms:room-end", kwargs={"slug": event.slug}), follow=True)
    assert response.status_code == 200
    assert "notFound" in response.text


def test_end_view_by_participant_is_denied(client, fake_bbb, event, participant):
    client.force_login(participant)
    response = client.post(reverse("rooms:room-end", kwargs={"slug": event.slug}))
    assert response.status_code == 403
    assert "end" not in fake_bbb.requests


# The room box on the event page


def _detail(client, event, when):
    with time_machine.travel(when, tick=False):
        return client.get(event.get_absolute_url())


def test_room_box_shows_join_button_for_registered_in_window(client, event, participant):
    client.force_login(participant)
    response = _detail(client, event, RUNNING)
    join_url = reverse("rooms:room-join", kwargs={"slug": event.slug})
    assert 'data-room-state="open"' in response.text
    assert join_url in response.text
    assert "Online-Raum betreten" in response.text


def test_room_box_before_window_says_when_access_appears(client, event, participant):
    client.force_login(participant)
    response = _detail(client, event, BEFORE_WINDOW)
    assert "Der Zugang erscheint hier 30 Minuten vor Beginn" in response.text
    assert reverse("rooms:room-join", kwargs={"slug": event.slug}) not in response.text


def test_room_box_waitlisted_cannot_join(client, event):
    user = UserFactory()
    RegistrationFactory(event=event, user=user, status=RegistrationStatus.WAITLISTED)
    client.force_login(user)
    response = _detail(client, event, RUNNING)
    assert "Warteliste" in response.text
    assert reverse("rooms:room-join", kwargs={"slug": event.slug}) not in response.text


@pytest.mark.parametrize("who", ["anonymous", "other", "cancelled"])
def test_room_box_absent_for_ineligible_viewers(client, event, who):
    if who != "anonymous":
        user = UserFactory()
        if who == "cancelled":
            RegistrationFactory(event=event, user=user, status=RegistrationStatus.CANCELLED)
        client.force_login(user)
    response = _detail(client, event, RUNNING)
    assert response.status_code == 200
    assert "room-box" not in response.text
    assert "Online-Raum" not in response.text
    assert reverse("rooms:room-join", kwargs={"slug": event.slug}) not in response.text


def test_room_box_after_end_is_closed(client, event, participant):
    client.force_login(participant)
    response = _detail(client, event, AFTER)
    assert 'data-room-state="over"' in response.text
    assert reverse("rooms:room-join", kwargs={"slug": event.slug}) not in response.text


def test_room_access_role_for_registered_attendee(event, participant):
    access = queries_rooms.room_access(participant, event, now=RUNNING)
    assert access.can_join
    assert access.role == Role.ATTENDEE
    assert access.opens_at == START - datetime.timedelta(minutes=30)


def test_room_window_bounds_are_inclusive(event, participant):
    opens = START - datetime.timedelta(minutes=30)
    assert queries_rooms.room_access(participant, event, now=opens).can_join
    assert queries_rooms.room_access(participant, event, now=END).can_join
    assert not queries_rooms.room_access(
        participant, event, now=opens - datetime.timedelta(seconds=1)
    ).can_join
    assert timezone.is_aware(opens)


def test_in_person_event_links_participants_to_the_questions(client):
    event = EventFactory(starts_at=START, ends_at=END, format=EventFormat.IN_PERSON)
    user = UserFactory()
    RegistrationFactory(event=event, user=user, mode="in_person")
    client.force_login(user)
    response = _detail(client, event, RUNNING)
    questions = reverse("questions:question-list", kwargs={"slug": event.slug})
    assert questions in response.text
    assert "room-box" not in response.text
    client.force_login(UserFactory())
    assert questions not in _detail(client, event, RUNNING).text


def test_room_calls_do_not_log_checksums_or_passwords(fake_bbb, event, participant, caplog):
    caplog.set_level("INFO")
    with time_machine.travel(RUNNING, tick=False):
        services_rooms.join_room(event, user=participant)
        services_rooms.end_room(event, by=OrganiserFactory())
    spec = queries_rooms.meeting_spec(event)
    logged = caplog.text
    assert "checksum=" not in logged
    assert spec.moderator_password not in logged
    assert SECRET not in logged
