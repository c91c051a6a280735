"""`{% topic_threads topic as discussion %}` and `{% municipality_threads municipality as
discussion %}`: network discussions for the topic and municipality pages (None for people
who may not see them, so the section is left out)."""

from typing import Any

from django import template
from django.urls import reverse

from stadtgespraeche.discussions import access
from stadtgespraeche.network import threads

register = template.Library()


def _discussion(user: Any, kind: str, owner_id: int, items: Any) -> dict[str, Any] | None:
    if not access.is_active_person(user):
        return None
    can_start = access.can_start(kind, owner_id, user) or access.is_moderator(user)
    start_url = reverse("discussions:thread-start", kwargs={"kind": kind, "owner_id": owner_id})
    return {"threads": list(items), "start_url": start_url if can_start else ""}


@register.simple_tag(takes_context=True)
def topic_threads(context: template.Context, topic: Any) -> dict[str, Any] | None:
    user = context["request"].user
    return _discussion(user, threads.TOPIC_KIND, topic.pk, threads.topic_threads(topic))


@register.simple_tag(takes_context=True)
def municipality_threads(context: template.Context, municipality: Any) -> dict[str, Any] | None:
    user = context["request"].user
    items = threads.municipality_threads(municipality)
    return _discussion(user, threads.MUNICIPALITY_KIND, municipality.pk, items)
