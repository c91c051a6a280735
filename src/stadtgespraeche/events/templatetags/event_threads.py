"""`{% event_threads event as discussion %}`: the threads of an event for its detail page."""

from typing import Any

from django import template
from django.urls import reverse

from stadtgespraeche.discussions import access
from stadtgespraeche.events.threads import KIND, can_start_on, threads_of

register = template.Library()


@register.simple_tag(takes_context=True)
def event_threads(context: template.Context, event: Any) -> dict[str, Any]:
    user = context["request"].user
    can_start = can_start_on(event, user) or access.is_moderator(user)
    start_url = reverse("discussions:thread-start", kwargs={"kind": KIND, "owner_id": event.pk})
    return {"threads": list(threads_of(event)), "start_url": start_url if can_start else ""}
