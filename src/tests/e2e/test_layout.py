"""Layout in the browser: narrow screens and keyboard basics."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory

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
    [
        "dashboard:home",
        "dashboard:membership-list",
        "dashboard:audit-log",
        "accounts:home",
        "pages:overview",
    ],
)
def test_organiser_page_at_320_px_has_no_horizontal_scrolling(page: Page, log_in, url_name):
    log_in(page, OrganiserFactory())
    page.set_viewport_size({"width": 320, "height": 640})

    page.goto(reverse(url_name))

    widths = page.evaluate(
        "() => [document.documentElement.clientWidth, document.documentElement.scrollWidth]"
    )
    assert widths[1] <= widths[0], widths


def _tops(page: Page, selector: str) -> list[float]:
    return page.eval_on_selector_all(
        selector, "(elements) => elements.map((e) => e.getBoundingClientRect().top)"
    )


def test_header_is_one_row_at_1280_px_with_all_menus(page: Page, log_in):
    log_in(page, OrganiserFactory())
    page.set_viewport_size({"width": 1280, "height": 800})

    page.goto(reverse("pages:overview"))

    summaries = page.locator("summary.nav-menu__summary").all_inner_texts()
    assert [text.split()[0] for text in summaries] == ["Netzwerk", "Wissen", "Mein", "Organisation"]
    assert page.locator("[data-menu-toggle]").is_hidden()
    rows = _tops(page, ".site-brand, .site-nav__item, .site-search, .language-switch")
    assert max(rows) - min(rows) < 30, rows


def test_menu_opens_with_keyboard_and_escape_returns_focus(page: Page, log_in):
    log_in(page, CoordinatorFactory())
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(reverse("pages:overview"))
    network = page.locator("summary", has_text="Netzwerk")

    network.focus()
    page.keyboard.press("Enter")
    assert page.locator("details[data-nav-menu][open]").count() == 1
    assert page.get_by_role("link", name="Termine", exact=True).is_visible()
    page.keyboard.press("Escape")

    assert page.locator("details[data-nav-menu][open]").count() == 0
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Netzwerk"


def test_opening_one_menu_closes_the_other(page: Page, log_in):
    log_in(page, UserFactory())
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(reverse("pages:overview"))

    page.locator("summary", has_text="Netzwerk").click()
    page.locator("summary", has_text="Wissen").click()

    open_menus = page.locator("details[data-nav-menu][open] > summary").all_inner_texts()
    assert [text.strip() for text in open_menus] == ["Wissen"]


def test_small_screen_menu_button_reports_state_and_escape_closes(page: Page, log_in):
    log_in(page, UserFactory())
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(reverse("pages:overview"))
    toggle = page.locator("[data-menu-toggle]")

    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.locator("#site-menu").is_hidden()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    page.locator("summary", has_text="Mein Bereich").click()
    assert page.get_by_role("link", name="Mein Profil", exact=True).is_visible()
    widths = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    page.keyboard.press("Escape")  # closes "Mein Bereich"
    page.keyboard.press("Escape")  # closes the menu

    assert widths[0] <= widths[1], widths
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.locator("#site-menu").is_hidden()
    assert page.evaluate("() => document.activeElement.hasAttribute('data-menu-toggle')")


def test_navigation_works_without_javascript(new_context, live_server):
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_viewport_size({"width": 320, "height": 640})

    page.goto(live_server.url + reverse("pages:home"))

    assert page.locator("[data-menu-toggle]").is_hidden()
    assert page.locator("#site-menu").is_visible()
    page.locator("summary", has_text="Wissen").click()
    page.get_by_role("link", name="Praxisbeispiele").click()
    assert page.url.endswith(reverse("knowledge:practice-list"))


def test_page_loads_without_a_missing_resource(page: Page):
    missing: list[str] = []
    page.on(
        "response",
        lambda response: missing.append(response.url) if response.status == 404 else None,
    )

    page.goto(reverse("pages:home"))
    page.wait_for_load_state("networkidle")

    assert missing == []
