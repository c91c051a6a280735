"""Browser tests of the live Q&A (issue 5, section 3): axe on the page for participants and
moderators, asking and voting without JavaScript forms, the htmx poll showing new questions
without reload, and the read-only state after the event."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.questions import services as services_questions
from tests.e2e.axe import axe_check
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.events import EventFactory
from tests.factories.registrations import RegistrationFactory

pytestmark = pytest.mark.e2e


def _event(starts_in: datetime.timedelta, title: str):
    start = timezone.now() + starts_in
    return EventFactory(
        title=title,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        status=EventStatus.REGISTRATION_CLOSED,
    )


def test_live_questions_page_passes_axe_and_updates(axe_page: Page, log_in):
    event = _event(datetime.timedelta(minutes=-10), "E2E Fragerunde")
    participant = UserFactory(first_name="Paula", last_name="Teilnehmerin")
    RegistrationFactory(event=event, user=participant)
    other = UserFactory(first_name="Otto", last_name="Anders")
    RegistrationFactory(event=event, user=other)
    url = reverse("questions:question-list", kwargs={"slug": event.slug})

    log_in(axe_page, participant)
    axe_page.goto(url)
    axe_check(axe_page, name="live Q&A (empty)")

    axe_page.get_by_label("Ihre Frage").fill("Wie binden Sie den Rat früh ein?")
    axe_page.get_by_role("button", name="Frage absenden").click()
    expect(axe_page.locator("#question-list")).to_contain_text("Wie binden Sie den Rat früh ein?")
    axe_check(axe_page, name="live Q&A (one question)")

    # Another participant asks; the poll brings it in without a reload.
    services_questions.ask_question(event, by=other, text="Welche Daten sind offen?")
    expect(axe_page.locator("#question-list")).to_contain_text(
        "Welche Daten sind offen?", timeout=12_000
    )
    item = axe_page.locator("#question-list li").filter(has_text="Welche Daten sind offen?")
    item.get_by_role("button", name="Dafür stimmen").click()
    expect(axe_page.locator("#question-list li").first).to_contain_text("Welche Daten sind offen?")
    expect(axe_page.locator("#question-list li").first).to_contain_text("1 Stimme")


def test_moderator_view_and_read_only_state_pass_axe(axe_page: Page, log_in):
    event = _event(datetime.timedelta(minutes=-10), "E2E Moderation")
    participant = UserFactory()
    RegistrationFactory(event=event, user=participant)
    services_questions.ask_question(event, by=participant, text="Anonyme Frage", anonymous=True)
    hidden = services_questions.ask_question(event, by=participant, text="Werbung")
    organiser = OrganiserFactory()
    services_questions.hide_question(hidden, by=organiser, reason="Nicht zum Thema")

    log_in(axe_page, organiser)
    axe_page.goto(reverse("questions:question-list", kwargs={"slug": event.slug}))
    main = axe_page.locator("main").inner_text()
    assert "Nicht zum Thema" in main
    assert "anonym für andere Teilnehmende" in main
    axe_check(axe_page, name="live Q&A (moderator)")
    axe_page.get_by_role("button", name="Als beantwortet markieren").click()
    expect(axe_page.locator("main")).to_contain_text("als beantwortet markiert")

    axe_page.get_by_role("link", name="Mit Begründung ausblenden").first.click()
    expect(axe_page.locator("h1")).to_have_text("Eine Frage ausblenden")
    axe_check(axe_page, name="live Q&A: hide a question")
    axe_page.get_by_role("button", name="Ausblenden").click()
    expect(axe_page.locator("main")).to_contain_text("Bitte geben Sie einen Grund")
    axe_check(axe_page, name="live Q&A: hide a question (error)")
    axe_page.get_by_label("Grund für das Ausblenden").fill("Doppelt gestellt")
    axe_page.get_by_role("button", name="Ausblenden").click()
    expect(axe_page.locator("main")).to_contain_text("Die Frage ist ausgeblendet.")

    past = _event(datetime.timedelta(days=-2), "E2E Vergangen")
    RegistrationFactory(event=past, user=participant)
    log_in(axe_page, participant)
    axe_page.goto(reverse("questions:question-list", kwargs={"slug": past.slug}))
    assert "nur gelesen" in axe_page.locator("main").inner_text()
    assert axe_page.get_by_role("button", name="Frage absenden").count() == 0
    axe_check(axe_page, name="live Q&A (read-only after the event)")
