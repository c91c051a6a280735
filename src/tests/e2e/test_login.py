"""Logging in through the real form in the browser."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from tests.factories.accounts import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.e2e


def test_login_form_with_valid_credentials_leads_to_the_overview(page: Page):
    user = UserFactory(email="ratsmitglied@example.org", first_name="Erika")
    page.goto(reverse("accounts:login"))

    page.get_by_label("E-Mail").fill(user.email)
    page.get_by_label("Passwort").fill(DEFAULT_PASSWORD)
    page.locator("main").get_by_role("button").click()

    page.wait_for_url(f"**{reverse('pages:overview')}")
    assert "Willkommen, Erika" in page.locator("main").inner_text()
