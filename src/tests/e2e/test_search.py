"""Browser tests of the search page (issue 6, section 2): axe on the empty page, on results
with facets (German and English), suggestions while typing, and the header search box."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.search import services
from tests.e2e.axe import axe_check
from tests.factories.events import AgendaItemFactory, EventFactory
from tests.factories.municipalities import MunicipalityFactory

pytestmark = pytest.mark.e2e


def _content():
    municipality = MunicipalityFactory(name="Kaiserslautern")
    event = EventFactory(
        title="Digitale Bürgerbeteiligung",
        status=EventStatus.PUBLISHED,
        description="Wie Bürger:innen online mitreden.",
        venue_municipality=municipality,
    )
    AgendaItemFactory(event=event, title="Impuls Beteiligungsplattform")
    hidden = EventFactory(title="Bürgerbeteiligung intern", status=EventStatus.DRAFT)
    for obj in (municipality, event, hidden):
        services.index_object(obj._meta.label_lower, obj.pk)


def test_search_page_passes_axe_and_respects_visibility(axe_page: Page, live_server):
    url = live_server.url + reverse("search:search")
    axe_page.goto(url)
    axe_check(axe_page, name="search (empty)")
    _content()
    axe_page.goto(url + "?q=Buergerbeteiligung")
    axe_check(axe_page, name="search results")
    main = axe_page.locator("main")
    expect(main).to_contain_text("Digitale Bürgerbeteiligung")
    expect(main).not_to_contain_text("intern")
    expect(main.locator("mark").first).to_be_visible()


def test_search_suggestions_while_typing(page: Page, live_server):
    _content()
    page.goto(live_server.url + reverse("search:search"))
    page.locator("#id_q").press_sequentially("Bürgerbet", delay=30)
    expect(page.locator("#search-suggestions")).to_contain_text("Digitale Bürgerbeteiligung")


def test_header_search_box_leads_to_results(page: Page, live_server):
    _content()
    page.goto(live_server.url + "/")
    box = page.locator("#site-search-input")
    box.fill("Beteiligung")
    box.press("Enter")
    expect(page.locator("main")).to_contain_text("Digitale Bürgerbeteiligung")
