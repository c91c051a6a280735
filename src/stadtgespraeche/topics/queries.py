"""Reads of the topic catalogue."""

from django.db.models import QuerySet

from .models import Topic


def active_topics() -> QuerySet[Topic]:
    """The public catalogue: active topics, alphabetically."""
    return Topic.objects.filter(is_active=True).order_by("title")


def all_topics() -> QuerySet[Topic]:
    """Every topic including deactivated ones, for organisers; active first."""
    return Topic.objects.order_by("-is_active", "title")
