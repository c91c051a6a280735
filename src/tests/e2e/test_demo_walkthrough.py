"""The network issue's "done when", in the browser on the demo content: a councillor completes
the profile, finds a peer from another city and party through a suggestion, exchanges
contacts, exports their data and deletes the account."""

import json
import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from stadtgespraeche.accounts.models import User
from stadtgespraeche.directory.enums import MunicipalityKind
from stadtgespraeche.directory.models import ContactRequest, Mandate
from stadtgespraeche.pages.demo import COUNCILLOR_EMAIL, DEMO_PASSWORD, load_demo
from tests.factories.directory import MunicipalityFactory, StateFactory

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
    page.wait_for_url(f"**{reverse('accounts:home')}")


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
    page.goto(reverse("directory:profile-edit"))
    page.locator("textarea[name=expertise]").fill("Hybride Ratssitzungen seit 2021")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert (
        "Hybride Ratssitzungen seit 2021" in page.locator("textarea[name=expertise]").input_value()
    )

    # 2. A suggestion: another city, another party, with the reason in words.
    page.goto(reverse("directory:suggestions"))
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
    peer_page.goto(reverse("directory:contacts"))
    peer_page.locator(f"form[action$='/anfragen/{request.pk}/annehmen/'] button").click()
    peer_page.wait_for_load_state()
    assert councillor.email in peer_page.locator("main").inner_text()
    page.goto(reverse("directory:contacts"))
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
