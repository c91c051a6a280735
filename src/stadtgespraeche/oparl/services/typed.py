"""Raw store → typed tables, type by type in dependency order, in bulk.

Only raw objects marked `needs_import` are read. References are resolved through one
`{id URL: pk}` map per type; a reference to an object that was never delivered becomes a
placeholder row. An object that cannot be mapped is counted and skipped; it never stops
the others.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from typing import Any

from django.db import models, transaction

from ..mappers import MAPPERS, Context
from ..models import TYPED_MODELS, CouncilRecord, Endpoint, RawObject

logger = logging.getLogger(__name__)
BATCH_SIZE = 1000
_KEY_FIELDS = {"id", "endpoint", "oparl_id"}


def _writable_fields(model: type[CouncilRecord]) -> list[models.Field[Any, Any]]:
    return [
        field
        for field in model._meta.concrete_fields
        if field.name not in _KEY_FIELDS and not field.primary_key
    ]


class Resolver:
    """`{id URL: pk}` per type for one endpoint, loaded lazily, with placeholders."""

    def __init__(self, endpoint: Endpoint, stats: Counter[str]) -> None:
        self.endpoint = endpoint
        self.stats = stats
        self.maps: dict[str, dict[str, int]] = {}

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
) -> list[str]:
    """Write every raw object that needs import into its typed table; returns errors.

    `touched` collects the id URLs written, per type (the search index follows them).
    """
    resolver = Resolver(endpoint, stats)
    errors: list[str] = []
    touched = touched if touched is not None else defaultdict(set)
    for type_name, model in TYPED_MODELS.items():
        last_pk = 0
        while True:
            rows = list(
                RawObject.objects.filter(
                    endpoint=endpoint, object_type=type_name, needs_import=True, pk__gt=last_pk
                )
                .order_by("pk")
                .values_list("pk", "oparl_id", "data", "parent_id", "parent_field", "position")[
                    :BATCH_SIZE
                ]
            )
            if not rows:
                break
            last_pk = rows[-1][0]
            with transaction.atomic():
                _write_batch(endpoint, body_id, type_name, model, rows, resolver, stats, errors)
            touched.setdefault(type_name, set()).update(row[1] for row in rows)
        resolver.forget(type_name)
    return errors


def _write_batch(
    endpoint: Endpoint,
    body_id: str,
    type_name: str,
    model: type[CouncilRecord],
    rows: list[tuple[Any, ...]],
    resolver: Resolver,
    stats: Counter[str],
    errors: list[str],
) -> None:
    mapper = MAPPERS[type_name]
    fields = _writable_fields(model)
    limits = {f.name: f.max_length for f in fields if isinstance(f, models.CharField)}
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
    stats["typed_written"] += len(instances)
    stats[f"typed_{type_name}"] += len(instances)
    RawObject.objects.filter(pk__in=[row[0] for row in rows]).update(needs_import=False)
    stats["raw_written"] += len(rows)
