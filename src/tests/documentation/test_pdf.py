"""The documentation PDF: structure, text, Markdown conversion, Chatham House rule."""

import re

import pytest
from django.utils import translation

from stadtgespraeche.documentation.pdf import (
    DocumentationContent,
    build_documentation_pdf,
    markdown_flowables,
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

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _content(*, speakers_visible: bool, confidentiality=Confidentiality.PUBLIC):
    event = held_event(title="Auftakt der Smarten Stadtgespraeche", confidentiality=confidentiality)
    municipality = MunicipalityFactory(name="Bamberg")
    item = AgendaItemFactory(
        event=event, title="Impuls Buergerbeteiligung", municipality=municipality
    )
    item.speakers.add(UserFactory(first_name="Renate", last_name="Redlich"))
    minutes = MinutesFactory(
        event=event,
        body=(
            "## Austausch\n\nDie Runde sprach ueber **hybride Ratsarbeit** und *Beteiligung*.\n\n"
            "- Erster Punkt\n- Zweiter Punkt\n\nGrüße aus Kaiserslautern"
        ),
        results="1. Folgetermin vereinbaren",
        published_at=event.ends_at,
    )
    AttachmentFactory(event=event, title="Praesentation Bamberg")
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


def _text(pdf: bytes) -> str:
    return pdf.decode("latin-1")


def test_pdf_contains_title_agenda_minutes_results_and_attachments():
    with translation.override("de"):
        pdf = build_documentation_pdf(_content(speakers_visible=True), compress=False)
    text = _text(pdf)

    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    for expected in (
        "Auftakt der Smarten Stadtgespraeche",
        "Impuls Buergerbeteiligung",
        "Renate Redlich",
        "Erster Punkt",
        "Folgetermin vereinbaren",
        "Praesentation Bamberg",
        "Kaiserslautern",
        "Verband Region Rhein-Neckar",
        "Mitveranstaltende",
        "Seite 1",
        "Seite 2",
    ):
        assert expected in text, expected
    # Bold Markdown becomes a bold font run; the German umlaut is WinAnsi-encoded (\374 = ü).
    assert "Helvetica-Bold" in text
    assert r"Gr\374\337e" in text
    # Title page plus at least one content page.
    pages = re.findall(r"/Type /Page\b", text)
    assert len(pages) >= 2


def test_pdf_hides_speakers_under_chatham_house():
    with translation.override("de"):
        pdf = build_documentation_pdf(
            _content(speakers_visible=False, confidentiality=Confidentiality.CHATHAM_HOUSE),
            compress=False,
        )
    text = _text(pdf)

    assert "Renate Redlich" not in text
    assert "Bamberg" in text
    assert "Chatham-House-Regel" in text


def test_pdf_compressed_by_default_is_smaller():
    content = _content(speakers_visible=True)
    assert len(build_documentation_pdf(content)) < len(
        build_documentation_pdf(content, compress=False)
    )


def test_markdown_flowables_keep_structure_and_escape_markup():
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import ListFlowable, Paragraph

    from stadtgespraeche.documentation.pdf import _styles

    assert getSampleStyleSheet()  # reportlab is importable in tests
    flowables = markdown_flowables(
        "## Titel\n\nText mit <b>roh</b> & **fett**\n\n- a\n- b\n\n1. eins", _styles()
    )

    kinds = [type(flowable) for flowable in flowables]
    assert kinds == [Paragraph, Paragraph, ListFlowable, ListFlowable]
    assert flowables[0].style.name == "SgH2"
    assert "<b>fett</b>" in flowables[1].text
    assert "&amp;" in flowables[1].text
