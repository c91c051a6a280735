"""One import run of an endpoint: System → Body → lists → raw store → typed tables.

Lists are fetched by one worker thread each (the per-host limit of the `Fetcher` keeps it
polite); pages are consumed and written in a fixed list order by the calling thread, so a
run is deterministic. A failing list page ends that list (it resumes there next time), a
failing object is skipped; neither aborts the body. A later run asks only for what changed
since the start of the last successful run (`modified_since`, minus an overlap).
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from ..client import Fetcher, FetchError
from ..crawler import Page, crawl_list, flatten
from ..enums import SyncStatus
from ..loaders import BaseLoader, ParseError, loader_for
from ..models import Endpoint, ListState, SyncRun
from .papers import follow_up
from .reconcile import ListCrawl, reconcile
from .references import ReferenceFetcher
from .store import RawStore
from .typed import import_pending

logger = logging.getLogger(__name__)

# The external lists of a Body, in the order their objects are stored; the 1.1-only lists
# repeat what the four main lists embed, so a full crawl skips them (OPARL.md 6.6).
MAIN_LISTS = ("organization", "person", "meeting", "paper")
EXTRA_LISTS = (
    "legislativeTermList",
    "locationList",
    "membership",
    "agendaItem",
    "consultation",
    "file",
)
LIST_TYPES = {
    "organization": "Organization",
    "person": "Person",
    "meeting": "Meeting",
    "paper": "Paper",
    "legislativeTermList": "LegislativeTerm",
    "locationList": "Location",
    "membership": "Membership",
    "agendaItem": "AgendaItem",
    "consultation": "Consultation",
    "file": "File",
}
OVERLAP = dt.timedelta(days=1)
CHECKPOINT_PAGES = 10


@dataclass
class Progress:
    """Where a run stands; reported after every list page and at the phase changes."""

    phase: str = "lists"  # "lists" → "typed" → "done"
    list_name: str = ""
    page: int = 0
    total_pages: int | None = None  # of the current list, if the server says
    lists_done: int = 0
    lists_total: int = 0
    objects_seen: int = 0
    written: int = 0  # new or changed raw objects

    def line(self) -> str:
        if self.phase == "typed":
            return f"typed import … ({self.objects_seen} objects, {self.written} new or changed)"
        if self.phase == "done":
            return f"done: {self.objects_seen} objects, {self.written} new or changed"
        of = f"/{self.total_pages}" if self.total_pages else ""
        return (
            f"{self.list_name}: page {self.page}{of}, {self.objects_seen} objects, "
            f"{self.written} new or changed"
        )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


ProgressCallback = Callable[[Progress], None]


class ImportFailed(Exception):
    """The System or the Body could not be read: nothing to import."""


def _fetch_json(fetcher: Fetcher, loader: BaseLoader, url: str) -> Any:
    response = fetcher.get(url)
    if response.status >= 400:
        raise FetchError(url, f"HTTP {response.status}", response.status)
    return loader.parse(response.content)


def _find_body(fetcher: Fetcher, loader: BaseLoader, system: Any, body_url: str) -> dict[str, Any]:
    bodies_url = system.get("body") if isinstance(system, dict) else None
    if not isinstance(bodies_url, str):
        raise ImportFailed("The System names no body list.")
    bodies = []
    for page in crawl_list(fetcher, loader, bodies_url):
        bodies += [b for b in (loader.object(e, "Body") for e in page.elements) if b]
    for body in bodies:
        if body["id"] == body_url or (not body_url and len(bodies) == 1):
            return body
    raise ImportFailed(f"Body {body_url or '?'} not in the System's body list.")


def _pages(
    fetcher: Fetcher,
    loader: BaseLoader,
    jobs: list[tuple[str, str, str | None]],
    modified_since: str | None,
) -> Iterator[tuple[str, Page | Exception | None]]:
    """Pages of all lists, fetched in parallel, yielded list by list (None ends a list)."""
    stop = threading.Event()
    queues: list[queue.Queue[Page | Exception | None]] = [queue.Queue(maxsize=4) for _ in jobs]

    def put(q: queue.Queue[Page | Exception | None], item: Page | Exception | None) -> bool:
        while not stop.is_set():
            try:
                q.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def work(index: int, url: str, start: str | None) -> None:
        q = queues[index]
        try:
            for page in crawl_list(
                fetcher, loader, url, modified_since=modified_since, start_url=start
            ):
                if not put(q, page):
                    return
        except Exception as error:  # reported to the run, never lost
            put(q, error)
        put(q, None)

    threads = [
        threading.Thread(target=work, args=(i, url, start), daemon=True)
        for i, (_name, url, start) in enumerate(jobs)
    ]
    for thread in threads:
        thread.start()
    try:
        for (name, _url, _start), q in zip(jobs, queues, strict=True):
            while True:
                item = q.get()
                yield name, item
                if item is None:
                    break
    finally:
        stop.set()


def run_import(
    endpoint: Endpoint,
    *,
    full: bool = False,
    fetcher: Fetcher | None = None,
    progress: ProgressCallback | None = None,
    run: SyncRun | None = None,
) -> SyncRun:
    """Import (or update) the endpoint's body; returns the finished run with its counts.

    `run` is a run queued by `services.runs.request_sync` (it then runs with that run's
    `full`); without one a new run row is created here.
    """
    started = timezone.now()
    previous = endpoint.last_success_started
    if run is not None:
        full = run.full
    since = None if full or previous is None else previous - OVERLAP
    if run is None:
        run = SyncRun.objects.create(
            endpoint=endpoint, started_at=started, modified_since=since, full=full
        )
    else:
        run.started_at, run.modified_since = started, since
        run.status, run.heartbeat_at = SyncStatus.RUNNING, started
        run.save(update_fields=["started_at", "modified_since", "status", "heartbeat_at"])
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher(max_per_host=endpoint.max_connections)
    requests_before, retries_before = fetcher.requests, fetcher.retried
    loader = loader_for(endpoint.vendor)
    stats: Counter[str] = Counter()
    errors: list[str] = []
    warnings: list[str] = []
    say = progress or (lambda _progress: None)
    state = Progress()
    try:
        system = loader.object(_fetch_json(fetcher, loader, endpoint.system_url), "System")
        if system is None:
            raise ImportFailed("The System URL does not answer with a System object.")
        body = _find_body(fetcher, loader, system, endpoint.body_url)
        store = RawStore(endpoint, stats)
        for flat in flatten(system, loader, "System") + flatten(body, loader, "Body"):
            store.add(flat)
        _update_endpoint(endpoint, system, body, started)
        crawls: dict[str, ListCrawl] = {}
        list_errors = _crawl_lists(
            endpoint, fetcher, loader, body, store, since, errors, say, state, crawls
        )
        store.flush()
        state.phase = "typed"
        say(state)
        touched: dict[str, set[str]] = {}
        references = ReferenceFetcher(fetcher, loader, store, stats, errors)
        errors += import_pending(endpoint, body["id"], stats, touched, fetch=references.fetch)
        if since is None:
            reconcile(endpoint, crawls, stats, warnings, touched)
        follow_up(endpoint, touched, stats)
        run.status = SyncStatus.SUCCEEDED
        if not list_errors:
            endpoint.last_success_started = started
    except (ImportFailed, FetchError, ParseError) as error:
        run.status = SyncStatus.FAILED
        errors.insert(0, str(error))
    except Exception as error:  # recorded on the run, then raised for the caller's log
        run.status = SyncStatus.FAILED
        errors.insert(0, f"{type(error).__name__}: {error}")
        _finish(run, endpoint, stats, loader, errors, warnings)
        raise
    finally:
        if own_fetcher:
            fetcher.close()
    stats["requests"] = fetcher.requests - requests_before
    stats["retries"] = fetcher.retried - retries_before
    _finish(run, endpoint, stats, loader, errors, warnings)
    state.phase, state.objects_seen = "done", stats["objects_seen"]
    state.written = stats["raw_written"]
    say(state)
    return run


def _finish(
    run: SyncRun,
    endpoint: Endpoint,
    stats: Counter[str],
    loader: BaseLoader,
    errors: list[str],
    warnings: list[str],
) -> None:
    run.finished_at = timezone.now()
    run.stats = {"counts": dict(stats), "fixes": dict(loader.fixes)}
    run.error = "\n".join(errors[:50])
    run.warnings = "\n".join(warnings)
    run.save(update_fields=["status", "finished_at", "stats", "error", "warnings"])
    endpoint.last_sync_finished = run.finished_at
    endpoint.save(update_fields=["last_sync_started", "last_sync_finished", "last_success_started"])


def _update_endpoint(
    endpoint: Endpoint, system: dict[str, Any], body: dict[str, Any], started: dt.datetime
) -> None:
    endpoint.last_sync_started = started
    values = {
        "body_url": body["id"],
        "body_name": str(body.get("name", ""))[:300],
        "body_ags": str(body.get("ags", ""))[:8],
        "oparl_version": str(system.get("oparlVersion", "")).rstrip("/").rsplit("/", 1)[-1][:10],
        "system_name": str(system.get("name", ""))[:300],
        "license": str(body.get("license") or system.get("license") or "")[:500],
    }
    changed = [name for name, value in values.items() if getattr(endpoint, name) != value]
    for name in changed:
        setattr(endpoint, name, values[name])
    if changed:
        endpoint.save(update_fields=changed)


def _crawl_lists(
    endpoint: Endpoint,
    fetcher: Fetcher,
    loader: BaseLoader,
    body: dict[str, Any],
    store: RawStore,
    since: dt.datetime | None,
    errors: list[str],
    say: ProgressCallback,
    report: Progress,
    crawls: dict[str, ListCrawl],
) -> int:
    """Crawl the body's lists into the raw store; returns how many lists failed. `crawls`
    gets, per main list crawled from its first page, the top-level ids it returned."""
    names = MAIN_LISTS + (EXTRA_LISTS if since is not None else ())
    urls = {name: body[name] for name in names if isinstance(body.get(name), str)}
    states = {s.name: s for s in ListState.objects.filter(endpoint=endpoint)}
    jobs: list[tuple[str, str, str | None]] = []
    for name, url in urls.items():
        state = states.get(name)
        resume = state is not None and not state.complete and state.url == url and state.next_url
        jobs.append((name, url, state.next_url if resume and state else None))
        if not resume and name in MAIN_LISTS:
            crawls[name] = ListCrawl(LIST_TYPES[name])
    since_text = since.replace(microsecond=0).isoformat() if since else None
    failed: set[str] = set()
    pages = 0
    report.lists_total = len(jobs)
    for name, item in _pages(fetcher, loader, jobs, since_text):
        if item is None:
            report.lists_done += 1
            if name in failed:
                continue
            if name in crawls:
                crawls[name].complete = True
            _checkpoint(endpoint, states, name, urls[name], "", complete=True)
            continue
        if name != report.list_name:
            report.list_name, report.page, report.total_pages = name, 0, None
        if isinstance(item, Exception):
            failed.add(name)
            errors.append(f"{name}: {item}")
            logger.warning("OParl list %s of %s failed: %s", name, endpoint, item)
            continue
        pages += 1
        report.page += 1
        report.total_pages = item.total_pages or report.total_pages
        crawl = crawls.get(name)
        for element in item.elements:
            try:
                for flat in flatten(element, loader, LIST_TYPES[name]):
                    store.add(flat)
                    if crawl is not None and not flat.parent_id:
                        crawl.ids.add(flat.oparl_id)
                        crawl.live += not flat.deleted
            except Exception as error:  # one object never aborts the body
                store.stats["object_errors"] += 1
                errors.append(f"{name}: {type(error).__name__}: {error}")
        if item.next_url and pages % CHECKPOINT_PAGES == 0:
            store.flush()
            _checkpoint(endpoint, states, name, urls[name], item.next_url, complete=False)
        report.objects_seen = store.stats["objects_seen"]
        report.written = store.stats["raw_written"] + len(store.pending)
        say(report)
    return len(failed)


def _checkpoint(
    endpoint: Endpoint,
    states: dict[str, ListState],
    name: str,
    url: str,
    next_url: str,
    *,
    complete: bool,
) -> None:
    """Remember where a list stands (only writes when something changed)."""
    state = states.get(name)
    if state is None:
        states[name] = ListState.objects.create(
            endpoint=endpoint, name=name, url=url, next_url=next_url, complete=complete
        )
        return
    if (state.url, state.next_url, state.complete) == (url, next_url, complete):
        return
    state.url, state.next_url, state.complete = url, next_url, complete
    with transaction.atomic():
        state.save(update_fields=["url", "next_url", "complete"])
