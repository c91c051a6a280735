"""Full crawls: objects gone from a completely crawled list are soft-deleted, unless the list
shrank suspiciously (the shrink guard).

OParl 1.0 servers (and Sternberg's in general) drop objects from their lists without a
tombstone, and embedded objects may vanish with their parent; only a full crawl shows it.
After a full run, for every main list that was crawled from its first page to its end
without an error, the stored live top-level objects of the list's type that the crawl did not
return are marked deleted (raw and typed rows, with everything embedded in them; the data is
kept, and an object that reappears is imported again as live). Objects fetched by their id
(`references.FETCHED`) were never in a list and are left alone.

The shrink guard: when a list had more than `OPARL_SHRINK_MIN_OBJECTS` live objects and the
crawl returned fewer than `OPARL_SHRINK_PERCENT` % of them, a half-broken server or a
changed filter is likelier than a mass deletion, so nothing of that list is deleted and the
run records a warning (`SyncRun.warnings`, one line `shrink <list> <stored> <returned>`),
shown on the coverage page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from ..models import TYPED_MODELS, Endpoint, RawObject
from .references import FETCHED

CHUNK = 1000
MAX_DEPTH = 4  # embedded levels below a top-level object (Meeting → AgendaItem → File …)


@dataclass
class ListCrawl:
    """What a full crawl saw of one list: every top-level id, and how many were live."""

    type_name: str
    ids: set[str] = field(default_factory=set)
    live: int = 0
    complete: bool = False  # crawled from the first page to the end without an error


def shrink_warning(name: str, stored: int, returned: int) -> str:
    return f"shrink {name} {stored} {returned}"


def reconcile(
    endpoint: Endpoint,
    crawls: dict[str, ListCrawl],
    stats: Counter[str],
    warnings: list[str],
    touched: dict[str, set[str]],
) -> None:
    """Soft-delete what the complete lists of a full crawl no longer hold (see above)."""
    minimum = settings.OPARL_SHRINK_MIN_OBJECTS
    percent = settings.OPARL_SHRINK_PERCENT
    for name, crawl in crawls.items():
        if not crawl.complete:
            continue
        stored = set(
            RawObject.objects.filter(
                endpoint=endpoint, object_type=crawl.type_name, parent_id="", deleted=False
            )
            .exclude(parent_field=FETCHED)
            .values_list("oparl_id", flat=True)
        )
        gone = stored - crawl.ids
        if not gone:
            continue
        if len(stored) > minimum and crawl.live * 100 < percent * len(stored):
            warnings.append(shrink_warning(name, len(stored), crawl.live))
            stats["shrink_guard"] += 1
            continue
        _soft_delete(endpoint, crawl.type_name, sorted(gone), stats, touched)


def _soft_delete(
    endpoint: Endpoint,
    type_name: str,
    ids: list[str],
    stats: Counter[str],
    touched: dict[str, set[str]],
) -> None:
    by_type: dict[str, set[str]] = {type_name: set(ids)}
    level = ids
    for _depth in range(MAX_DEPTH):
        children: list[str] = []
        for start in range(0, len(level), CHUNK):
            for oparl_id, child_type in RawObject.objects.filter(
                endpoint=endpoint, parent_id__in=level[start : start + CHUNK], deleted=False
            ).values_list("oparl_id", "object_type"):
                by_type.setdefault(child_type, set()).add(oparl_id)
                children.append(oparl_id)
        if not children:
            break
        level = children
    with transaction.atomic():
        for kind, kind_ids in by_type.items():
            ordered = sorted(kind_ids)
            for start in range(0, len(ordered), CHUNK):
                chunk = ordered[start : start + CHUNK]
                # An empty digest: the object is written (and imported as live) again
                # should it reappear unchanged.
                RawObject.objects.filter(endpoint=endpoint, oparl_id__in=chunk).update(
                    deleted=True, digest="", needs_import=False
                )
                model = TYPED_MODELS.get(kind)
                if model is not None:
                    model._default_manager.filter(endpoint=endpoint, oparl_id__in=chunk).update(
                        deleted=True
                    )
            touched.setdefault(kind, set()).update(kind_ids)
    stats["gone_from_list"] += len(ids)
