"""The documentation of one event as an accessible PDF, for funders and archives.

A print template (`documentation/pdf/documentation.html`) shows the same content as the
web page; `core.pdf.render_pdf` turns it into a tagged PDF/UA-1 in a Unicode font. The
minutes and results are rendered with the same Markdown renderer and sanitiser as the web
page (core/markdown.py); their headings move one level down below the section headings, and
a leading heading that only repeats the section's name ("Protokoll") is left out. The caller
decides what the reader may see: `speakers_visible` hides names under the Chatham House rule.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from stadtgespraeche.core.markdown import render_markdown
from stadtgespraeche.core.pdf import render_pdf
from stadtgespraeche.documentation.models import Attachment, Minutes
from stadtgespraeche.documentation.queries import FeedbackSummary
from stadtgespraeche.events.models import AgendaItem, Event

_HEADING = re.compile(r"<(/?)h([2-5])>")
_LEADING_HEADING = re.compile(r"^\s*<h[2-6]>(?P<text>.*?)</h[2-6]>\s*", re.DOTALL)


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


@dataclass
class AgendaRow:
    item: AgendaItem
    speakers: str


def section_html(text: str, *, section_title: str) -> SafeString:
    """Sanitised HTML of Markdown `text` for a section headed `section_title` (an h2)."""
    html = str(render_markdown(text))
    leading = _LEADING_HEADING.match(html)
    if leading and leading["text"].strip().casefold() == section_title.strip().casefold():
        html = html[leading.end() :]
    # h2 → h3 … h5 → h6: the PDF's outline stays one tree under the section heading.
    html = _HEADING.sub(lambda m: f"<{m[1]}h{int(m[2]) + 1}>", html)
    return mark_safe(html)  # sanitised by render_markdown; only heading levels changed


def _speaker_line(item: AgendaItem, speakers_visible: bool) -> str:
    if not speakers_visible:
        return item.municipality.name if item.municipality else item.external_organisation
    names = [str(person) for person in item.speakers.all()]
    if item.external_speaker:
        external = item.external_speaker
        if item.external_organisation:
            external += f" ({item.external_organisation})"
        names.append(external)
    line = ", ".join(names)
    if item.municipality:
        line = f"{line} – {item.municipality.name}" if line else item.municipality.name
    return line


def documentation_html(content: DocumentationContent) -> str:
    """The print template's HTML in the active language."""
    minutes = content.minutes
    event = content.event
    context = {
        "event": event,
        "starts_at": timezone.localtime(event.starts_at),
        "ends_at": timezone.localtime(event.ends_at),
        "minutes": minutes,
        "minutes_html": section_html(minutes.body, section_title=_("Minutes"))
        if minutes and minutes.body.strip()
        else "",
        "results_html": section_html(minutes.results, section_title=_("Results"))
        if minutes and minutes.results.strip()
        else "",
        "agenda": [
            AgendaRow(item=item, speakers=_speaker_line(item, content.speakers_visible))
            for item in content.agenda
        ],
        "attachments": content.attachments,
        "speakers_visible": content.speakers_visible,
        "feedback": content.feedback if content.feedback and content.feedback.count else None,
        "hosts": content.hosts,
        "co_hosts": content.co_hosts,
        "topics": content.topics,
        "language": translation.get_language() or "de",
    }
    return render_to_string("documentation/pdf/documentation.html", context)


def build_documentation_pdf(content: DocumentationContent, *, compress: bool = True) -> bytes:
    """The PDF bytes; `compress=False` keeps the text streams readable (tests)."""
    return render_pdf(
        documentation_html(content),
        css=render_to_string("documentation/pdf/documentation.css", {"page_label": _("Page")}),
        compress=compress,
    )
