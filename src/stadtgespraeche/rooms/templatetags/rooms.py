"""The room box of the event page: `{% room_access_for event as room %}` (docs/rooms.md)."""

from typing import Any

from django import template

from stadtgespraeche.events.models import Event
from stadtgespraeche.rooms import queries as queries_rooms

register = template.Library()


@register.simple_tag(takes_context=True)
def room_access_for(context: dict[str, Any], event: Event) -> queries_rooms.RoomAccess:
    request = context.get("request")
    user = getattr(request, "user", None)
    return queries_rooms.room_access(user, event)


@register.simple_tag(takes_context=True)
def can_view_questions(context: dict[str, Any], event: Event) -> bool:
    """Whether the viewer takes part in the live Q&A (docs/events.md); no query if anonymous."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    return bool(user.has_perm("questions.view_questions", event))
