from django import template
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def facet_url(selected: dict[str, str], name: str, value: str) -> str:
    """The list URL query with `name` set to `value`, or removed if already selected."""
    chosen = dict(selected)
    if chosen.get(name) == value:
        chosen.pop(name)
    else:
        chosen[name] = value
    return "?" + urlencode(chosen) if chosen else "?"


@register.simple_tag
def diff_segments(segments: list[tuple[str, str]]) -> SafeString:
    """Word-level diff as <ins>/<del> with a screen-reader prefix; text is escaped."""
    markup = {
        "insert": (
            '<ins class="diff-insert"><span class="sr-only">{} </span>{}</ins>',
            gettext("added:"),
        ),
        "delete": (
            '<del class="diff-delete"><span class="sr-only">{} </span>{}</del>',
            gettext("removed:"),
        ),
    }
    parts = []
    for operation, text in segments:
        if operation in markup:
            template, prefix = markup[operation]
            parts.append(format_html(template, prefix, text))
        else:
            parts.append(format_html("{}", text))
    return format_html_join("", "{}", ((part,) for part in parts))
