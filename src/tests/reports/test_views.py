"""The season report pages for organisers: page, PDF, CSV, index; who may not see them."""

import csv
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.factories.accounts import CoordinatorFactory, UserFactory
from tests.factories.network import SeriesFactory
from tests.pdfua import pdf_ua_failures

from .conftest import YEAR, held

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PAGE = f"/organisation/saisonberichte/smarte-stadtgespraeche/{YEAR}/"
PDF = PAGE + "saisonbericht.pdf"
CSV = PAGE + "saisonbericht.csv"
INDEX = "/organisation/saisonberichte/"


def test_urls_are_named():
    kwargs = {"series": "smarte-stadtgespraeche", "year": YEAR}
    assert reverse("reports:season-report", kwargs=kwargs) == PAGE
    assert reverse("reports:season-pdf", kwargs=kwargs) == PDF
    assert reverse("reports:season-csv", kwargs=kwargs) == CSV
    assert reverse("reports:season-index") == INDEX


def test_season_report_page_shows_figures_charts_and_tables(organiser_client, season_sessions):
    response = organiser_client.get(PAGE)

    content = response.content.decode()
    assert response.status_code == 200
    assert f"Saisonbericht {YEAR}: Smarte Stadtgespräche" in content
    for expected in ("Auftakt", "Hybride Ratsarbeit", "Datenethik", "Kaiserslautern", "GRÜNE"):
        assert expected in content, expected
    # Three charts as accessible SVG, each with its title and description.
    assert content.count('role="img"') == 3
    assert 'aria-labelledby="chart-attendance-title chart-attendance-desc"' in content
    assert "Anmeldungen und Teilnahmen je Stadtgespräch</title>" in content
    assert "Anmeldungen: Nr. 1: 3; Nr. 2: 2; Nr. 3: 1." in content
    # The attendance rate and the feedback average, in German number format.
    assert "2 (67 %)" in content
    assert "4,5" in content
    assert PDF in content
    assert CSV in content
    assert "reports/report.css" in content


def test_season_report_page_never_shows_feedback_texts_or_names(organiser_client, season_sessions):
    content = organiser_client.get(PAGE).content.decode()
    csv_text = organiser_client.get(CSV).content.decode("utf-8-sig")

    for person in season_sessions["people"]:
        assert person.last_name not in content
        assert person.last_name not in csv_text
    for text in ("Geheimer Freitext", "Wunsch von Bernd"):
        assert text not in content
        assert text not in csv_text


@pytest.mark.parametrize("role", ["councillor", "coordinator", "speaker"])
def test_season_report_is_refused_to_non_organisers(client, season_sessions, role):
    user = CoordinatorFactory() if role == "coordinator" else UserFactory(role=role)
    client.force_login(user)

    for url in (INDEX, PAGE, PDF, CSV):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Auftakt" not in response.content.decode(errors="replace")
        assert not response.content.startswith(b"%PDF")


def test_season_report_asks_anonymous_visitors_to_log_in(client, season_sessions):
    response = client.get(PAGE)

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/")
    assert "Auftakt" not in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/organisation/saisonberichte/unbekannt/2025/",
        "/organisation/saisonberichte/smarte-stadtgespraeche/1999/",
        "/organisation/saisonberichte/smarte-stadtgespraeche/99999999999999999999/",
        "/organisation/saisonberichte/smarte-stadtgespraeche/2101/saisonbericht.pdf",
    ],
)
def test_season_report_of_unknown_series_or_year_is_404(organiser_client, series, url):
    assert organiser_client.get(url).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_season_report_query_count(
    organiser_client, season_sessions, django_assert_num_queries, count
):
    series = season_sessions["events"][0].series
    for number in range(count):
        held(series, 20 + number, 10 + number % 2, title=f"Zusatz {number}")

    # Session, user, series, the season's events and their topics, registrations, origins
    # (2), feedback, wishes, practices and their links, the other seasons, notifications.
    with django_assert_num_queries(14):
        response = organiser_client.get(PAGE)

    assert response.content.decode().count("Zusatz ") >= count


def test_season_report_csv_has_a_row_per_session_and_the_totals(organiser_client, season_sessions):
    response = organiser_client.get(CSV)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        f'filename="saisonbericht-smarte-stadtgespraeche-{YEAR}.csv"'
        in (response["Content-Disposition"])
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, first, _second, third, total = rows
    assert header[:5] == ["Nummer", "Titel", "Datum", "Anmeldungen", "Teilgenommen"]
    assert first[:8] == ["1", "Auftakt", f"{YEAR}-03-10", "3", "2", "1", "1", "1"]
    assert first[-2] == "4,5"
    assert third[1] == "Datenethik"
    assert total[1] == f"Saison {YEAR}"
    assert total[3:5] == ["6", "4"]


def test_season_report_csv_neutralises_formulas(organiser_client, series):
    held(series, 1, 3, title="=HYPERLINK(1)")

    content = organiser_client.get(CSV).content.decode("utf-8-sig")

    assert "'=HYPERLINK(1)" in content


def test_season_report_pdf_is_tagged_and_holds_the_figures(organiser_client, season_sessions):
    season_sessions["events"][0].title = "Auftakt mit Łukasz und Ayşe"
    season_sessions["events"][0].save()

    response = organiser_client.get(PDF)

    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "de"
    assert "/StructTreeRoot" in catalog
    assert reader.metadata.title == f"Saisonbericht {YEAR}: Smarte Stadtgespräche"
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Auftakt mit Łukasz und Ayşe" in text
    assert "Kaiserslautern 2" in text  # a table row: municipality and people reached
    assert "Geheimer Freitext" not in text
    assert pdf_ua_failures(response.content) == []


def test_season_index_lists_series_and_their_seasons(organiser_client, season_sessions):
    SeriesFactory(name="Zweite Reihe", slug="zweite-reihe")

    content = organiser_client.get(INDEX).content.decode()

    assert PAGE in content
    assert f"Saison {YEAR}" in content
    assert "Zweite Reihe" in content
    assert "Diese Reihe hat noch kein geplantes oder durchgeführtes Stadtgespräch." in content


def test_season_index_query_count(organiser_client, season_sessions, django_assert_num_queries):
    with django_assert_num_queries(5):
        organiser_client.get(INDEX)


def test_dashboard_home_links_each_series_to_its_season_reports(organiser_client, series):
    content = organiser_client.get("/organisation/").content.decode()

    assert f'href="{INDEX}#series-{series.pk}"' in content
    assert "Saisonberichte der Reihe Smarte Stadtgespräche" in content
