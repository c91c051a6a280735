"""The search app's background task: rebuilding the index in the worker (docs/operations.md).

`reindex` runs the resumable `reindex` command inside a worker, so a full rebuild after an
upgrade never runs in a request or a terminal that may close. Enqueue it with

    stadtgespraeche enqueue stadtgespraeche.search.tasks.reindex --kwargs '{"restart": true}'

Only one rebuild runs at a time: the task takes a lock in the shared cache (the database
cache in production, seen by every worker) and a second one, for instance the copy that
`core.requeue_abandoned_tasks` queues when a rebuild runs longer than
`TASK_ABANDONED_AFTER_MINUTES`, returns at once. Progress is stored per batch, so a rebuild
whose worker was killed continues where it stopped when it is enqueued again.
"""

from io import StringIO

from django.core.cache import cache
from django.core.management import call_command
from django.tasks import task

LOCK_KEY = "search:reindex:running"
# The lock is released when the rebuild ends; if its worker is killed, after this time.
LOCK_SECONDS = 6 * 60 * 60


@task
def reindex(restart: bool = False, only: list[str] | None = None) -> str:
    """Rebuild the search index (all of it with `restart`); returns the command's last line."""
    if not cache.add(LOCK_KEY, 1, timeout=LOCK_SECONDS):
        return "skipped: a rebuild is already running"
    try:
        arguments = ["--restart"] if restart else []
        for label in only or []:
            arguments += ["--only", label]
        output = StringIO()
        call_command("reindex", *arguments, stdout=output)
    finally:
        cache.delete(LOCK_KEY)
    lines = output.getvalue().strip().splitlines()
    return lines[-1] if lines else ""
