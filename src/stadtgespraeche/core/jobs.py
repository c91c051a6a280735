"""Core's own periodic jobs."""

from django.contrib.sessions.models import Session
from django.utils import timezone


def clear_expired_sessions() -> int:
    deleted, _per_model = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
