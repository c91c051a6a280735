"""Periodic jobs: registered in one place, run by one command (`stadtgespraeche runperiodic`).

Apps register plain functions in their AppConfig.ready():

    periodic.register("accounts.process_deletions", process_due_deletions, every=timedelta(hours=1))

Cron or a systemd timer runs `stadtgespraeche runperiodic` every few minutes; each job runs
when its interval has passed since its last successful run. A failing job is logged and
retried at the next call; the other jobs still run.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import PeriodicJobRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    function: Callable[[], object]
    every: timedelta


_registry: dict[str, Job] = {}


def register(name: str, function: Callable[[], object], *, every: timedelta) -> None:
    _registry[name] = Job(name=name, function=function, every=every)


def jobs() -> list[Job]:
    return sorted(_registry.values(), key=lambda job: job.name)


def run_due(*, force: bool = False, only: str | None = None) -> dict[str, str]:
    """Run every due job (or all with `force`); return {name: "ok" | "skipped" | "failed"}."""
    results: dict[str, str] = {}
    now = timezone.now()
    for job in jobs():
        if only and job.name != only:
            continue
        run, _created = PeriodicJobRun.objects.get_or_create(name=job.name)
        due = run.last_succeeded_at is None or run.last_succeeded_at + job.every <= now
        if not (due or force):
            results[job.name] = "skipped"
            continue
        run.last_started_at = timezone.now()
        run.save(update_fields=["last_started_at"])
        try:
            with transaction.atomic():
                job.function()
        except Exception:
            logger.exception("Periodic job %s failed", job.name)
            run.last_failed_at = timezone.now()
            run.save(update_fields=["last_failed_at"])
            results[job.name] = "failed"
        else:
            run.last_succeeded_at = timezone.now()
            run.save(update_fields=["last_succeeded_at"])
            results[job.name] = "ok"
    return results
