"""`{% load markdown %}`: stored Markdown HTML on a page (core/markdown.py)."""

from django import template
from django.utils.safestring import SafeString

from stadtgespraeche.core.markdown import sanitise_html

register = template.Library()


@register.filter(name="sanitised")
def sanitised_filter(html: str) -> SafeString:
    """`{{ post.body_html|sanitised }}`: HTML stored at write time, through the sanitiser again.

    The Markdown was rendered when the row was written; the sanitiser (nh3) stays the only
    gate to the page, whatever is in the column, and costs a small part of the rendering.
    """
    return sanitise_html(html)
