"""`{% follow_button obj %}`: a follow / unfollow button for any registered followable object.

    {% load notifications %}
    {% follow_button topic %}

Renders nothing for visitors who are not logged in, for unregistered models and for people
who may not follow the object. One query (is the person following?).
"""

from typing import Any

from django import template
from django.contrib.contenttypes.models import ContentType

from .. import follows, queries

register = template.Library()


@register.inclusion_tag("notifications/includes/follow_button.html", takes_context=True)
def follow_button(context: template.Context, target: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if target is None or user is None or not follows.can_follow(user, target):
        return {"show": False}
    return {
        "show": True,
        "target": target,
        "content_type_id": ContentType.objects.get_for_model(target).pk,
        "following": queries.is_following(user, target),
        "next": request.get_full_path() if request else "",
    }


@register.filter
def model_verbose_name(obj: Any) -> str:
    """The verbose name of an object's model ("Thema", "Kommune"), for lists of follows."""
    return str(obj._meta.verbose_name) if hasattr(obj, "_meta") else ""
