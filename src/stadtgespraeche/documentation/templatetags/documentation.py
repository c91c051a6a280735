"""`{% documentation_section event %}`: the documentation block of an event's page."""

from typing import Any

from django import template

from stadtgespraeche.documentation import queries as docs_queries
from stadtgespraeche.events.models import Event

register = template.Library()


@register.inclusion_tag("documentation/_section_body.html", takes_context=True)
def documentation_section(context: template.Context, event: Event) -> dict[str, Any]:
    """What the visitor may see of the documentation (queries_documentation decides)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    is_organiser = bool(user is not None and user.has_perm("documentation.manage_documentation"))
    visible = bool(user is not None and user.has_perm("documentation.view_documentation", event))
    result: dict[str, Any] = {
        "event": event,
        "is_organiser": is_organiser,
        "visible": visible,
        "can_give_feedback": bool(user and user.has_perm("documentation.give_feedback", event)),
        # Feedback is given after the event only: no question before it has ended.
        "gave_feedback": docs_queries.has_ended(event)
        and docs_queries.feedback_of(user, event) is not None,
    }
    if visible:
        result.update(
            minutes=docs_queries.minutes_of(event),
            attachments=list(docs_queries.attachments_of(event)),
            slides=list(docs_queries.slides_of(event)),
        )
    return result


@register.inclusion_tag("documentation/_agenda_slides.html", takes_context=True)
def agenda_slides(context: template.Context, event: Event, item: Any) -> dict[str, Any]:
    """The slides link of one agenda item, if the visitor may see the documentation.

    Visibility and the slides of all items are looked up once per event and page.
    """
    cached = getattr(event, "_documentation_slides", None)
    if cached is None:
        request = context.get("request")
        user = getattr(request, "user", None)
        visible = bool(
            user is not None and user.has_perm("documentation.view_documentation", event)
        )
        cached = (
            {slides.agenda_item_id: slides for slides in docs_queries.slides_of(event)}
            if visible
            else {}
        )
        event._documentation_slides = cached  # type: ignore[attr-defined]
    return {"event": event, "slides": cached.get(item.pk)}
