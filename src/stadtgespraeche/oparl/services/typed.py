"""Raw store → typed tables, type by type in dependency order, in bulk.

Only raw objects marked `needs_import` are read. References are resolved through one
`{id URL: pk}` map per type. A reference to an object that was never delivered is first
fetched by its id URL, once per run (`fetch`, given by the importer: its `Fetcher` with
retries and the per-host limit; the object and what it embeds go into the raw store and are
imported at once); only if that fails it becomes a placeholder row. References point to
types earlier in the dependency order, so a fetched object is always of a type already
imported. An object that cannot be mapped is counted and skipped; it never stops the others.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from django.db import models, transaction

from ..mappers import MAPPERS, Context
from ..models import TYPED_MODELS, CouncilRecord, Endpoint, RawObject

logger = logging.getLogger(__name__)
BATCH_SIZE = 1000
_KEY_FIELDS = {"id", "endpoint", "oparl_id"}
_ORDER = list(TYPED_MODELS)
# Fetches referenced objects by their id URLs ({type: ids}) into the raw store; returns the
# id URLs of every object it stored (the fetched ones and what they embed).
FetchMissing = Callable[[dict[str, set[str]]], set[str]]
Row = tuple[Any, ...]


def _writable_fields(model: type[CouncilRecord]) -> list[models.Field[Any, Any]]:
    return [
        field
        for field in model._meta.concrete_fields
        if field.name not in _KEY_FIELDS and not field.primary_key
    ]


class Resolver:
    """`{id URL: pk}` per type for one endpoint, loaded lazily, with placeholders."""

    def __init__(
        self, endpoint: Endpoint, stats: Counter[str], fetch: FetchMissing | None = None
    ) -> None:
        self.endpoint = endpoint
        self.stats = stats
        self.maps: dict[str, dict[str, int]] = {}
        self.fetch = fetch
        self.attempted: set[str] = set()  # id URLs fetched (or tried) in this run

    def missing(self, wanted: dict[str, set[str]]) -> dict[str, set[str]]:
        """The referenced ids without a row that were not fetched yet in this run."""
        result: dict[str, set[str]] = {}
        for type_name, ids in wanted.items():
            known = self.map(type_name)
            new = {i for i in ids if i not in known and i not in self.attempted}
            if new:
                result[type_name] = new
        return result

    def learn(self, type_name: str, ids: list[str]) -> None:
        """Add newly written rows to a loaded map (objects fetched during the import)."""
        if type_name in self.maps and ids:
            model = TYPED_MODELS[type_name]
            for start in range(0, len(ids), BATCH_SIZE):
                self.maps[type_name].update(
                    model._default_manager.filter(
                        endpoint=self.endpoint, oparl_id__in=ids[start : start + BATCH_SIZE]
                    ).values_list("oparl_id", "pk")
                )

    def map(self, type_name: str) -> dict[str, int]:
        if type_name not in self.maps:
            model = TYPED_MODELS[type_name]
            self.maps[type_name] = dict(
                model._default_manager.filter(endpoint=self.endpoint).values_list("oparl_id", "pk")
            )
        return self.maps[type_name]

    def forget(self, type_name: str) -> None:
        self.maps.pop(type_name, None)

    def ensure(self, wanted: dict[str, set[str]]) -> None:
        """Create placeholder rows for referenced ids that have no row yet."""
        for type_name, ids in wanted.items():
            known = self.map(type_name)
            missing = sorted(oparl_id for oparl_id in ids if oparl_id not in known)
            if not missing:
                continue
            model = TYPED_MODELS[type_name]
            model._default_manager.bulk_create(
                [model(endpoint=self.endpoint, oparl_id=i, is_placeholder=True) for i in missing],
                ignore_conflicts=True,
                batch_size=BATCH_SIZE,
            )
            self.stats[f"placeholder_{type_name}"] += len(missing)
            self.stats["typed_written"] += len(missing)
            known.update(
                model._default_manager.filter(
                    endpoint=self.endpoint, oparl_id__in=missing
                ).values_list("oparl_id", "pk")
            )


def import_pending(
    endpoint: Endpoint,
    body_id: str,
    stats: Counter[str],
    touched: dict[str, set[str]] | None = None,
    *,
    fetch: FetchMissing | None = None,
) -> list[str]:
    """Write every raw object that needs import into its typed table; returns errors.

    `touched` collects the id URLs written, per type (the search index follows them);
    `fetch` fetches referenced objects that no list delivered (without it they become
    placeholders at once).
    """
    resolver = Resolver(endpoint, stats, fetch)
    errors: list[str] = []
    touched = touched if touched is not None else defaultdict(set)
    for type_name in TYPED_MODELS:
        last_pk = 0
        while True:
            rows = _pending(endpoint, type_name, last_pk=last_pk)
            if not rows:
                break
            last_pk = rows[-1][0]
            _import_rows(endpoint, body_id, type_name, rows, resolver, stats, errors, touched)
        resolver.forget(type_name)
    return errors


def _pending(
    endpoint: Endpoint, type_name: str, *, last_pk: int = 0, ids: list[str] | None = None
) -> list[Row]:
    raw = RawObject.objects.filter(
        endpoint=endpoint, object_type=type_name, needs_import=True, pk__gt=last_pk
    )
    if ids is not None:
        raw = raw.filter(oparl_id__in=ids)
    return list(
        raw.order_by("pk").values_list(
            "pk", "oparl_id", "data", "parent_id", "parent_field", "position"
        )[:BATCH_SIZE]
    )


def _import_rows(
    endpoint: Endpoint,
    body_id: str,
    type_name: str,
    rows: list[Row],
    resolver: Resolver,
    stats: Counter[str],
    errors: list[str],
    touched: dict[str, set[str]],
) -> None:
    """Map a batch, fetch what it references and no list delivered (outside any
    transaction: requests may take long), then write it in one transaction."""
    mapped, wanted = _map_batch(type_name, TYPED_MODELS[type_name], body_id, rows, stats, errors)
    if resolver.fetch is not None:
        _fetch_missing(endpoint, body_id, type_name, wanted, resolver, stats, errors, touched)
    with transaction.atomic():
        _write_batch(endpoint, type_name, mapped, wanted, rows, resolver, stats)
    touched.setdefault(type_name, set()).update(row[1] for row in rows)


def _fetch_missing(
    endpoint: Endpoint,
    body_id: str,
    type_name: str,
    wanted: dict[str, set[str]],
    resolver: Resolver,
    stats: Counter[str],
    errors: list[str],
    touched: dict[str, set[str]],
) -> None:
    """Fetch the referenced objects without a row (each once per run) and import those of
    the types before `type_name` (what they embed of later types waits for its turn)."""
    missing = resolver.missing(wanted)
    if not missing or resolver.fetch is None:
        return
    for ids in missing.values():
        resolver.attempted.update(ids)
    stored = sorted(resolver.fetch(missing))
    stats["references_fetched"] += len({i for ids in missing.values() for i in ids} & set(stored))
    if not stored:
        return
    for earlier in _ORDER[: _ORDER.index(type_name)]:
        for start in range(0, len(stored), BATCH_SIZE):
            chunk = stored[start : start + BATCH_SIZE]
            rows = _pending(endpoint, earlier, ids=chunk)
            if rows:
                _import_rows(endpoint, body_id, earlier, rows, resolver, stats, errors, touched)


def _map_batch(
    type_name: str,
    model: type[CouncilRecord],
    body_id: str,
    rows: list[Row],
    stats: Counter[str],
    errors: list[str],
) -> tuple[list[tuple[str, dict[str, Any], dict[str, tuple[str, str]]]], dict[str, set[str]]]:
    mapper = MAPPERS[type_name]
    limits = {
        f.name: f.max_length for f in _writable_fields(model) if isinstance(f, models.CharField)
    }
    mapped: list[tuple[str, dict[str, Any], dict[str, tuple[str, str]]]] = []
    wanted: dict[str, set[str]] = defaultdict(set)
    for _pk, oparl_id, data, parent_id, parent_field, position in rows:
        try:
            if not isinstance(data, dict):
                raise TypeError("raw data is not an object")
            deleted = data.get("deleted") is True
            values, refs = mapper(data, Context(body_id, parent_id, parent_field, position))
            values["deleted"] = deleted
        except Exception as error:  # one broken object never stops the others
            stats["map_errors"] += 1
            errors.append(f"{oparl_id}: {error}")
            logger.warning("OParl object %s not imported: %s", oparl_id, error)
            continue
        for name, limit in limits.items():
            value = values.get(name)
            if isinstance(value, str) and limit and len(value) > limit:
                values[name] = value[:limit]
        mapped.append((oparl_id, values, refs))
        for target_type, target_id in refs.values():
            wanted[target_type].add(target_id)
    return mapped, wanted


def _write_batch(
    endpoint: Endpoint,
    type_name: str,
    mapped: list[tuple[str, dict[str, Any], dict[str, tuple[str, str]]]],
    wanted: dict[str, set[str]],
    rows: list[Row],
    resolver: Resolver,
    stats: Counter[str],
) -> None:
    model = TYPED_MODELS[type_name]
    fields = _writable_fields(model)
    resolver.ensure(wanted)
    instances = []
    for oparl_id, values, refs in mapped:
        for field, (target_type, target_id) in refs.items():
            values[f"{field}_id"] = resolver.map(target_type).get(target_id)
        instances.append(model(endpoint=endpoint, oparl_id=oparl_id, **values))
    if instances:
        model._default_manager.bulk_create(
            instances,
            batch_size=BATCH_SIZE,
            update_conflicts=True,
            unique_fields=["endpoint", "oparl_id"],
            update_fields=[f.name for f in fields],
        )
        resolver.learn(type_name, [instance.oparl_id for instance in instances])
    stats["typed_written"] += len(instances)
    stats[f"typed_{type_name}"] += len(instances)
    RawObject.objects.filter(pk__in=[row[0] for row in rows]).update(needs_import=False)
    stats["raw_written"] += len(rows)
