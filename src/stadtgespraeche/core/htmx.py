"""Two helpers for views that serve a full page or, to htmx, one of its partials."""

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def template_for(request: HttpRequest, template: str, partial: str) -> str:
    """The full template, or `template#partial` when htmx asks for the fragment."""
    return f"{template}#{partial}" if is_htmx(request) else template
