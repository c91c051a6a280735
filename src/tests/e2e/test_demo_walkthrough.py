"""The issues' "done when", in the browser on the demo content with the demo logins:

- network (issue 3): a councillor completes the profile, finds a peer from another city and
  party through a suggestion, exchanges contacts, exports their data and deletes the account;
- knowledge base and search (issue 6): the demo coordinator writes a good practice, the demo
  organiser (with the second factor) publishes it, and the demo councillor finds it by
  searching "Bürger:innenbeteiligung", "Buergerbeteiligung" and "Beteiligung"."""

import json
import re
from urllib.parse import urlencode, urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from stadtgespraeche.accounts.models import User
from stadtgespraeche.contacts.models import ContactRequest
from stadtgespraeche.demo.loader import (
    COORDINATOR_EMAIL,
    COUNCILLOR_EMAIL,
    DEMO_PASSWORD,
    ORGANISER_EMAIL,
    current_demo_code,
    load_demo,
)
from stadtgespraeche.knowledge.enums import EditorialState
from stadtgespraeche.knowledge.models import Practice
from stadtgespraeche.municipalities.enums import MunicipalityKind
from stadtgespraeche.municipalities.models import Municipality
from stadtgespraeche.people.models import Mandate
from tests.e2e.axe import axe_check
from tests.factories.municipalities import MunicipalityFactory, StateFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo():
    rp = StateFactory(code="07", name="Rheinland-Pfalz", abbreviation="RP")
    by = StateFactory(code="09", name="Bayern", abbreviation="BY")
    MunicipalityFactory(
        key="07312000", name="Kaiserslautern", slug="kaiserslautern", state=rp, population=99_000
    )
    MunicipalityFactory(key="09461000", name="Bamberg", slug="bamberg", state=by, population=79_000)
    MunicipalityFactory(
        key="mpsc-2021-28",
        name="Verband Region Rhein-Neckar",
        slug="verband-region-rhein-neckar",
        kind=MunicipalityKind.REGION,
        state=None,
        population=None,
    )
    load_demo()


def log_in(page: Page, email: str) -> None:
    page.goto(reverse("accounts:login"))
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    if email == ORGANISER_EMAIL:  # organisers must use two-factor authentication
        page.wait_for_url(f"**{reverse('accounts:login-two-factor')}")
        code = current_demo_code(email)
        assert code is not None
        page.locator("input[name=code]").fill(code)
        page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{reverse('pages:overview')}")


def search(page: Page, text: str) -> None:
    page.goto(reverse("search:search") + "?" + urlencode({"q": text}))


def parties_of(user: User) -> set[str]:
    return {
        mandate.party.short_name
        for mandate in Mandate.objects.filter(profile__user=user).select_related("party")
        if mandate.party
    }


def test_demo_councillor_finds_peer_exchanges_contacts_exports_and_deletes(demo, new_page):
    councillor = User.objects.get(email=COUNCILLOR_EMAIL)
    page = new_page()
    log_in(page, COUNCILLOR_EMAIL)

    # 1. Complete the profile.
    page.goto(reverse("people:profile-edit"))
    page.locator("textarea[name=expertise]").fill("Hybride Ratssitzungen seit 2021")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert (
        "Hybride Ratssitzungen seit 2021" in page.locator("textarea[name=expertise]").input_value()
    )

    # 2. A suggestion: another city, another party, with the reason in words.
    page.goto(reverse("contacts:suggestions"))
    first = page.locator("main .kern-card").first
    reason = first.inner_text()
    assert "gemeinsame" in reason
    assert "andere Partei" in reason
    first.get_by_role("link", name=re.compile("Kontakt anfragen")).click()
    page.locator("textarea[name=message]").fill("Wie organisieren Sie hybride Sitzungen?")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    request = ContactRequest.objects.get(sender=councillor)
    peer = request.recipient
    assert peer.profile.municipality != councillor.profile.municipality
    assert parties_of(peer).isdisjoint(parties_of(councillor))

    # 3. The peer accepts; both see each other's contact details.
    peer_page = new_page()
    log_in(peer_page, peer.email)
    peer_page.goto(reverse("contacts:contacts"))
    peer_page.locator(f"form[action$='/anfragen/{request.pk}/annehmen/'] button").click()
    peer_page.wait_for_load_state()
    assert councillor.email in peer_page.locator("main").inner_text()
    page.goto(reverse("contacts:contacts"))
    assert peer.email in page.locator("main").inner_text()

    # 4. Export of all own data, as a page and as JSON.
    page.goto(reverse("accounts:data-export"))
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "Hybride Ratssitzungen seit 2021" in page.locator("main").inner_text()
    with page.expect_download() as download_info:
        page.locator(f"a[href='{reverse('accounts:data-export-json')}']").click()
    exported = json.loads(download_info.value.path().read_text(encoding="utf-8"))
    assert "Hybride Ratssitzungen seit 2021" in json.dumps(exported, ensure_ascii=False)

    # 5. Delete the account: logged out, and the login no longer works.
    page.goto(reverse("accounts:deletion-request"))
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("input[name=confirm]").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    councillor.refresh_from_db()
    assert councillor.is_active is False
    page.goto(reverse("accounts:login"))
    page.locator("input[name=email]").fill(COUNCILLOR_EMAIL)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == reverse("accounts:login")


def test_demo_coordinator_writes_organiser_publishes_councillor_finds_practice(
    demo, new_page, axe_page
):
    title = "Bürger:innenbeteiligung im Quartier mit Stadtteiltreffs"
    bamberg = Municipality.objects.get(name="Bamberg")

    # 1. The coordinator of Bamberg writes a practice and submits it for review.
    author = new_page()
    log_in(author, COORDINATOR_EMAIL)
    author.goto(reverse("knowledge:practice-create"))
    author.get_by_label("Titel").fill(title)
    author.get_by_label("Kurzbeschreibung").fill("Beteiligung im Stadtteil und online verbinden.")
    author.get_by_label("Ausgangslage").fill("Beteiligungsformate erreichten wenige Menschen.")
    author.get_by_label("Vorgehen").fill("Stadtteiltreffs ergänzen die Online-Beteiligung.")
    author.get_by_role("button", name="Entwurf speichern").click()
    expect(author.get_by_text("Ihr Entwurf wurde gespeichert.")).to_be_visible()
    author.get_by_role("button", name="Zur Prüfung einreichen").click()
    expect(author.get_by_text("Zur Prüfung eingereicht.")).to_be_visible()
    practice = Practice.objects.get(title=title)
    assert practice.state == EditorialState.IN_REVIEW
    assert list(practice.municipalities.all()) == [bamberg]

    # 2. Not published yet: the councillor does not find it, not even as a snippet.
    reader = axe_page  # the councillor's browser (axe checks the search page)
    log_in(reader, COUNCILLOR_EMAIL)
    search(reader, "Stadtteiltreffs")
    assert "Stadtteiltreffs" not in reader.locator("main").inner_text()

    # 3. The organiser logs in with the second factor and publishes it.
    organiser = new_page()
    log_in(organiser, ORGANISER_EMAIL)
    organiser.goto(reverse("knowledge:mine"))
    organiser.get_by_role("link", name=title).click()
    organiser.get_by_label("Veröffentlichen").check()
    organiser.get_by_role("button", name="Entscheidung senden").click()
    expect(organiser.get_by_text("Das Praxisbeispiel ist veröffentlicht.")).to_be_visible()
    practice.refresh_from_db()
    assert practice.state == EditorialState.PUBLISHED

    # 4. The councillor finds it in three German spellings, with the hit highlighted.
    for text in ("Bürger:innenbeteiligung", "Buergerbeteiligung", "Beteiligung"):
        search(reader, text)
        hit = reader.locator("main li", has=reader.get_by_role("link", name=title))
        expect(hit).to_have_count(1)
        expect(hit.locator("mark").first).to_be_visible()
    axe_check(reader, name="search in the demo finds the new practice (councillor)")
    reader.get_by_role("link", name=title).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(title)
    expect(reader.locator("main")).to_contain_text("Bamberg")
