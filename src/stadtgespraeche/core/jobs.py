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


def requeue_abandoned_tasks() -> int:
    """Put tasks back in the queue whose worker died while running them (SIGKILL, crash).

    A task still RUNNING after TASK_ABANDONED_AFTER_MINUTES is taken as abandoned (an e-mail
    takes seconds; the SMTP timeout is 20 s) and runs again: at least once rather than
    never. One that was started TASK_MAX_STARTS times already is marked failed instead, so
    a task that kills its worker cannot do so for ever.
    """
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - timedelta(minutes=int(settings.TASK_ABANDONED_AFTER_MINUTES))
    requeued = 0
    for task in DBTaskResult.objects.running().filter(started_at__lt=cutoff):
        if len(task.worker_ids) >= int(settings.TASK_MAX_STARTS):
            DBTaskResult.objects.filter(pk=task.pk, status="RUNNING").update(
                status="FAILED",
                finished_at=timezone.now(),
                exception_class_path="stadtgespraeche.core.jobs.AbandonedTask",
                traceback=f"Abandoned by its worker {len(task.worker_ids)} times.",
            )
            continue
        requeued += DBTaskResult.objects.filter(pk=task.pk, status="RUNNING").update(
            status="READY", started_at=None
        )
    return requeued


def refresh_query_statistics() -> int:
    """Let SQLite's query planner know the tables' sizes (`ANALYZE`), so that it walks an
    index such as the people directory's name order instead of sorting every row.

    SQLite keeps no statistics until `ANALYZE` runs, and `PRAGMA optimize` skips tables that
    were never analysed. `analysis_limit` makes it sample each index (about 1,000 rows), so
    the job takes well under a second even on a nationwide database. PostgreSQL's autovacuum
    keeps its statistics itself: nothing to do there. Returns the number of tables analysed.
    """
    from django.db import connection

    if connection.vendor != "sqlite":
        return 0
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA analysis_limit=1000")
        cursor.execute("ANALYZE")
        cursor.execute("SELECT COUNT(DISTINCT tbl) FROM sqlite_stat1")
        (count,) = cursor.fetchone()
    return int(count)
