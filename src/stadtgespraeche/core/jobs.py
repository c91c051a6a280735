"""Core's own periodic jobs."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone


def clear_expired_sessions() -> int:
    deleted, _per_model = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


def prune_task_results() -> int:
    """Delete finished background tasks older than TASK_RESULTS_KEEP_DAYS.

    A queued e-mail keeps its rendered text (links included) in the task's arguments, so
    finished tasks are not kept longer than needed to look into a failure.
    """
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - timedelta(days=int(settings.TASK_RESULTS_KEEP_DAYS))
    deleted, _per_model = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    return deleted
