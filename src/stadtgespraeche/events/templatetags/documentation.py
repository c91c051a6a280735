"""`{% documentation_section event %}`: the documentation block of an event's page."""

from typing import Any

from django import template

from stadtgespraeche.events import queries_documentation as docs_queries
from stadtgespraeche.events.models import Event

register = template.Library()


@register.inclusion_tag("events/documentation/_section_body.html", takes_context=True)
def documentation_section(context: template.Context, event: Event) -> dict[str, Any]:
    """What the visitor may see of the documentation (queries_documentation decides)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    is_organiser = bool(user is not None and user.has_perm("events.manage_documentation"))
    visible = bool(user is not None and user.has_perm("events.view_documentation", event))
    result: dict[str, Any] = {
        "event": event,
        "is_organiser": is_organiser,
        "visible": visible,
        "can_give_feedback": bool(user and user.has_perm("events.give_feedback", event)),
        "gave_feedback": docs_queries.feedback_of(user, event) is not None,
    }
    if visible:
        result.update(
            minutes=docs_queries.minutes_of(event),
            attachments=list(docs_queries.attachments_of(event)),
            slides=list(docs_queries.slides_of(event)),
        )
    return result
