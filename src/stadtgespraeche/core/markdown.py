"""Markdown for text written by organisers (topic descriptions, site texts).

Markdown is rendered with Python-Markdown and the resulting HTML is always sanitised with
nh3 (an allow-list of tags and attributes; scripts, styles, event handlers and
`javascript:` links are removed), so stored text can never inject markup. Templates use the
`markdown` filter from the `markdown` template tag library.
"""

import threading

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"align"},
    "th": {"align", "scope"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


_local = threading.local()


def _converter() -> markdown_lib.Markdown:
    """One reusable converter per thread: building one costs more than converting a post."""
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = _local.converter = markdown_lib.Markdown(extensions=["extra", "sane_lists"])
    return converter.reset()


def render_markdown(text: str) -> SafeString:
    """Render Markdown `text` to sanitised HTML, safe to output unescaped."""
    html = _converter().convert(text or "")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # sanitised by nh3 just above
