"""Browser journey of registration (issue 4, sections 4 and 8): councillor A registers and
fills the mode → councillor B is waitlisted → A cancels → B moves up and is e-mailed; axe on
the box in every state, the self-cancel page and the organisers' pages."""

import datetime
import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from stadtgespraeche.events.enums import EventFormat, EventStatus
from stadtgespraeche.registrations.enums import RegistrationStatus as Status
from stadtgespraeche.registrations.models import Registration
from stadtgespraeche.registrations.services import registration as services
from tests.e2e.axe import axe_check
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.events import EventFactory
from tests.factories.registrations import RegistrationFactory
from tests.registrations.helpers import coordinator_with_councillor

pytestmark = pytest.mark.e2e


def _event(**kwargs):
    defaults = {
        "title": "E2E Datensouveränität",
        "status": EventStatus.REGISTRATION_OPEN,
        "format": EventFormat.HYBRID,
        "capacity_in_person": 1,
        "capacity_online": 20,
        "venue_address": "Rathaus Kaiserslautern",
    }
    defaults.update(kwargs)
    return EventFactory(**defaults)


def _register_in_browser(page: Page, *, mode: str = "vor Ort", button: str = "Anmelden") -> None:
    box = page.locator("#registration-box")
    box.get_by_label(mode).check()
    box.get_by_role("button", name=button).click()


def test_register_full_waitlist_cancel_promote_journey(page: Page, new_page, axe_page, log_in):
    event = _event()
    anna = UserFactory(first_name="Anna", last_name="Erste")
    bernd = UserFactory(first_name="Bernd", last_name="Zweiter")

    # A registers (htmx swaps the box) and takes the only in-person place.
    log_in(page, anna)
    page.goto(event.get_absolute_url())
    _register_in_browser(page)
    expect(page.locator("#registration-box")).to_contain_text("Sie sind angemeldet (vor Ort).")
    expect(page.locator("#registration-box")).to_contain_text("ausgebucht")

    # B is waitlisted.
    bernd_page = new_page()
    log_in(bernd_page, bernd)
    bernd_page.goto(event.get_absolute_url())
    _register_in_browser(bernd_page)
    expect(bernd_page.locator("#registration-box")).to_contain_text(
        "Sie stehen auf der Warteliste (vor Ort), Platz 1."
    )
    log_in(axe_page, bernd)
    axe_page.goto(event.get_absolute_url())
    axe_check(axe_page, name="registration box (waitlisted)")
    mail.outbox.clear()

    # A cancels (after one confirmation box); B moves up and gets an e-mail with the calendar.
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#registration-box").get_by_role(
        "button", name="Meine Anmeldung stornieren"
    ).click()
    expect(page.locator("#registration-box")).to_contain_text("Ihre Anmeldung ist storniert.")

    promoted = Registration.objects.get(event=event, user=bernd)
    assert promoted.status == Status.REGISTERED
    assert promoted.promoted_at is not None
    assert [message.to for message in mail.outbox] == [[bernd.email]]
    assert mail.outbox[0].subject == "Sie haben einen Platz: E2E Datensouveränität"
    assert mail.outbox[0].attachments[0].mimetype == "text/calendar"

    bernd_page.reload()
    expect(bernd_page.locator("#registration-box")).to_contain_text(
        "Sie sind angemeldet (vor Ort)."
    )


def test_registration_box_states_pass_axe(axe_page: Page, log_in):
    event = _event(capacity_in_person=12, ask_dietary_needs=True)
    RegistrationFactory(event=event, mode="in_person", on_participant_list=True)

    axe_page.goto(event.get_absolute_url())
    expect(axe_page.locator("#registration-box")).to_contain_text("Zum Anmelden einloggen")
    axe_check(axe_page, name="registration box (anonymous)")

    log_in(axe_page, UserFactory())
    axe_page.goto(event.get_absolute_url())
    axe_check(axe_page, name="registration box (form)")

    _register_in_browser(axe_page)
    expect(axe_page.locator("#registration-box")).to_contain_text("Teilnehmendenliste")
    axe_check(axe_page, name="registration box (registered, participant list)")

    coordinator, _councillor = coordinator_with_councillor()
    log_in(axe_page, coordinator)
    axe_page.goto(event.get_absolute_url())
    expect(axe_page.locator("#registration-box")).to_contain_text("Ratsmitglied Ihrer Kommune")
    axe_check(axe_page, name="registration box (coordinator)")

    closed = _event(title="E2E geschlossen", status=EventStatus.REGISTRATION_CLOSED)
    axe_page.goto(closed.get_absolute_url())
    expect(axe_page.locator("#registration-box")).to_contain_text("nicht geöffnet")
    axe_check(axe_page, name="registration box (closed)")


def test_register_without_javascript_falls_back_to_plain_posts(browser, live_server, log_in):
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    page = context.new_page()
    event = _event(capacity_in_person=5)
    person = UserFactory()
    log_in(page, person)

    page.goto(live_server.url + event.get_absolute_url())
    _register_in_browser(page)

    expect(page).to_have_url(re.compile(re.escape(event.get_absolute_url())))
    expect(page.locator("#registration-box")).to_contain_text("Sie sind angemeldet (vor Ort).")
    assert Registration.objects.get(event=event, user=person).status == Status.REGISTERED
    context.close()


def test_self_cancel_page_passes_axe(axe_page: Page):
    event = _event()
    person = UserFactory()
    result = services.register(event, person=person, by=person, mode="in_person")

    axe_page.goto(reverse("registrations:registration-self-cancel", args=[result.cancel_token]))
    axe_check(axe_page, name="self-cancel confirmation")
    axe_page.get_by_role("button", name="Meine Anmeldung stornieren").click()
    expect(axe_page.locator("main")).to_contain_text("ist storniert")
    axe_check(axe_page, name="self-cancel done")

    axe_page.goto(reverse("registrations:registration-self-cancel", args=["unknown"]))
    axe_check(axe_page, name="self-cancel invalid link")


def test_organiser_registration_pages_pass_axe(axe_page: Page, log_in):
    start = timezone.now() - datetime.timedelta(hours=1)
    event = _event(
        capacity_in_person=2,
        status=EventStatus.REGISTRATION_CLOSED,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
    )
    for _ in range(2):
        RegistrationFactory(event=event, mode="in_person")
    waiting = RegistrationFactory(event=event, mode="in_person", status=Status.WAITLISTED)
    log_in(axe_page, OrganiserFactory())

    axe_page.goto(reverse("dashboard:event-detail", args=[event.pk]))
    axe_page.get_by_role("link", name="Anmeldungen").click()
    expect(axe_page.locator("h1")).to_have_text("Anmeldungen")
    axe_check(axe_page, name="dashboard registrations")

    axe_page.goto(reverse("dashboard:registration-cancel", args=[event.pk, waiting.pk]))
    axe_check(axe_page, name="dashboard cancel registration")


def test_registration_box_in_english_passes_axe(axe_page: Page, live_server, log_in):
    event = _event(capacity_in_person=12)
    log_in(axe_page, UserFactory())
    axe_page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )

    axe_page.goto(event.get_absolute_url())
    _register_in_browser(axe_page, mode="in person", button="Register")

    expect(axe_page.locator("#registration-box")).to_contain_text("You are registered (in person).")
    axe_check(axe_page, name="registration box (English, registered)")


def test_single_mode_is_preselected_and_focus_moves_to_the_confirmation(page: Page, log_in):
    event = _event(format=EventFormat.ONLINE, capacity_in_person=None)
    log_in(page, UserFactory())
    page.goto(event.get_absolute_url())
    box = page.locator("#registration-box")

    assert box.get_by_label("online").is_checked()
    box.get_by_role("button", name="Anmelden").focus()
    page.keyboard.press("Enter")

    status = page.locator("#registration-status")
    expect(status).to_contain_text("Sie sind angemeldet. Wir haben Ihnen eine Bestätigung")
    expect(status).to_be_focused()
    assert page.locator("#registration-box .kern-alert").count() == 1
