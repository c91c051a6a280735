from django import template
from django.utils.safestring import SafeString

from stadtgespraeche.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    """`{{ topic.body|markdown }}`: Markdown rendered and sanitised (core/markdown.py)."""
    return render_markdown(text)
