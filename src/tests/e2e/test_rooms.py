"""Browser tests of the online room (issue 4, section 5): the join button appears only for the
registered person inside the time window; joining goes through the fake BigBlueButton server;
axe on every state of the room box and on the join page."""

import datetime
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, Route, expect

from stadtgespraeche.events.enums import EventFormat, EventStatus
from stadtgespraeche.registrations.enums import RegistrationStatus
from tests.e2e.axe import axe_check
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.events import EventFactory
from tests.factories.registrations import RegistrationFactory
from tests.rooms.fake_bbb import FakeBigBlueButton

pytestmark = pytest.mark.e2e

SECRET = "e2e-room-secret"
CLIENT_URL = "https://bbb.invalid/html5client/join"


@pytest.fixture
def fake_bbb(settings):
    server = FakeBigBlueButton(SECRET).start()
    settings.BBB_URL = server.url
    settings.BBB_SECRET = SECRET
    settings.BBB_SERVERS = {}
    yield server
    server.stop()


def _event(starts_in: datetime.timedelta, title: str):
    start = timezone.now() + starts_in
    return EventFactory(
        title=title,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        format=EventFormat.ONLINE,
        status=EventStatus.REGISTRATION_CLOSED,
    )


def _room_box(page: Page) -> str:
    box = page.locator(".room-box")
    return box.inner_text() if box.count() else ""


def test_join_button_only_for_registered_person_in_window(
    axe_page: Page, new_page, log_in, fake_bbb
):
    event = _event(datetime.timedelta(minutes=10), "E2E Hybride Ratsarbeit")
    registered = UserFactory(first_name="Rita", last_name="Registriert")
    RegistrationFactory(event=event, user=registered)
    waitlisted = UserFactory()
    RegistrationFactory(event=event, user=waitlisted, status=RegistrationStatus.WAITLISTED)
    join_path = reverse("rooms:room-join", kwargs={"slug": event.slug})

    # Registered, inside the window: the button, and the join page.
    log_in(axe_page, registered)
    axe_page.goto(event.get_absolute_url())
    assert "Online-Raum betreten" in _room_box(axe_page)
    axe_check(axe_page, name="event detail: room box open")
    axe_page.goto(join_path)
    assert axe_page.locator("h1").inner_text().startswith("Online-Raum")
    axe_check(axe_page, name="room join page")
    axe_page.get_by_role("button", name="Online-Raum betreten").click()
    expect(axe_page.get_by_role("link", name="Online-Raum jetzt betreten")).to_be_visible()
    axe_check(axe_page, name="room join page: personal link ready")

    # Waitlisted: told so, no link.
    page = new_page()
    log_in(page, waitlisted)
    page.goto(event.get_absolute_url())
    assert "Warteliste" in _room_box(page)
    assert join_path not in page.content()

    # Another councillor and an anonymous visitor: nothing about the room.
    other = new_page()
    log_in(other, UserFactory())
    other.goto(event.get_absolute_url())
    assert _room_box(other) == ""
    assert join_path not in other.content()
    anonymous = new_page()
    anonymous.goto(event.get_absolute_url())
    assert join_path not in anonymous.content()


def test_joining_goes_to_the_signed_bbb_url_and_records_attendance(page: Page, log_in, fake_bbb):
    event = _event(datetime.timedelta(minutes=-5), "E2E Laufendes Gespräch")
    registered = UserFactory(first_name="Rita", last_name="Registriert")
    registration = RegistrationFactory(event=event, user=registered)
    seen: list[str] = []

    def bbb_client(route: Route) -> None:  # the BBB web client is not part of the test
        seen.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<html lang='de'></html>")

    page.route("https://bbb.invalid/**", bbb_client)
    log_in(page, registered)
    page.goto(event.get_absolute_url())
    page.get_by_role("button", name="Online-Raum betreten").click()
    page.get_by_role("link", name="Online-Raum jetzt betreten").click()
    page.wait_for_url(f"{CLIENT_URL}**")
    meeting = fake_bbb.meetings[f"stadtgespraeche-event-{event.pk}"]
    assert [(join.full_name, join.role) for join in meeting.joins] == [
        ("Rita Registriert", "VIEWER")
    ]
    assert seen
    assert dict(parse_qsl(urlsplit(seen[0]).query))["sessionToken"] == "fake-session"
    registration.refresh_from_db()
    assert registration.joined_online_at is not None
    assert registration.status == RegistrationStatus.ATTENDED


def test_room_box_before_window_and_organiser_join_page_pass_axe(axe_page: Page, log_in, fake_bbb):
    event = _event(datetime.timedelta(days=2), "E2E Später")
    registered = UserFactory()
    RegistrationFactory(event=event, user=registered)
    log_in(axe_page, registered)
    axe_page.goto(event.get_absolute_url())
    assert "Der Zugang erscheint hier 30 Minuten vor Beginn" in _room_box(axe_page)
    assert reverse("rooms:room-join", kwargs={"slug": event.slug}) not in axe_page.content()
    axe_check(axe_page, name="event detail: room box before the window")

    running = _event(datetime.timedelta(minutes=-5), "E2E Orga-Raum")
    log_in(axe_page, OrganiserFactory())
    axe_page.goto(reverse("rooms:room-join", kwargs={"slug": running.slug}))
    assert "Online-Raum für alle beenden" in axe_page.locator("main").inner_text()
    axe_check(axe_page, name="room join page (organiser)")
    # The room server refuses (no meeting yet): a clear message, no error page.
    axe_page.once("dialog", lambda dialog: dialog.accept())
    axe_page.get_by_role("button", name="Online-Raum für alle beenden").click()
    expect(axe_page.locator("main")).to_contain_text("notFound")
    assert "notFound" in axe_page.locator("main").inner_text()
    axe_check(axe_page, name="room join page (server refused)")
    axe_page.goto(reverse("rooms:series-room", kwargs={"slug": running.series.slug}))
    axe_check(axe_page, name="online room of the series")
