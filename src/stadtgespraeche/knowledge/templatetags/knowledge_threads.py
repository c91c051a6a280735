"""`{% practice_threads practice as discussion %}`: the network discussions of a practice for
its page (None for people who may not see them, so the section is left out)."""

from typing import Any

from django import template
from django.urls import reverse

from stadtgespraeche.discussions import access

from .. import threads

register = template.Library()


@register.simple_tag(takes_context=True)
def practice_threads(context: template.Context, practice: Any) -> dict[str, Any] | None:
    user = context["request"].user
    if not access.is_active_person(user):
        return None
    kind = threads.PRACTICE_KIND
    can_start = access.can_start(kind, practice.pk, user) or access.is_moderator(user)
    start_url = reverse("discussions:thread-start", kwargs={"kind": kind, "owner_id": practice.pk})
    items = list(threads.practice_threads(practice))
    return {"threads": items, "start_url": start_url if can_start else ""}
