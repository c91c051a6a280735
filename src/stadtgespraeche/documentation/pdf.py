"""The documentation of one event as an accessible PDF, for funders and archives.

A print template (`documentation/pdf/documentation.html`) shows the same content as the
web page; `core.pdf.render_pdf` turns it into a tagged PDF/UA-1 in a Unicode font. The
minutes and results are rendered with the same Markdown renderer and sanitiser as the web
page (core/markdown.py); their headings move one level down below the section headings, and
a leading heading that only repeats the section's name ("Protokoll") is left out. The caller
decides what the reader may see: `speakers_visible` hides names under the Chatham House rule.

Rendering takes seconds, so the worker renders every audience variant ahead
(`documentation.tasks.render_documentation_pdfs`, docs/events.md). A variant is one reader
language and one value of `speakers_visible`; `fingerprint` is the SHA-256 of the print HTML
and CSS, so any change the reader would see in the PDF changes it and a stored PDF with
another fingerprint is never served.
"""

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from stadtgespraeche.core.markdown import render_markdown
from stadtgespraeche.core.pdf import render_pdf
from stadtgespraeche.documentation import queries as docs_queries
from stadtgespraeche.documentation.models import Attachment, Minutes
from stadtgespraeche.documentation.queries import FeedbackSummary
from stadtgespraeche.events import queries as events_queries
from stadtgespraeche.events.enums import Confidentiality
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


def documentation_css() -> str:
    """The print style sheet in the active language (its page label is translated)."""
    return render_to_string("documentation/pdf/documentation.css", {"page_label": _("Page")})


def build_documentation_pdf(content: DocumentationContent, *, compress: bool = True) -> bytes:
    """The PDF bytes; `compress=False` keeps the text streams readable (tests)."""
    return render_pdf(documentation_html(content), css=documentation_css(), compress=compress)


def documentation_content(event: Event, *, speakers_visible: bool) -> DocumentationContent:
    """Everything the PDF of `event` shows, for a reader who sees speakers or not."""
    return DocumentationContent(
        event=event,
        minutes=docs_queries.minutes_of(event),
        agenda=list(events_queries.agenda_of(event)),
        attachments=list(docs_queries.all_files_of(event)),
        speakers_visible=speakers_visible,
        feedback=docs_queries.feedback_summary(event),
        hosts=list(event.hosts.all()),
        co_hosts=list(event.co_hosts.all()),
        topics=list(event.topics.all()),
    )


@dataclass
class PreparedPdf:
    """The print HTML and CSS of one variant and their fingerprint; rendering comes later."""

    html: str
    css: str
    fingerprint: str

    def render(self) -> bytes:
        return render_pdf(self.html, css=self.css)


def prepare(event: Event, *, speakers_visible: bool) -> PreparedPdf:
    """The variant of `event` for the active language and `speakers_visible`."""
    html = documentation_html(documentation_content(event, speakers_visible=speakers_visible))
    css = documentation_css()
    digest = hashlib.sha256()
    for part in (html, css):
        digest.update(part.encode())
        digest.update(b"\0")
    return PreparedPdf(html=html, css=css, fingerprint=digest.hexdigest())


def variants(event: Event) -> list[tuple[str, bool]]:
    """The (language, speakers_visible) pairs readers of `event` can get.

    Speakers are hidden only under the Chatham House rule (`queries.shows_speakers`).
    """
    visibilities = [True]
    if event.confidentiality == Confidentiality.CHATHAM_HOUSE:
        visibilities.append(False)
    return [(code, visible) for code, _name in settings.LANGUAGES for visible in visibilities]


def stored_bytes(
    event: Event, *, language: str, speakers_visible: bool, fingerprint: str
) -> bytes | None:
    """The stored PDF of this variant if its fingerprint is `fingerprint`, else None."""
    stored = docs_queries.stored_pdf(event, language=language, speakers_visible=speakers_visible)
    if stored is None or stored.fingerprint != fingerprint:
        return None
    try:
        with stored.file.open("rb") as file:
            return bytes(file.read())
    except OSError:  # replaced or removed since the row was read
        return None
