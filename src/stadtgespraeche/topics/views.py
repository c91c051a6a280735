from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from . import queries
from .models import Topic


def topic_list(request: HttpRequest) -> HttpResponse:
    return render(request, "topics/topic_list.html", {"topics": queries.active_topics()})


def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic, slug=slug)
    if not request.user.has_perm("topics.view_topic", topic):
        raise Http404
    return render(request, "topics/topic_detail.html", {"topic": topic})
