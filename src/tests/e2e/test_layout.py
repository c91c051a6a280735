"""Layout in the browser: narrow screens and keyboard basics."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from tests.factories.accounts import OrganiserFactory, UserFactory

pytestmark = pytest.mark.e2e

NARROW_PAGES = [
    pytest.param("accounts:login", id="login"),
    pytest.param("pages:home", id="home"),
    pytest.param("pages:about", id="about"),
    pytest.param("pages:municipality-list", id="municipality-list"),
    pytest.param("pages:data-sources", id="data-sources"),
    pytest.param("topics:topic-list", id="topic-list"),
    pytest.param("network:apply", id="apply"),
    pytest.param("pages:accessibility", id="accessibility"),
]


@pytest.mark.parametrize("url_name", NARROW_PAGES)
def test_page_at_320_px_has_no_horizontal_scrolling(page: Page, url_name: str):
    page.set_viewport_size({"width": 320, "height": 640})

    page.goto(reverse(url_name))

    widths = page.evaluate(
        """() => ({
            viewport: document.documentElement.clientWidth,
            document: document.documentElement.scrollWidth,
            body: document.body.scrollWidth,
        })"""
    )
    assert widths["document"] <= widths["viewport"], widths
    assert widths["body"] <= widths["viewport"], widths


def test_skip_link_is_first_in_tab_order_and_moves_focus_to_main(page: Page, log_in):
    # Not the login page: its e-mail field has autofocus.
    log_in(page, UserFactory())
    page.goto(reverse("accounts:home"))

    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")

    assert focused == "#main"
    assert page.evaluate("() => document.activeElement.id") == "main"


@pytest.mark.parametrize(
    "url_name",
    ["dashboard:home", "dashboard:membership-list", "dashboard:audit-log", "accounts:home"],
)
def test_organiser_page_at_320_px_has_no_horizontal_scrolling(page: Page, log_in, url_name):
    log_in(page, OrganiserFactory())
    page.set_viewport_size({"width": 320, "height": 640})

    page.goto(reverse(url_name))

    widths = page.evaluate(
        "() => [document.documentElement.clientWidth, document.documentElement.scrollWidth]"
    )
    assert widths[1] <= widths[0], widths
