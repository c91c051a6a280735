"""The content generation: one number that every write to public content changes.

The anonymous response cache (`core/response_cache.py`) and the fragment caches
(`core/templatetags/fragments.py`) keep what they store under the generation current when
they read the data; a write makes everything stored before it stale at once.

The hook is the database connection itself (an execute wrapper installed on every new
connection, `install`): every INSERT, UPDATE, DELETE or schema change goes through it,
whoever issues it — services, bulk writes of imports and tasks (`bulk_create`, `update()`),
the admin, raw SQL, loaders of the demo and the benchmarks. Services, audit entries or
model signals would each miss some of these. Writes to tables that hold no public content
and are written while pages are read (sessions, the cache table, the task queue, the audit
log, periodic-job runs, notifications) are ignored (`IGNORED_TABLES`, plus the setting
`CONTENT_GENERATION_IGNORED_TABLES`).

The generation is the modification time (ns) of one file in DATA_DIR
(`CONTENT_GENERATION_FILE`): one `stat()` per request tells every worker process on the
machine whether anything changed. A write outside a transaction bumps it at once; inside a
transaction, after the commit (a bump before the commit would let another process cache the
old data under the new generation), and the writing process counts the write at once.
Several app servers must share the file's
directory (docs/operations.md). Each process also counts its own bumps, so a failing file
still invalidates the process that wrote.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

logger = logging.getLogger(__name__)

IGNORED_TABLES = frozenset(
    {
        "django_session",
        "django_tasks_database_dbtaskresult",
        "core_auditlog",
        "core_periodicjobrun",
        "notifications_notification",
        "notifications_digestdelivery",
        "search_reindexprogress",
        "oparl_syncrun",
        "oparl_liststate",
        "oparl_rawobject",
    }
)
_WRITE = re.compile(
    r"\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM|REPLACE\s+INTO"
    r"|TRUNCATE(?:\s+TABLE)?|MERGE\s+INTO)\s+[\"`\[]?(\w+)",
    re.IGNORECASE,
)
_OTHER_WRITE = re.compile(r"\s*(?:CREATE|ALTER|DROP|WITH|TRUNCATE|MERGE)\b", re.IGNORECASE)
_local_bumps = 0


def _path() -> Path:
    return Path(settings.CONTENT_GENERATION_FILE)


def current() -> tuple[int, int]:
    """The generation: the file's mtime in ns (0 before the first write) and own bumps."""
    try:
        mtime = os.stat(_path()).st_mtime_ns
    except OSError:
        mtime = 0
    return mtime, _local_bumps


def bump() -> None:
    """Make everything cached so far stale, in every process on this machine."""
    global _local_bumps
    _local_bumps += 1
    path = _path()
    try:
        try:
            last = os.stat(path).st_mtime_ns
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch()
            last = 0
        # Never the same value twice: coarse file-system clocks could repeat one.
        value = max(time.time_ns(), last + 1)
        os.utime(path, ns=(value, value))
    except OSError:
        logger.exception("content generation file %s could not be updated", path)


def _ignored() -> frozenset[str]:
    extra = getattr(settings, "CONTENT_GENERATION_IGNORED_TABLES", ())
    cache_tables = {
        str(cache["LOCATION"])
        for cache in settings.CACHES.values()
        if cache.get("BACKEND", "").endswith("DatabaseCache")
    }
    return IGNORED_TABLES | frozenset(extra) | cache_tables


def changes_content(sql: str) -> bool:
    """Whether a statement may change public content (conservative: unknown writes do)."""
    if sql.startswith("SELECT"):
        return False
    match = _WRITE.match(sql)
    if match:
        return match.group(1).lower() not in _ignored()
    return bool(_OTHER_WRITE.match(sql))


def _wrapper(execute: Any, sql: str, params: Any, many: bool, context: dict[str, Any]) -> Any:
    global _local_bumps
    result = execute(sql, params, many, context)
    if not isinstance(sql, str) or not changes_content(sql):
        return result
    connection = context["connection"]
    if not connection.in_atomic_block:
        bump()
        return result
    # Inside a transaction: this process at once (it may read its own writes, and tests run
    # inside a transaction that never commits), every process after the commit (once per
    # transaction: the list of commit hooks is a new one after a commit or a rollback).
    _local_bumps += 1
    hooks = connection.run_on_commit
    if getattr(connection, "_content_generation_hooks", None) is not hooks:
        connection._content_generation_hooks = hooks
        transaction.on_commit(bump, using=connection.alias)
    return result


def install(
    sender: Any = None, connection: BaseDatabaseWrapper | None = None, **kwargs: Any
) -> None:
    """Receiver of `connection_created`: watch the new connection's writes."""
    if connection is not None and _wrapper not in connection.execute_wrappers:
        connection.execute_wrappers.append(_wrapper)


_MISSING = object()


def memo[T](instance: Any, name: str, key: Any, compute: Callable[[], T]) -> T:
    """`compute()` once per instance and key until the next write (of any process).

    For the reads that several parts of one page need (the viewer's registration for the
    event on the event page): kept on the instance the page loaded, so a new request asks
    again, and forgotten when anything was written since, so a service that writes and then
    renders with the same instance never sees its own stale answer.
    """
    stamp = current()
    memos: dict[Any, tuple[tuple[int, int], Any]] | None = getattr(instance, name, None)
    if memos is None:
        memos = {}
        setattr(instance, name, memos)
    hit = memos.get(key, _MISSING)
    if hit is not _MISSING and hit[0] == stamp:  # type: ignore[index]
        return hit[1]  # type: ignore[index,no-any-return]
    value = compute()
    memos[key] = (stamp, value)
    return value
