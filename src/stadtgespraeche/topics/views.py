"""The catalogue list. The full topic page is composed in pages (pages/urls/topics.py)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import queries


def topic_list(request: HttpRequest) -> HttpResponse:
    return render(request, "topics/topic_list.html", {"topics": queries.active_topics()})
