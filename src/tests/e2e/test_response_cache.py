"""The anonymous response cache in the browser (docs/architecture.md, "Response cache"): the
language switch works without a CSRF token, a cached page follows the chosen language and
shows a change made after it was stored, and a person who logs in leaves the cache."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from tests.e2e.axe import axe_check
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory

pytestmark = pytest.mark.e2e


def test_the_language_switch_and_a_write_on_cached_pages(axe_page: Page, log_in):
    event = EventFactory(title="Hybride Ratsarbeit")
    page = axe_page
    url = reverse("events:event-list")

    page.goto(url)
    page.goto(url)  # the second answer comes from the cache
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.get_by_role("link", name="Hybride Ratsarbeit").is_visible()
    axe_check(page, name="event list (cached, German)")

    page.get_by_role("button", name="English").click()
    page.wait_for_url(f"**{url}")
    assert page.locator("html").get_attribute("lang") == "en"
    page.reload()
    assert page.locator("html").get_attribute("lang") == "en"
    axe_check(page, name="event list (cached, English)")

    event.title = "Datenethik im Rat"
    event.save()
    page.reload()
    assert page.get_by_role("link", name="Datenethik im Rat").is_visible()

    person = UserFactory(first_name="Rita", last_name="Rat")
    log_in(page, person)
    page.goto(url)
    assert page.get_by_role("link", name="Log in").count() == 0
    axe_check(page, name="event list (logged in, English)")
