"""The full topic page: the catalogue entry with its Stadtgespräche, topic wishes, the
people following it, and the sections other apps register (topics.sections)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from stadtgespraeche.accounts.http import AuthenticatedRequest
from stadtgespraeche.events.queries import visible_events
from stadtgespraeche.notifications import queries as notification_queries
from stadtgespraeche.notifications import services as notification_services
from stadtgespraeche.people import privacy
from stadtgespraeche.people.enums import FieldGroup
from stadtgespraeche.topics.models import Topic
from stadtgespraeche.topics.sections import sections_for
from stadtgespraeche.wishes.queries import wishes_for_topic

FOLLOWER_NAMES = 20
LIST_LIMIT = 10


def _topic_or_404(request: HttpRequest, slug: str) -> Topic:
    topic = get_object_or_404(Topic, slug=slug)
    if not request.user.has_perm("topics.view_topic", topic):
        raise Http404
    return topic


def _follower_names(topic: Topic, viewer: Any) -> list[str]:
    """Names of followers whose profile lets `viewer` see their name (people.privacy)."""
    people = notification_queries.followers(topic).filter(
        privacy.group_visible_q(FieldGroup.IDENTITY, viewer, prefix="profile__")
    )
    return [
        person.get_full_name()
        for person in people.order_by("last_name", "first_name")[:FOLLOWER_NAMES]
    ]


@require_safe
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic = _topic_or_404(request, slug)
    is_member = bool(request.user.is_authenticated)
    context = {
        "topic": topic,
        "events": list(
            visible_events(request.user).filter(topics=topic).order_by("-starts_at")[:LIST_LIMIT]
        ),
        # Wishes are network content: only members see them.
        "wishes": list(wishes_for_topic(topic)[:LIST_LIMIT]) if is_member else [],
        "show_wishes": is_member,
        "follower_count": notification_queries.followers(topic).count(),
        "follower_names": _follower_names(topic, request.user),
        "is_following": notification_queries.is_following(request.user, topic),
        "extra_sections": sections_for(topic, request.user),
    }
    return render(request, "pages/topic_detail.html", context)


@login_required
@require_POST
def topic_follow(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    topic = _topic_or_404(request, slug)
    user = request.user
    if request.POST.get("action") == "unfollow":
        notification_services.unfollow(user, topic)
        messages.success(request, _("You no longer follow this topic."))
    else:
        notification_services.follow(user, topic)
        messages.success(request, _("You follow this topic."))
    return redirect(topic.get_absolute_url())
