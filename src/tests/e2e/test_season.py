"""Browser tests of issue 12 (first slice): the filterable checkbox list, the agenda removal
confirmation and the error pages, under the site's CSP and with axe."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from stadtgespraeche.events.models import AgendaItem
from stadtgespraeche.network.enums import MembershipStatus
from tests.e2e.axe import axe_check
from tests.factories.accounts import OrganiserFactory
from tests.factories.events import AgendaItemFactory, EventFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.network import DefaultSeriesFactory, MembershipFactory

pytestmark = pytest.mark.e2e


def test_host_list_filters_with_keyboard_and_keeps_chosen_entries(page: Page, log_in):
    series = DefaultSeriesFactory()
    for name in ("Bamberg", "Karlsruhe", "Kaiserslautern"):
        MembershipFactory(
            series=series,
            municipality=MunicipalityFactory(name=name),
            status=MembershipStatus.MEMBER,
        )
    log_in(page, OrganiserFactory())
    page.goto(reverse("dashboard:event-create"))

    hosts = page.get_by_role("group", name="Gastgebende Kommunen – optional", exact=True)
    hosts.get_by_label("Bamberg").check()
    hosts.get_by_label("Liste filtern").fill("karl")

    assert hosts.get_by_label("Karlsruhe").is_visible()
    assert not hosts.get_by_label("Kaiserslautern").is_visible()
    assert hosts.get_by_label("Bamberg").is_visible()  # chosen: stays visible
    assert "2 von 3 angezeigt" in hosts.inner_text()
    hosts.get_by_label("Liste filtern").fill("")
    assert hosts.get_by_label("Kaiserslautern").is_visible()


def test_event_form_with_checkbox_lists_and_agenda_removal_pass_axe(axe_page: Page, log_in):
    event = EventFactory(title="E2E Planung")
    item = AgendaItemFactory(event=event, title="Begrüßung")
    MembershipFactory(series=event.series, status=MembershipStatus.MEMBER)
    log_in(axe_page, OrganiserFactory())

    axe_page.goto(reverse("dashboard:event-update", args=[event.pk]))
    axe_check(axe_page, name="dashboard event form with checkbox lists")
    axe_page.goto(reverse("dashboard:agenda-delete", args=[event.pk, item.pk]))
    axe_check(axe_page, name="agenda item removal confirmation")
    axe_page.get_by_role("button", name="Ja, entfernen").click()
    axe_page.wait_for_load_state()
    assert not AgendaItem.objects.filter(pk=item.pk).exists()


def test_error_pages_pass_axe(axe_page: Page):
    response = axe_page.goto("/gibt-es-nicht/")
    assert response is not None
    assert response.status == 404
    assert "Seite nicht gefunden" in axe_page.locator("main").inner_text()
    axe_check(axe_page, name="404 page")
