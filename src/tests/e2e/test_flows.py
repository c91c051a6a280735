"""Browser tests of the speaker page and the coordinator's councillor list (issue 12 §2):
a speaker confirms their impulse, edits its title and uploads slides (a disguised file is
refused); a coordinator registers a councillor from the list. Axe runs on every page and
state; both pages are checked at 320 px for horizontal scrolling."""

import pytest
from playwright.sync_api import Page

from stadtgespraeche.documentation.models import Attachment
from stadtgespraeche.events.enums import EventFormat, EventStatus
from stadtgespraeche.people.enums import AffiliationRole
from stadtgespraeche.registrations.models import Registration
from tests.e2e.axe import axe_check
from tests.factories.accounts import CoordinatorFactory, UserFactory
from tests.factories.documentation import pdf_bytes, png_bytes
from tests.factories.events import AgendaItemFactory, EventFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.people import AffiliationFactory

pytestmark = pytest.mark.e2e


def _no_horizontal_scrolling(page: Page) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    client, scroll = page.evaluate(
        "() => [document.documentElement.clientWidth, document.documentElement.scrollWidth]"
    )
    assert scroll <= client, f"{page.url} scrolls horizontally at 320 px ({scroll} > {client})"
    page.set_viewport_size({"width": 1280, "height": 800})


def test_speaker_confirms_edits_and_uploads_slides(page: Page, axe_page: Page, log_in):
    speaker = UserFactory(first_name="Sina", last_name="Spricht")
    event = EventFactory(
        title="E2E Wärmeplanung", venue_address="Rathaus Bamberg, Saal 2", format=EventFormat.HYBRID
    )
    item = AgendaItemFactory(event=event, title="Impuls Wärmenetz", duration=20)
    item.speakers.add(speaker)
    item_url = f"/netzwerk/termine/{event.slug}/impuls/{item.pk}/"

    log_in(axe_page, speaker)
    axe_page.goto("/netzwerk/meine-impulse/")
    axe_check(axe_page, name="speaker: my impulses")
    axe_page.goto(item_url)
    axe_check(axe_page, name="speaker page (unconfirmed)")
    _no_horizontal_scrolling(axe_page)

    log_in(page, speaker)
    page.goto("/netzwerk/meine-impulse/")
    page.get_by_role("link", name="Impuls Wärmenetz").click()
    main = page.locator("main")
    assert "Rathaus Bamberg, Saal 2" in main.inner_text()
    assert "20 Minuten" in main.inner_text()

    page.get_by_role("button", name="Meinen Impuls bestätigen").click()
    assert "Vielen Dank, Ihr Impuls ist bestätigt." in main.inner_text()
    assert "Bestätigt am" in main.inner_text()

    page.get_by_label("Titel").fill("Wärmenetz in der Altstadt")
    page.get_by_label("Kurzbeschreibung").fill("Wie wir die Altstadt anschließen.")
    page.get_by_role("button", name="Titel und Kurzbeschreibung speichern").click()
    assert "Titel und Kurzbeschreibung wurden gespeichert." in main.inner_text()
    item.refresh_from_db()
    assert item.title == "Wärmenetz in der Altstadt"

    slides_form = page.locator("form[action$='/folien/']")
    slides_form.get_by_label("Folien").set_input_files(
        {"name": "folien.pdf", "mimeType": "application/pdf", "buffer": png_bytes()}
    )
    slides_form.get_by_role("button", name="Folien hochladen").click()
    assert "nicht, was ihr Name angibt" in main.inner_text()
    assert not Attachment.objects.exists()

    slides_form = page.locator("form[action$='/folien/']")
    slides_form.get_by_label("Folien").set_input_files(
        {"name": "folien.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    slides_form.get_by_role("button", name="Folien hochladen").click()
    assert "Hochgeladen: folien.pdf" in main.inner_text()
    assert Attachment.objects.get().agenda_item == item

    axe_page.goto(item_url)
    axe_check(axe_page, name="speaker page (confirmed, slides)")


def test_coordinator_registers_a_councillor_from_the_list(page: Page, axe_page: Page, log_in):
    municipality = MunicipalityFactory(name="Kaiserslautern")
    coordinator = CoordinatorFactory()
    AffiliationFactory(
        user=coordinator, municipality=municipality, role=AffiliationRole.COORDINATOR
    )
    councillor = UserFactory(first_name="Rita", last_name="Rat")
    AffiliationFactory(user=councillor, municipality=municipality, role=AffiliationRole.COUNCILLOR)
    other = UserFactory(first_name="Olaf", last_name="Ort")
    AffiliationFactory(user=other, municipality=municipality, role=AffiliationRole.COUNCILLOR)
    event = EventFactory(
        title="E2E Mobilität", status=EventStatus.REGISTRATION_OPEN, format=EventFormat.HYBRID
    )
    EventFactory(title="E2E Später", status=EventStatus.PUBLISHED)
    url = "/netzwerk/koordination/ratsmitglieder/"

    log_in(axe_page, coordinator)
    axe_page.goto(url)
    axe_check(axe_page, name="coordinator: my councillors")
    _no_horizontal_scrolling(axe_page)

    log_in(page, coordinator)
    page.goto(url)
    card = page.locator(f"[data-councillor='{councillor.pk}']")
    card.get_by_label("Teilnahme").select_option("online")
    card.get_by_role("button", name="Rita Rat anmelden").click()
    assert "Rita Rat ist angemeldet" in page.locator("main").inner_text()
    registration = Registration.objects.get(user=councillor)
    assert (registration.event, registration.mode) == (event, "online")
    card = page.locator(f"[data-councillor='{councillor.pk}']")
    assert "angemeldet (online)" in card.inner_text().lower()

    axe_page.goto(url)
    axe_check(axe_page, name="coordinator: my councillors (one registered)")


def test_coordinator_edits_the_public_profile(page: Page, axe_page: Page, log_in):
    municipality = MunicipalityFactory(name="Bamberg", slug="bamberg")
    coordinator = CoordinatorFactory()
    AffiliationFactory(
        user=coordinator, municipality=municipality, role=AffiliationRole.COORDINATOR
    )
    url = "/verzeichnis/kommunen/bamberg/profil/"

    log_in(axe_page, coordinator)
    axe_page.goto(url)
    axe_check(axe_page, name="coordinator: public profile of the municipality")

    log_in(page, coordinator)
    page.goto("/verzeichnis/meine-kommunen/")
    page.get_by_role("link", name="Öffentliches Profil von Bamberg bearbeiten").click()
    page.get_by_label("Kurzbeschreibung").fill("Bamberg arbeitet an offenen Daten.")
    page.locator("input[name=logo]").set_input_files(
        {"name": "logo.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    page.get_by_label("Lizenz des Logos").fill("© Stadt Bamberg")
    page.get_by_role("button", name="Profil speichern").click()
    assert "Das öffentliche Profil wurde gespeichert." in page.locator("main").inner_text()

    page.goto("/kommunen/bamberg/")
    main = page.locator("main")
    assert "Bamberg arbeitet an offenen Daten." in main.inner_text()
    assert "© Stadt Bamberg" in main.inner_text()
    assert page.get_by_role("img", name="Logo von Bamberg").evaluate("img => img.naturalWidth") > 0
    axe_page.goto("/kommunen/bamberg/")
    axe_check(axe_page, name="municipality page with profile and logo")
