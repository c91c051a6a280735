"""Starting imports: one queued or running run per endpoint, run by a background task.

`request_sync` reserves the endpoint with a queued `SyncRun` (a conditional unique
constraint allows one queued-or-running run per endpoint, so two syncs of one endpoint can
never overlap, whoever starts them) and enqueues `tasks.import_endpoint`; the worker then
`execute`s it, recording progress and a heartbeat on the run. A run that shows no sign of
life for `STALE_AFTER` (its worker died) is marked failed the next time someone asks for a
sync, so the endpoint is never blocked for good.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from stadtgespraeche.core.audit import log_action

from ..client import Fetcher
from ..enums import ACTIVE_STATUSES, SyncStatus
from ..exceptions import SyncBusy
from ..models import Endpoint, SyncRun
from . import file_texts
from .importer import Progress, ProgressCallback, run_import

STALE_AFTER = dt.timedelta(minutes=30)
HEARTBEAT_SECONDS = 1.0


def release_stale(endpoint: Endpoint, *, now: dt.datetime | None = None) -> int:
    """Mark the endpoint's active runs without a sign of life for STALE_AFTER as failed."""
    limit = (now or timezone.now()) - STALE_AFTER
    stale = SyncRun.objects.filter(endpoint=endpoint, status__in=ACTIVE_STATUSES).filter(
        Q(heartbeat_at__lt=limit) | Q(heartbeat_at__isnull=True, started_at__lt=limit)
    )
    return stale.update(
        status=SyncStatus.FAILED,
        finished_at=timezone.now(),
        error="Abandoned: the run showed no sign of life for 30 minutes.",
    )


def reserve(endpoint: Endpoint, *, full: bool = False) -> SyncRun:
    """A queued run holding the endpoint; `SyncBusy` if another is queued or running."""
    release_stale(endpoint)
    try:
        with transaction.atomic():
            return SyncRun.objects.create(
                endpoint=endpoint, started_at=timezone.now(), status=SyncStatus.QUEUED, full=full
            )
    except IntegrityError:
        active = SyncRun.objects.filter(endpoint=endpoint, status__in=ACTIVE_STATUSES).first()
        raise SyncBusy(active.pk if active else None) from None


def active_run(endpoint: Endpoint) -> SyncRun | None:
    return SyncRun.objects.filter(endpoint=endpoint, status__in=ACTIVE_STATUSES).first()


def request_sync(endpoint: Endpoint, *, full: bool = False, actor: Any = None) -> SyncRun:
    """Queue an import of the endpoint for the worker; `SyncBusy` if one is under way."""
    from ..tasks import import_endpoint

    run = reserve(endpoint, full=full)
    log_action("oparl.sync.requested", actor=actor, obj=endpoint, data={"run": run.pk})
    import_endpoint.enqueue(run_id=run.pk)
    return run


class _Recorder:
    """Writes the progress and the heartbeat onto the run, at most once a second."""

    def __init__(self, run: SyncRun, also: ProgressCallback | None = None) -> None:
        self.run_id = run.pk
        self.also = also
        self.last = 0.0
        self.phase = ""

    def __call__(self, progress: Progress) -> None:
        if self.also is not None:
            self.also(progress)
        now = time.monotonic()
        if progress.phase == self.phase and now - self.last < HEARTBEAT_SECONDS:
            return
        self.last, self.phase = now, progress.phase
        SyncRun.objects.filter(pk=self.run_id).update(
            progress=progress.as_dict(), heartbeat_at=timezone.now()
        )


def execute(run_id: int, *, fetcher: Fetcher | None = None) -> str:
    """Run a queued run (the task's body); returns its final status or why nothing ran."""
    run = SyncRun.objects.select_related("endpoint").filter(pk=run_id).first()
    if run is None:
        return "gone"
    if run.status != SyncStatus.QUEUED:  # a task delivered twice: the run is taken or over
        return f"skipped ({run.status})"
    endpoint = run.endpoint
    if fetcher is None:
        with Fetcher(max_per_host=endpoint.max_connections) as own:
            run_import(endpoint, fetcher=own, run=run, progress=_Recorder(run))
    else:
        run_import(endpoint, fetcher=fetcher, run=run, progress=_Recorder(run))
    _after(run)
    return str(run.status)


def _after(run: SyncRun) -> None:
    """A successful import is followed by the text download of its new PDFs."""
    if run.status == SyncStatus.SUCCEEDED:
        file_texts.request(run.endpoint)


def run_now(
    endpoint: Endpoint,
    *,
    fetcher: Fetcher,
    full: bool = False,
    progress: ProgressCallback | None = None,
) -> SyncRun:
    """Import in this process (the command line), holding the endpoint like a queued run."""
    run = reserve(endpoint, full=full)
    run_import(endpoint, fetcher=fetcher, run=run, progress=_Recorder(run, progress))
    _after(run)
    return run


def sync_all() -> int:
    """The periodic sync: queue an import of every endpoint not already under way."""
    queued = 0
    for endpoint in Endpoint.objects.order_by("pk"):
        try:
            request_sync(endpoint)
        except SyncBusy:
            continue
        queued += 1
    return queued
