"""`{% registration_box %}`: the registration box of the event page.

Rendered by registrations.views.registration for htmx requests as well.
"""

from typing import Any

from django import template

from stadtgespraeche.registrations.views import registration as views_registration

register = template.Library()


@register.inclusion_tag("registrations/box.html", takes_context=True)
def registration_box(context: template.Context) -> dict[str, Any]:
    request = context["request"]
    box = views_registration.box_context(request, context["event"])
    # Keep what the included templates need from the page (CSRF token, language).
    return {**box, "request": request, "csrf_token": context.get("csrf_token")}
