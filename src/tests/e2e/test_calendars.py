"""Browser tests of the calendar page (issue 4, section 6): axe without and with a personal
calendar address (German and English), creating, regenerating and switching it off without
JavaScript-only controls, and the links on the event list and detail."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from stadtgespraeche.registrations.models import CalendarToken
from stadtgespraeche.registrations.services.calendar import regenerate_calendar_token
from tests.e2e.axe import axe_check
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory
from tests.factories.network import DefaultSeriesFactory
from tests.factories.registrations import RegistrationFactory

pytestmark = pytest.mark.e2e


def _visit(page: Page, url: str, name: str) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status == 200, name
    axe_check(page, name=name)


def test_calendar_page_passes_axe_in_every_state(axe_page: Page, log_in):
    person = UserFactory(language="de")
    RegistrationFactory(user=person, event=EventFactory(title="E2E Kalendertermin"))
    log_in(axe_page, person)
    url = reverse("registrations:calendar-settings")

    _visit(axe_page, url, "calendar page (no address)")
    axe_page.get_by_role("button", name="Meine Kalenderadresse erzeugen").click()
    axe_check(axe_page, name="calendar page (address created)")
    token = CalendarToken.objects.get(user=person).token
    field = axe_page.get_by_label("Adresse zum Abonnieren")
    assert token in field.input_value()
    assert "1 Stadtgespräch" in axe_page.locator("main").inner_text()

    # A new address asks first (one box); saying no keeps the address.
    questions = []

    def refuse(dialog):
        questions.append(dialog.message)
        dialog.dismiss()

    axe_page.once("dialog", refuse)
    axe_page.get_by_role("button", name="Neue Adresse erzeugen").click()
    assert questions == [
        "Eine neue Adresse erzeugen? Die bisherige Adresse funktioniert dann sofort nicht mehr."
    ]
    assert CalendarToken.objects.get(user=person).token == token

    axe_page.once("dialog", lambda dialog: dialog.accept())
    axe_page.get_by_role("button", name="Neue Adresse erzeugen").click()
    expect(axe_page.get_by_label("Adresse zum Abonnieren")).not_to_have_value(
        re.compile(re.escape(token))
    )
    new_token = CalendarToken.objects.get(user=person).token
    assert new_token != token
    assert new_token in axe_page.get_by_label("Adresse zum Abonnieren").input_value()

    axe_page.once("dialog", lambda dialog: dialog.accept())
    axe_page.get_by_role("button", name="Kalenderadresse abschalten").click()
    expect(axe_page.get_by_role("button", name="Meine Kalenderadresse erzeugen")).to_be_visible()
    axe_check(axe_page, name="calendar page (switched off)")
    assert not CalendarToken.objects.filter(user=person).exists()


def test_calendar_page_in_english_passes_axe(axe_page: Page, log_in, live_server):
    person = UserFactory(language="en")
    regenerate_calendar_token(person)
    log_in(axe_page, person)
    axe_page.context.add_cookies(
        [{"name": "django_language", "value": "en", "url": live_server.url}]
    )

    _visit(axe_page, reverse("registrations:calendar-settings"), "calendar page (address) [en]")

    assert axe_page.locator("html").get_attribute("lang") == "en"
    assert axe_page.get_by_role("button", name="Create a new address").is_visible()


def test_event_pages_link_to_calendars(axe_page: Page):
    series = DefaultSeriesFactory()
    event = EventFactory(series=series, title="E2E Öffentlich")

    _visit(axe_page, reverse("events:event-list"), "event list with feed link")
    feed = axe_page.get_by_role("link", name="Kalender der Reihe")
    assert feed.get_attribute("href") == reverse("events:series-feed", kwargs={"slug": series.slug})
    _visit(axe_page, event.get_absolute_url(), "event detail with .ics link")
    link = axe_page.get_by_role("link", name="Zum Kalender hinzufügen (.ics)")
    assert link.get_attribute("href") == reverse("events:event-ics", kwargs={"slug": event.slug})
