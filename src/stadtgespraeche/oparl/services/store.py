"""The raw-object store: write what changed, in bulk, and nothing else."""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from django.utils import timezone

from ..crawler import Flat
from ..models import TYPED_MODELS, Endpoint, RawObject

BATCH_SIZE = 500
_UPDATE_FIELDS = [
    "object_type",
    "data",
    "digest",
    "parent_id",
    "parent_field",
    "position",
    "deleted",
    "needs_import",
    "fetched_at",
]


def digest(flat: Flat) -> str:
    """A stable fingerprint of an object and its place (parent, field, position)."""
    payload = json.dumps(
        [flat.data, flat.parent_id, flat.parent_field, flat.position],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.md5(payload.encode(), usedforsecurity=False).hexdigest()


class RawStore:
    """Buffers new and changed objects of one run and writes them in bulk upserts.

    Unchanged objects (same digest as stored) are skipped, so a run over unchanged data
    writes no rows. The first occurrence of an id within a run wins.
    """

    def __init__(self, endpoint: Endpoint, stats: Counter[str]) -> None:
        self.endpoint = endpoint
        self.stats = stats
        self.digests: dict[str, str] = dict(
            RawObject.objects.filter(endpoint=endpoint).values_list("oparl_id", "digest")
        )
        self.seen: set[str] = set()
        self.pending: list[RawObject] = []

    def add(self, flat: Flat) -> None:
        if flat.oparl_id in self.seen:
            self.stats["duplicate_in_run"] += 1
            return
        self.seen.add(flat.oparl_id)
        self.stats["objects_seen"] += 1
        fingerprint = digest(flat)
        if self.digests.get(flat.oparl_id) == fingerprint:
            return
        self.digests[flat.oparl_id] = fingerprint
        self.pending.append(
            RawObject(
                endpoint=self.endpoint,
                oparl_id=flat.oparl_id,
                object_type=flat.object_type,
                data=flat.data,
                digest=fingerprint,
                parent_id=flat.parent_id,
                parent_field=flat.parent_field,
                position=flat.position,
                deleted=flat.deleted,
                needs_import=flat.object_type in TYPED_MODELS,
                fetched_at=timezone.now(),
            )
        )
        if len(self.pending) >= BATCH_SIZE:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        RawObject.objects.bulk_create(
            self.pending,
            batch_size=BATCH_SIZE,
            update_conflicts=True,
            unique_fields=["endpoint", "oparl_id"],
            update_fields=_UPDATE_FIELDS,
        )
        self.stats["raw_written"] += len(self.pending)
        self.pending = []
