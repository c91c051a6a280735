"""The checks behind /health/ready: each answers without raising and fits in a JSON object.

`database`, `migrations` and `disk` decide readiness (a load balancer takes an instance out
of rotation while one fails); `queue` only reports how long the oldest due task has waited,
since a stopped worker is no reason to stop serving pages (monitoring alerts on it).
"""

import shutil
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django.utils import timezone


@dataclass
class Check:
    ok: bool
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, **self.details}


_migrations_applied = False  # once true in a process, it stays true for that code


def database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return Check(False, {"error": type(error).__name__})
    return Check(True, {"vendor": connection.vendor})


def migrations() -> Check:
    global _migrations_applied
    if _migrations_applied:
        return Check(True, {"unapplied": 0})
    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        return Check(False, {"error": type(error).__name__})
    _migrations_applied = not plan
    return Check(not plan, {"unapplied": len(plan)})


def disk() -> Check:
    minimum = int(settings.HEALTH_MIN_FREE_DISK_MB)
    usage = shutil.disk_usage(settings.DATA_DIR)
    free_mb = usage.free // (1024 * 1024)
    return Check(free_mb >= minimum, {"free_mb": free_mb, "minimum_mb": minimum})


def queue() -> Check:
    """Age of the oldest task that is due and not yet started (database backend only)."""
    from django_tasks_db.backend import DatabaseBackend

    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    if not isinstance(backend, DatabaseBackend):
        return Check(True, {"backend": type(backend).__name__})
    from django_tasks_db.models import DBTaskResult

    limit = int(settings.HEALTH_MAX_QUEUE_AGE_SECONDS)
    try:
        oldest = (
            DBTaskResult.objects.ready()
            .order_by("enqueued_at")
            .values_list("enqueued_at", "run_after")
            .first()
        )
    except DatabaseError as error:
        return Check(False, {"error": type(error).__name__})
    if oldest is None:
        return Check(True, {"oldest_due_seconds": 0, "limit_seconds": limit})
    enqueued_at, run_after = oldest
    now = timezone.now()
    # run_after is a far-future sentinel for tasks without a delay; a deferred (retried)
    # task is due from its run_after on.
    due_since = run_after if enqueued_at < run_after <= now else enqueued_at
    age = max(0, int((now - due_since).total_seconds()))
    return Check(age <= limit, {"oldest_due_seconds": age, "limit_seconds": limit})
