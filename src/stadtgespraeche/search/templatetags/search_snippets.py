"""`{{ hit.snippet|without_markdown }}`: a result snippet as plain text.

Snippets are cut from the indexed text, which is Markdown for minutes, descriptions and
practices; the search page shows them without the markup (headings, emphasis, links, lists,
quotes, code and table pipes). The snippet is already escaped HTML with <mark> around hits;
only Markdown syntax is removed, the marks stay.
"""

import re

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_RULES = [
    (re.compile(r"!?\[([^\]]*)\]\([^)\s]*\)"), r"\1"),  # [text](url), ![alt](src)
    (re.compile(r"(^|\n)[ \t]*#{1,6}[ \t]+"), r"\1"),  # headings
    (re.compile(r"(^|\n)[ \t]*(?:&gt;[ \t]?)+"), r"\1"),  # quotes (escaped ">")
    (re.compile(r"(^|\n)[ \t]*(?:[-*+]|\d+[.)])[ \t]+"), r"\1"),  # list items
    (
        re.compile(
            r"(^|\n)[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*(?=\n|$)"
        ),
        r"\1",
    ),
    (re.compile(r"\*\*|__|~~|`+"), ""),  # strong, strike-through, code
    (re.compile(r"(?<![\w*])[*_](?=[^\s*_])|(?<=[^\s*_])[*_](?![\w*])"), ""),  # emphasis
    (re.compile(r"[ \t]*\|[ \t]*"), " "),  # table cells
    (re.compile(r"\s+"), " "),
]


@register.filter
def without_markdown(snippet: str) -> SafeString:
    text = str(snippet)
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    # The input is escaped HTML; only Markdown syntax is removed.
    return mark_safe(text.strip())
