"""Periodic jobs: registered in one place, enqueued by one command (`runperiodic`).

Apps register plain functions in their AppConfig.ready():

    periodic.register("accounts.process_deletions", process_due_deletions, every=timedelta(hours=1))

Cron or a systemd timer runs `stadtgespraeche runperiodic` every few minutes. It only
*enqueues*: for each job whose interval has passed since its last success it claims the job
and enqueues the task `core.tasks.run_periodic_job`, which a worker runs. So slow jobs
(digests, reminders, the OParl sync) never run inside the timer, and a failure is retried
at the next call.

Overlapping calls (two timers, two machines, a run started by hand) cannot do the same work
twice: the claim is one conditional UPDATE of the job's `PeriodicJobRun` row ("set
`pending_since` where the job is due and not already pending"), which the database answers
for exactly one caller, PostgreSQL by its row lock and SQLite by its single writer; the task
is enqueued in the same transaction. The task starts the job only for the claim it was
enqueued for and only once (a conditional UPDATE again), so a task queued a second time by
`requeue_abandoned_tasks` while the first still runs does nothing. A claim whose task never
finished (a worker killed mid-job) expires after the job's interval, at least an hour;
then the next call claims the job again.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.tasks import TaskResultStatus
from django.utils import timezone

from .models import PeriodicJobRun

logger = logging.getLogger(__name__)

# A pending claim older than this (or than the job's interval, if longer) was lost.
CLAIM_EXPIRES_AFTER = timedelta(hours=1)


@dataclass(frozen=True)
class Job:
    name: str
    function: Callable[[], object]
    every: timedelta

    @property
    def claim_expires_after(self) -> timedelta:
        return max(self.every, CLAIM_EXPIRES_AFTER)


_registry: dict[str, Job] = {}


def register(name: str, function: Callable[[], object], *, every: timedelta) -> None:
    _registry[name] = Job(name=name, function=function, every=every)


def jobs() -> list[Job]:
    return sorted(_registry.values(), key=lambda job: job.name)


def claim(job: Job, *, force: bool = False) -> datetime | None:
    """Claim `job` for one run if it is due (or with `force`) and not pending; the claim time.

    None when another caller holds a live claim, or the job is not due.
    """
    PeriodicJobRun.objects.get_or_create(name=job.name)
    now = timezone.now()
    condition = Q(pending_since__isnull=True) | Q(pending_since__lte=now - job.claim_expires_after)
    if not force:
        condition &= Q(last_succeeded_at__isnull=True) | Q(last_succeeded_at__lte=now - job.every)
    claimed = PeriodicJobRun.objects.filter(condition, name=job.name).update(pending_since=now)
    return now if claimed else None


def run_due(*, force: bool = False, only: str | None = None) -> dict[str, str]:
    """Enqueue every due job (or all with `force`).

    Returns {name: outcome}: "skipped" (not due, or claimed by another caller), "enqueued",
    or, on a backend that runs tasks at once (tests, `ImmediateBackend`), "ok" or "failed".
    """
    from .tasks import run_periodic_job

    results: dict[str, str] = {}
    for job in jobs():
        if only and job.name != only:
            continue
        with transaction.atomic():
            claimed_at = claim(job, force=force)
            if claimed_at is None:
                results[job.name] = "skipped"
                continue
            result = run_periodic_job.enqueue(name=job.name, claimed_at=claimed_at.isoformat())
        results[job.name] = {
            TaskResultStatus.SUCCESSFUL: "ok",
            TaskResultStatus.FAILED: "failed",
        }.get(result.status, "enqueued")
    return results


def run_claimed(name: str, claimed_at: datetime) -> str:
    """Run job `name` for the claim made at `claimed_at` (the task's body).

    Returns "ok", or "skipped" when the claim is gone (taken over after it expired) or this
    claim's run has started already; a failing job is recorded and its exception raised.
    """
    job = _registry.get(name)
    if job is None:
        logger.error("Periodic job %s is not registered; its task is dropped", name)
        return "skipped"
    started = (
        PeriodicJobRun.objects.filter(name=name, pending_since=claimed_at)
        .filter(Q(last_started_at__isnull=True) | Q(last_started_at__lt=claimed_at))
        .update(last_started_at=timezone.now())
    )
    if not started:
        logger.warning("Periodic job %s: claim of %s already run or taken over", name, claimed_at)
        return "skipped"
    try:
        with transaction.atomic():
            job.function()
    except Exception:
        logger.exception("Periodic job %s failed", name)
        PeriodicJobRun.objects.filter(name=name, pending_since=claimed_at).update(
            last_failed_at=timezone.now(), pending_since=None
        )
        raise
    PeriodicJobRun.objects.filter(name=name, pending_since=claimed_at).update(
        last_succeeded_at=timezone.now(), pending_since=None
    )
    return "ok"
