"""Browser tests of the Stadtgespräche pages (issue 4, sections 1, 2 and 8): axe on the
public list (empty and filled) and detail (public, network), on the organisers' event form,
agenda form and proposal decision page, and the list at 320 px."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page

from stadtgespraeche.events.enums import Confidentiality, EventStatus
from stadtgespraeche.events.models import ImpulseProposal
from stadtgespraeche.network.enums import MembershipStatus
from stadtgespraeche.people.enums import AffiliationRole
from tests.e2e.axe import axe_check
from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory
from tests.factories.events import AgendaItemFactory, EventFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.network import MembershipFactory
from tests.factories.people import AffiliationFactory

pytestmark = pytest.mark.e2e


def _visit(page: Page, url: str, name: str) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status == 200, name
    axe_check(page, name=name)


def test_public_event_pages_pass_axe(axe_page: Page, log_in):
    _visit(axe_page, reverse("events:event-list"), "event list (empty)")

    public = EventFactory(title="E2E Bürgerbeteiligung", description="**Digital**")
    AgendaItemFactory(event=public, title="Impuls", external_speaker="Erika Beispiel")
    start = timezone.now() - datetime.timedelta(days=40)
    EventFactory(
        title="E2E Auftakt",
        status=EventStatus.DOCUMENTED,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )
    network = EventFactory(title="E2E Netzwerk", confidentiality=Confidentiality.CHATHAM_HOUSE)
    AgendaItemFactory(event=network, title="Austausch", external_speaker="Geheim")

    _visit(axe_page, reverse("events:event-list"), "event list (filled)")
    assert "E2E Auftakt" in axe_page.locator("main").inner_text()
    _visit(axe_page, public.get_absolute_url(), "event detail (public)")
    assert "Erika Beispiel" in axe_page.locator("main").inner_text()

    log_in(axe_page, UserFactory())
    _visit(axe_page, network.get_absolute_url(), "event detail (network, Chatham House)")
    main = axe_page.locator("main").inner_text()
    assert "Austausch" in main
    assert "Geheim" not in main


def test_organiser_event_pages_pass_axe(axe_page: Page, log_in):
    event = EventFactory(title="E2E Planung")
    AgendaItemFactory(event=event, title="Begrüßung")
    municipality = MunicipalityFactory(name="E2E Bamberg")
    MembershipFactory(
        series=event.series, municipality=municipality, status=MembershipStatus.MEMBER
    )
    coordinator = CoordinatorFactory()
    AffiliationFactory(
        user=coordinator, municipality=municipality, role=AffiliationRole.COORDINATOR
    )
    proposal = ImpulseProposal.objects.create(
        event=event,
        municipality=municipality,
        proposed_by=coordinator,
        title="E2E Vorschlag",
        speaker_name="Erika",
    )

    log_in(axe_page, coordinator)
    _visit(axe_page, reverse("events:impulse-propose", args=[event.slug]), "impulse proposal form")

    log_in(axe_page, OrganiserFactory())
    _visit(axe_page, reverse("dashboard:event-list"), "dashboard event list")
    _visit(axe_page, reverse("dashboard:event-create"), "dashboard event form")
    axe_page.locator("main form button[type=submit]").click()  # empty: error state
    axe_page.wait_for_load_state()
    axe_check(axe_page, name="dashboard event form (error)")
    _visit(axe_page, reverse("dashboard:event-detail", args=[event.pk]), "dashboard agenda")
    _visit(axe_page, reverse("dashboard:agenda-create", args=[event.pk]), "dashboard agenda form")
    _visit(
        axe_page,
        reverse("dashboard:proposal-decide", args=[event.pk, proposal.pk]),
        "dashboard proposal decision",
    )


def test_event_list_at_320_px_has_no_horizontal_scrolling(page: Page):
    EventFactory(title="Ein sehr langer Titel eines Stadtgesprächs über Bürgerbeteiligung")
    page.set_viewport_size({"width": 320, "height": 640})

    page.goto(reverse("events:event-list"))

    widths = page.evaluate(
        "() => [document.documentElement.clientWidth, document.documentElement.scrollWidth]"
    )
    assert widths[1] <= widths[0], widths
