"""The documentation of one event as a PDF (reportlab), for funders and archives.

The minutes and results are rendered with the same Markdown renderer and sanitiser as the
web page (core/markdown.py); the sanitised HTML is then converted into reportlab
paragraphs (headings, paragraphs, lists, bold, italic, code, links as text). The caller
decides what the reader may see: `speakers_visible` hides names under the Chatham House rule.
"""

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from typing import Any

from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (
    Flowable,
    ListFlowable,
    ListItem,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from stadtgespraeche.core.markdown import render_markdown
from stadtgespraeche.documentation.models import Attachment, Minutes
from stadtgespraeche.documentation.queries import FeedbackSummary
from stadtgespraeche.events.models import AgendaItem, Event


@dataclass
class DocumentationContent:
    """What goes into the PDF, already filtered for the reader."""

    event: Event
    minutes: Minutes | None
    agenda: list[AgendaItem]
    attachments: list[Attachment]
    speakers_visible: bool
    feedback: FeedbackSummary | None = None
    hosts: list[Any] = field(default_factory=list)
    co_hosts: list[Any] = field(default_factory=list)
    topics: list[Any] = field(default_factory=list)


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle("SgBody", parent=base["BodyText"], fontName="Helvetica", leading=14)
    return {
        "body": body,
        "small": ParagraphStyle("SgSmall", parent=body, fontSize=9, leading=11),
        "title": ParagraphStyle(
            "SgTitle", parent=base["Title"], fontName="Helvetica-Bold", fontSize=24, leading=30
        ),
        "subtitle": ParagraphStyle(
            "SgSubtitle", parent=body, fontSize=14, leading=18, alignment=TA_CENTER
        ),
        "h1": ParagraphStyle("SgH1", parent=base["Heading1"], fontName="Helvetica-Bold"),
        "h2": ParagraphStyle("SgH2", parent=base["Heading2"], fontName="Helvetica-Bold"),
        "h3": ParagraphStyle("SgH3", parent=base["Heading3"], fontName="Helvetica-Bold"),
    }


class _HtmlToFlowables(HTMLParser):
    """Sanitised Markdown HTML (core/markdown.ALLOWED_TAGS) → reportlab flowables."""

    INLINE = {"strong": "b", "b": "b", "em": "i", "i": "i", "del": "strike"}
    HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
    BLOCKS = {"p", "li", "dt", "dd", "td", "th", "blockquote", "pre", *HEADINGS}

    def __init__(self, styles: dict[str, ParagraphStyle]) -> None:
        super().__init__(convert_charrefs=True)
        self.styles = styles
        self.flowables: list[Flowable] = []
        self._text: list[str] = []
        self._style = "body"
        self._lists: list[list[Flowable]] = []
        self._list_kinds: list[str] = []
        self._href: str = ""

    def _flush(self) -> None:
        text = "".join(self._text).strip()
        self._text = []
        if not text:
            return
        paragraph = Paragraph(text, self.styles[self._style])
        if self._lists:
            self._lists[-1].append(paragraph)
        else:
            self.flowables.append(paragraph)
        self._style = "body"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self._flush()
            self._style = self.HEADINGS.get(tag, "body")
        if tag in self.INLINE:
            self._text.append(f"<{self.INLINE[tag]}>")
        elif tag == "code":
            self._text.append('<font face="Courier">')
        elif tag == "br":
            self._text.append("<br/>")
        elif tag == "a":
            self._href = dict(attrs).get("href") or ""
        elif tag in ("ul", "ol"):
            self._flush()
            self._lists.append([])
            self._list_kinds.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.INLINE:
            self._text.append(f"</{self.INLINE[tag]}>")
        elif tag == "code":
            self._text.append("</font>")
        elif tag == "a":
            if self._href and self._href.startswith(("http://", "https://")):
                self._text.append(f" ({escape(self._href)})")
            self._href = ""
        elif tag in self.BLOCKS:
            self._flush()
        elif tag in ("ul", "ol") and self._lists:
            self._flush()
            items = self._lists.pop()
            kind = self._list_kinds.pop()
            flowable = ListFlowable(
                [ListItem(item) for item in items],
                bulletType="1" if kind == "ol" else "bullet",
                start=None if kind == "ol" else "•",
                leftIndent=14,
            )
            if self._lists:
                self._lists[-1].append(flowable)
            else:
                self.flowables.append(flowable)

    def handle_data(self, data: str) -> None:
        if data.strip() or self._text:
            self._text.append(escape(data.replace("\n", " ")))

    def close(self) -> None:
        super().close()
        self._flush()


def markdown_flowables(text: str, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    parser = _HtmlToFlowables(styles)
    parser.feed(str(render_markdown(text)))
    parser.close()
    return parser.flowables


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _join(values: Iterable[Any]) -> str:
    return ", ".join(str(value) for value in values)


def _speaker_line(item: AgendaItem, speakers_visible: bool) -> str:
    if not speakers_visible:
        return item.municipality.name if item.municipality else item.external_organisation
    names = [str(person) for person in item.speakers.all()]
    if item.external_speaker:
        external = item.external_speaker
        if item.external_organisation:
            external += f" ({item.external_organisation})"
        names.append(external)
    line = _join(names)
    if item.municipality:
        line = f"{line} – {item.municipality.name}" if line else item.municipality.name
    return line


def build_documentation_pdf(content: DocumentationContent, *, compress: bool = True) -> bytes:
    """The PDF bytes; `compress=False` keeps the text streams readable (tests)."""
    styles = _styles()
    event = content.event
    starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2.2 * cm,
        rightMargin=2.2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=event.title,
        author=event.series.name,
        subject=_("Documentation"),
        pageCompression=1 if compress else 0,
        invariant=1,
    )
    page_label = _("Page")

    def number_pages(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 9)
        canvas.drawRightString(A4[0] - 2.2 * cm, 1.2 * cm, f"{page_label} {doc.page}")
        canvas.drawString(2.2 * cm, 1.2 * cm, f"{event.series.name} · {event.title}"[:90])
        canvas.restoreState()

    story: list[Flowable] = [
        Spacer(1, 4 * cm),
        _p(event.series.name, styles["subtitle"]),
        _p(_("No. %(number)s") % {"number": event.number}, styles["subtitle"]),
        Spacer(1, 0.6 * cm),
        _p(event.title, styles["title"]),
        _p(_("Documentation"), styles["subtitle"]),
        Spacer(1, 1.5 * cm),
    ]
    facts = [
        (
            _("When"),
            f"{date_filter(starts, 'DATETIME_FORMAT')} – {date_filter(ends, 'TIME_FORMAT')}"
            f" ({_('Berlin time')})",
        ),
        (_("Format"), event.get_format_display()),
        (_("Hosts"), _join(content.hosts) or "–"),
        (_("Co-hosts"), _join(content.co_hosts) or "–"),
        (_("Topics"), _join(content.topics) or "–"),
        (_("Confidentiality"), event.get_confidentiality_display()),
    ]
    if content.minutes and content.minutes.published_at:
        published = timezone.localtime(content.minutes.published_at)
        facts.append((_("Published"), date_filter(published, "DATE_FORMAT")))
    fact_table = Table(
        [[_p(key, styles["body"]), _p(str(value), styles["body"])] for key, value in facts],
        colWidths=[4 * cm, 12 * cm],
    )
    fact_table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (0, -1), "Helvetica-Bold"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
            ]
        )
    )
    story += [fact_table, PageBreak()]

    story.append(_p(_("Agenda"), styles["h1"]))
    if content.agenda:
        rows = [[_p(_("Time"), styles["small"]), _p(_("Item"), styles["small"])]]
        for item in content.agenda:
            cell = [f"<b>{escape(item.title)}</b> ({escape(item.get_kind_display())})"]
            speakers = _speaker_line(item, content.speakers_visible)
            if speakers:
                cell.append(escape(speakers))
            rows.append(
                [
                    _p(
                        date_filter(timezone.localtime(item.starts_at), "TIME_FORMAT"),
                        styles["body"],
                    ),
                    Paragraph("<br/>".join(cell), styles["body"]),
                ]
            )
        table = Table(rows, colWidths=[2.5 * cm, 13.5 * cm], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                ]
            )
        )
        story.append(table)
    else:
        story.append(_p(_("No agenda was recorded."), styles["body"]))
    if not content.speakers_visible:
        story.append(
            _p(
                _("Chatham House rule: speakers are not named in this documentation."),
                styles["small"],
            )
        )

    minutes = content.minutes
    story.append(_p(_("Minutes"), styles["h1"]))
    story += markdown_flowables(minutes.body if minutes else "", styles) or [
        _p(_("No minutes were written."), styles["body"])
    ]
    if minutes and minutes.results.strip():
        story.append(_p(_("Results"), styles["h1"]))
        story += markdown_flowables(minutes.results, styles)
    if minutes and minutes.recording_url:
        story.append(_p(_("Recording"), styles["h1"]))
        story.append(_p(minutes.recording_url, styles["body"]))

    story.append(_p(_("Attachments"), styles["h1"]))
    if content.attachments:
        story.append(
            ListFlowable(
                [
                    ListItem(
                        _p(
                            f"{attachment.title} ({attachment.original_name}, "
                            f"{filesizeformat(attachment.size)})",
                            styles["body"],
                        )
                    )
                    for attachment in content.attachments
                ],
                bulletType="bullet",
                start="•",
                leftIndent=14,
            )
        )
    else:
        story.append(_p(_("No attachments."), styles["body"]))

    summary = content.feedback
    if summary is not None and summary.count:
        story.append(_p(_("Feedback of the participants"), styles["h1"]))
        story.append(
            _p(
                _("%(count)s responses, average rating %(average)s of 5.")
                % {"count": summary.count, "average": summary.average},
                styles["body"],
            )
        )
        story.append(
            _p(
                " · ".join(
                    f"{rating}: {count}" for rating, count, _percent in summary.distribution
                ),
                styles["body"],
            )
        )

    document.build(story, onFirstPage=number_pages, onLaterPages=number_pages)
    return buffer.getvalue()
