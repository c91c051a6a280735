"""Browser test of issue 12 §3 and §4: the organiser opens the season report from the
overview, the page is axe-clean and fits 320 px, and the season report and the
documentation PDFs download with their text (Ł, ş, a table row) extractable."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from playwright.sync_api import Page
from pypdf import PdfReader

from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.registrations.enums import RegistrationStatus
from tests.e2e.axe import axe_check
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.documentation import FeedbackFactory, MinutesFactory
from tests.factories.events import EventFactory
from tests.factories.municipalities import MunicipalityFactory, PartyFactory
from tests.factories.network import DefaultSeriesFactory
from tests.factories.people import AffiliationFactory
from tests.factories.registrations import RegistrationFactory

pytestmark = pytest.mark.e2e

BERLIN = ZoneInfo("Europe/Berlin")
YEAR = 2025


def _season():
    series = DefaultSeriesFactory()
    spd = PartyFactory(short_name="SPD")
    events = []
    for number, (month, municipality) in enumerate(
        [(3, "Kaiserslautern"), (6, "Bamberg"), (9, "Łódź-Partnerstadt")], start=1
    ):
        start = datetime.datetime(YEAR, month, 10, 18, tzinfo=BERLIN)
        event = EventFactory(
            series=series,
            number=number,
            title=f"Stadtgespräch mit Ayşe Doğan {number}",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            status=EventStatus.DOCUMENTED,
        )
        person = UserFactory()
        AffiliationFactory(
            user=person, municipality=MunicipalityFactory(name=municipality), party=spd
        )
        RegistrationFactory(event=event, user=person, status=RegistrationStatus.ATTENDED)
        FeedbackFactory(event=event, user=person, rating=number + 2)
        events.append(event)
    MinutesFactory(
        event=events[0],
        body=(
            "## Austausch\n\nEs sprachen Łukasz Wróbel und Ayşe Doğan.\n\n"
            "| Kommune | Stand |\n|---|---|\n| Kaiserslautern | Pilot läuft |\n"
        ),
        published_at=events[0].ends_at,
    )
    return series, events


def _pdf_text(download) -> str:
    reader = PdfReader(io.BytesIO(download.path().read_bytes()))
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.trailer["/Root"]["/Lang"] == "de"
    return "\n".join(pdf_page.extract_text() for pdf_page in reader.pages)


def test_organiser_opens_season_report_and_downloads_pdfs(page: Page, axe_page: Page, log_in):
    series, events = _season()
    organiser = OrganiserFactory()
    report_url = reverse("reports:season-report", args=[series.slug, YEAR])

    log_in(page, organiser)
    page.goto(reverse("dashboard:home"))
    page.get_by_role("link", name=f"Saisonberichte der Reihe {series.name}").click()
    page.get_by_role("link", name=f"Saison {YEAR}").click()
    assert page.url.endswith(report_url)
    assert page.get_by_role("heading", level=1).inner_text() == (
        f"Saisonbericht {YEAR}: {series.name}"
    )
    chart = page.get_by_role("img", name="Anmeldungen und Teilnahmen je Stadtgespräch")
    assert chart.is_visible()
    assert (
        "Łódź-Partnerstadt"
        in page.get_by_role("table", name="Erreichte Personen je Kommune").inner_text()
    )

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Als PDF herunterladen").click()
    text = _pdf_text(download_info.value)
    assert "Stadtgespräch mit Ayşe Doğan 1" in text
    assert "Łódź-Partnerstadt 1" in text  # a table row: municipality and people reached

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Als CSV herunterladen (eine Zeile je Stadtgespräch)").click()
    rows = download_info.value.path().read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 5  # header, three sessions, the season's totals

    page.set_viewport_size({"width": 320, "height": 640})
    page.reload()
    widths = page.evaluate(
        "() => [document.documentElement.clientWidth, document.documentElement.scrollWidth]"
    )
    assert widths[1] <= widths[0], widths

    log_in(axe_page, organiser)
    axe_page.goto(reverse("reports:season-index"))
    axe_check(axe_page, name="season reports (index)")
    axe_page.goto(report_url)
    axe_check(axe_page, name="season report")

    # The documentation PDF of the first session, from its public page.
    page.goto(events[0].get_absolute_url())
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Dokumentation als PDF herunterladen").click()
    text = _pdf_text(download_info.value)
    assert "Ł" in text
    assert "ş" in text
    assert "Łukasz Wróbel" in text
    assert "Kaiserslautern Pilot läuft" in text  # the Markdown table's row
    assert "Ortszeit Berlin" in text
