"""Browser journey of the knowledge base (issue 6, section 1): a coordinator describes a good
practice and submits it, the organiser publishes it, the public list and page show it, and a
councillor finds it by searching "Bürger:innenbeteiligung", "Buergerbeteiligung" and
"Beteiligung"; axe on every page and state."""

import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from stadtgespraeche.knowledge.enums import EditorialState
from stadtgespraeche.knowledge.models import Practice
from stadtgespraeche.people.enums import AffiliationRole
from tests.e2e.axe import axe_check
from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.network import MembershipFactory
from tests.factories.people import AffiliationFactory

pytestmark = pytest.mark.e2e


def test_coordinator_writes_organiser_publishes_public_finds(axe_page: Page, log_in):
    page = axe_page
    city = MunicipalityFactory(name="Kaiserslautern", population=100_000)
    MembershipFactory(municipality=city)
    coordinator = CoordinatorFactory()
    AffiliationFactory(user=coordinator, municipality=city, role=AffiliationRole.COORDINATOR)

    page.goto(reverse("knowledge:practice-list"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Praxisbeispiele")
    axe_check(page, name="practice list (empty)")

    log_in(page, coordinator)
    page.goto(reverse("knowledge:practice-create"))
    axe_check(page, name="practice form (new)")
    page.get_by_label("Titel").fill("Bürger:innenbeteiligung im Quartier")
    page.get_by_label("Kurzbeschreibung").fill("Beteiligung vor Ort und online verbinden.")
    page.get_by_label("Ausgangslage").fill("Beteiligung erreichte wenige Menschen.")
    page.get_by_label("Vorgehen").fill("Online-Beteiligung ergänzt Quartiersversammlungen.")
    page.get_by_label("Links").fill("kein link")
    page.get_by_role("button", name="Entwurf speichern").click()
    expect(page.get_by_text("ist keine Webadresse")).to_be_visible()
    axe_check(page, name="practice form (errors)")
    page.get_by_label("Links").fill("https://example.org/quartier")
    page.get_by_role("button", name="Entwurf speichern").click()
    expect(page.get_by_text("Ihr Entwurf wurde gespeichert.")).to_be_visible()
    axe_check(page, name="practice detail (draft, author)")
    page.get_by_role("button", name="Zur Prüfung einreichen").click()
    expect(page.get_by_text("Zur Prüfung eingereicht.")).to_be_visible()
    practice = Practice.objects.get()
    assert practice.state == EditorialState.IN_REVIEW

    page.context.clear_cookies()
    log_in(page, OrganiserFactory())
    page.goto(reverse("knowledge:mine"))
    axe_check(page, name="my practices with review queue")
    page.get_by_role("link", name="Bürger:innenbeteiligung im Quartier").click()
    axe_check(page, name="practice detail (review)")
    page.get_by_label("Veröffentlichen").check()
    page.get_by_role("button", name="Entscheidung senden").click()
    expect(page.get_by_text("Das Praxisbeispiel ist veröffentlicht.")).to_be_visible()
    page.goto(reverse("knowledge:practice-versions", args=[practice.slug]))
    axe_check(page, name="practice versions")

    page.context.clear_cookies()
    page.goto(reverse("knowledge:practice-list"))
    page.get_by_role("link", name=re.compile("Rheinland-Pfalz")).click()
    expect(page.get_by_role("link", name=re.compile("Rheinland-Pfalz"))).to_have_attribute(
        "aria-current", "true"
    )
    expect(page.get_by_role("link", name="Bürger:innenbeteiligung im Quartier")).to_be_visible()
    axe_check(page, name="practice list (filtered)")
    page.get_by_role("link", name="Bürger:innenbeteiligung im Quartier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bürger:innenbeteiligung im Quartier")
    expect(page.get_by_role("link", name="https://example.org/quartier")).to_be_visible()
    axe_check(page, name="practice detail (published, public)")

    # A councillor finds it by searching in three German spellings (issue 6, "Done when").
    log_in(page, UserFactory())
    for query in ("Bürger:innenbeteiligung", "Buergerbeteiligung", "Beteiligung"):
        page.goto(reverse("search:search") + "?" + urlencode({"q": query}))
        expect(page.get_by_role("link", name="Bürger:innenbeteiligung im Quartier")).to_be_visible()
    axe_check(page, name="search finds the practice")
