from django import template
from django.utils.http import urlencode

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
