"""Browser tests: Playwright (pytest-playwright) driving Debian's Chromium against live_server.

- Chromium is /usr/bin/chromium (CHROMIUM_PATH overrides), headless, without network
  services; every request to a host other than the live server is aborted and fails the
  test (no third-party requests).
- `page` enforces the site's CSP and fails the test on a CSP violation or an uncaught
  JavaScript error; `axe_page` is a page whose context bypasses the CSP, used only so that
  axe-core can be injected (see tests/e2e/axe.py).
- `log_in(page, user)` starts a logged-in session without going through the login form;
  `new_page()` opens another page with its own cookies (one per person in a journey).
- All tests here are marked e2e; `pytest -m e2e src/tests/e2e` runs them (the default run
  deselects them).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.test import Client
from playwright.sync_api import BrowserContext, Page, Request, Route

from tests.conftest import TEST_RESULTS_DIR

from . import axe

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}

# Data migrations whose rows every test expects (see _e2e_database).
DATA_MIGRATIONS = [
    ("stadtgespraeche.topics.migrations.0002_seed_topics", "seed_topics"),
    ("stadtgespraeche.pages.migrations.0002_default_site_texts", "add_default_texts"),
]

# The live server binds 127.0.0.1 (not "localhost", which may resolve to ::1).
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Safety net: everything under e2e/ is an e2e test, even without its pytestmark."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.e2e)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    axe.write_report(TEST_RESULTS_DIR)


@pytest.fixture(scope="session", autouse=True)
def _allow_sync_orm_beside_playwright() -> Iterator[None]:
    # Playwright's sync API runs an event loop in the test thread; Django would then refuse
    # ORM calls from that thread. The test thread never runs async code of ours.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(autouse=True)
def _e2e_database(transactional_db: None, django_db_serialized_rollback: None) -> None:
    """The live server runs in another thread: data must be committed to be seen there.

    Transactional tests empty the tables afterwards; the serialized rollback restores what
    data migrations created (e.g. default site texts) for the next test. It does not once a
    test of another module ran with the browser fixtures (seen with pytest-django and
    Django 6.1), so the data migrations' own (idempotent) functions run again here.
    """
    for module_name, function_name in DATA_MIGRATIONS:
        module = importlib.import_module(module_name)
        getattr(module, function_name)(django_apps, None)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not Path(CHROMIUM_PATH).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM_PATH}: run scripts/setup-test.sh")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM_PATH,
        "headless": browser_type_launch_args.get("headless", True),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def base_url(live_server: Any) -> str:
    """Relative URLs in page.goto() go to the live server (replaces pytest-playwright's)."""
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_context_args,
        "locale": "de-DE",
        "timezone_id": "Europe/Berlin",
        "service_workers": "block",
        "viewport": {"width": 1280, "height": 900},
    }


def _guard(context: BrowserContext, problems: list[str]) -> None:
    """Abort (and report) every request that leaves the machine."""

    def handle(route: Route, request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in {"data", "blob", "about"} or parts.hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            problems.append(f"request to a third party blocked: {request.url}")
            route.abort()

    context.route("**/*", handle)


def _watch(page: Page, problems: list[str]) -> None:
    def on_console(message: Any) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            problems.append(f"CSP violation on {page.url}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"JavaScript error on {page.url}: {error}"))


@pytest.fixture
def browser_problems() -> Iterator[list[str]]:
    problems: list[str] = []
    yield problems
    if problems:
        pytest.fail("Problems in the browser:\n" + "\n".join(f"- {p}" for p in problems))


@pytest.fixture
def context(
    new_context: Callable[..., BrowserContext], browser_problems: list[str]
) -> BrowserContext:
    context = new_context()
    _guard(context, browser_problems)
    return context


@pytest.fixture
def page(context: BrowserContext, browser_problems: list[str]) -> Page:
    page = context.new_page()
    _watch(page, browser_problems)
    return page


@pytest.fixture
def new_page(
    new_context: Callable[..., BrowserContext], browser_problems: list[str]
) -> Callable[[], Page]:
    """Open a page in a fresh context (own cookies): one per person in a journey."""

    def _new_page() -> Page:
        context = new_context()
        _guard(context, browser_problems)
        page = context.new_page()
        _watch(page, browser_problems)
        return page

    return _new_page


@pytest.fixture
def axe_page(new_context: Callable[..., BrowserContext], browser_problems: list[str]) -> Page:
    """A page whose context bypasses the CSP, only so that axe-core can be injected."""
    context = new_context(bypass_csp=True)
    _guard(context, browser_problems)
    page = context.new_page()
    page.on("pageerror", lambda error: browser_problems.append(f"JavaScript error: {error}"))
    return page


@pytest.fixture
def log_in(live_server: Any) -> Callable[[Page, Any], None]:
    """Give the page's browser context a logged-in session of `user`."""

    def _log_in(page: Page, user: Any) -> None:
        client = Client()
        client.force_login(user)
        session_cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session_cookie.value,
                    "url": live_server.url,
                }
            ]
        )

    return _log_in
