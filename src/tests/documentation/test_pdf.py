"""The documentation PDF: tagged PDF/UA, Unicode text, tables, headings, Chatham House rule."""

import io

import pytest
from django.utils import translation
from pypdf import PdfReader

from stadtgespraeche.documentation.pdf import (
    DocumentationContent,
    build_documentation_pdf,
    documentation_html,
    section_html,
)
from stadtgespraeche.documentation.queries import feedback_summary
from stadtgespraeche.events.enums import Confidentiality
from tests.factories.accounts import UserFactory
from tests.factories.documentation import (
    AttachmentFactory,
    FeedbackFactory,
    MinutesFactory,
    held_event,
)
from tests.factories.events import AgendaItemFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.pdfua import pdf_ua_failures

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

MINUTES = (
    "## Protokoll\n\n"
    "## Austausch\n\nDie Runde sprach über **hybride Ratsarbeit** und *Beteiligung*.\n\n"
    "- Erster Punkt\n- Zweiter Punkt\n\n"
    "| Kommune | Stand |\n|---|---|\n| Łódź-Partnerstadt | Pilot läuft |\n\n"
    "Grüße von Łukasz Wróbel, Ayşe Doğan, Ğ ğ, Ćwikła, José Núñez und Renée"
)


def _content(*, speakers_visible: bool, confidentiality=Confidentiality.PUBLIC):
    event = held_event(title="Auftakt der Smarten Stadtgespräche", confidentiality=confidentiality)
    municipality = MunicipalityFactory(name="Bamberg")
    item = AgendaItemFactory(
        event=event, title="Impuls Bürgerbeteiligung", municipality=municipality
    )
    item.speakers.add(UserFactory(first_name="Renate", last_name="Redlich"))
    minutes = MinutesFactory(
        event=event,
        body=MINUTES,
        results="1. Folgetermin vereinbaren",
        published_at=event.ends_at,
    )
    AttachmentFactory(event=event, title="Präsentation Bamberg")
    FeedbackFactory(event=event, rating=5)
    FeedbackFactory(event=event, rating=3)
    return DocumentationContent(
        event=event,
        minutes=minutes,
        agenda=[item],
        attachments=list(event.attachments.all()),
        speakers_visible=speakers_visible,
        feedback=feedback_summary(event),
        hosts=[MunicipalityFactory(name="Kaiserslautern")],
        co_hosts=[MunicipalityFactory(name="Verband Region Rhein-Neckar")],
        topics=[],
    )


def _reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def test_pdf_text_has_unicode_names_table_rows_and_german_labels():
    with translation.override("de"):
        reader = _reader(build_documentation_pdf(_content(speakers_visible=True)))
    text = _text(reader)

    for expected in (
        "Auftakt der Smarten Stadtgespräche",
        "Impuls Bürgerbeteiligung",
        "Renate Redlich",
        "Erster Punkt",
        "Folgetermin vereinbaren",
        "Präsentation Bamberg",
        "Kaiserslautern",
        "Verband Region Rhein-Neckar",
        "Mitveranstaltende",
        "Ortszeit Berlin",
        "Łukasz Wróbel",
        "Ayşe Doğan",
        "Ğ ğ",
        "Ćwikła",
        "José Núñez",
        "Seite 1",
    ):
        assert expected in text, expected
    # The Markdown table stays a table: its row reads cell by cell on one line.
    assert "Łódź-Partnerstadt Pilot läuft" in text
    assert "Berlin time" not in text
    # The title page is not empty: the first page already holds the agenda.
    assert "Auftakt der Smarten Stadtgespräche" in reader.pages[0].extract_text()
    assert "Programm" in reader.pages[0].extract_text()


def test_pdf_is_tagged_with_language_title_and_structure_tree():
    with translation.override("de"):
        reader = _reader(build_documentation_pdf(_content(speakers_visible=True)))
    catalog = reader.trailer["/Root"]

    assert catalog["/Lang"] == "de"
    assert catalog["/MarkInfo"]["/Marked"]
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    assert reader.metadata.title == "Auftakt der Smarten Stadtgespräche – Dokumentation"
    tree = catalog["/StructTreeRoot"].get_object()
    kinds = set()

    def walk(node, depth=0):
        node = node.get_object()
        if "/S" in node:
            kinds.add(node["/S"])
        kids = node.get("/K")
        if kids is None or depth > 40:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if hasattr(kid, "get"):
                walk(kid, depth + 1)

    walk(tree)
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD", "/L", "/P"} <= kinds


@pytest.mark.parametrize("language", ["de", "en"])
def test_pdf_passes_a_pdf_ua_1_validator(language):
    with translation.override(language):
        pdf = build_documentation_pdf(_content(speakers_visible=True))
    assert pdf_ua_failures(pdf) == []


def test_pdf_ua_validator_rejects_an_untagged_pdf():
    """The validator is no formality: the same document without PDF/UA tagging fails."""
    from weasyprint import HTML

    html = documentation_html(_content(speakers_visible=True))
    untagged = HTML(string=html).write_pdf()
    assert pdf_ua_failures(untagged)


def test_pdf_in_english_has_english_language_and_labels():
    with translation.override("en"):
        reader = _reader(build_documentation_pdf(_content(speakers_visible=True)))

    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "local time Berlin" in _text(reader)


def test_pdf_hides_speakers_under_chatham_house():
    with translation.override("de"):
        reader = _reader(
            build_documentation_pdf(
                _content(speakers_visible=False, confidentiality=Confidentiality.CHATHAM_HOUSE)
            )
        )
    text = _text(reader)

    assert "Renate Redlich" not in text
    assert "Bamberg" in text
    assert "Chatham-House-Regel" in text


def test_pdf_compressed_by_default_is_smaller():
    content = _content(speakers_visible=True)
    assert len(build_documentation_pdf(content)) < len(
        build_documentation_pdf(content, compress=False)
    )


def test_documentation_html_drops_a_heading_that_repeats_the_section():
    with translation.override("de"):
        html = documentation_html(_content(speakers_visible=True))

    assert html.count("Protokoll") == 1
    assert "<h3>Austausch</h3>" in html


def test_section_html_shifts_headings_and_escapes_markup():
    html = section_html(
        "## Titel\n\nText mit <b>roh</b> & **fett**\n\n### Unter", section_title="Protokoll"
    )

    assert "<h3>Titel</h3>" in html
    assert "<h4>Unter</h4>" in html
    assert "<strong>fett</strong>" in html
    assert "<b>" not in html
    assert "&amp;" in html


def test_pdf_never_fetches_images_or_files_named_in_the_text(monkeypatch):
    from weasyprint.urls import URLFetcher

    fetched = []
    original = URLFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(URLFetcher, "fetch", spy)
    content = _content(speakers_visible=True)
    content.minutes.body = "![x](http://127.0.0.1:9/x.png) [a](file:///etc/passwd)"

    build_documentation_pdf(content)

    assert fetched
    assert all(url.startswith("file:///usr/share/fonts/truetype/dejavu/") for url in fetched)
