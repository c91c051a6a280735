"""Referenced objects that no list delivered: fetched by their id URL before a placeholder.

OParl servers often reference objects that are missing from every list (OPARL.md 3.4: the
validator's `ObjectNotInList`; Wuppertal's organisations, Sternberg's person locations). The
typed import (`services.typed`) asks for them once per run; each is fetched with the run's
`Fetcher` (timeout, retries with back-off, the per-host limit), repaired by the vendor
loader and stored in the raw store with what it embeds. An object that cannot be fetched,
parsed, is of another type or answers with another id is left to the placeholder.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter

from ..client import Fetcher, FetchError
from ..crawler import flatten
from ..loaders import BaseLoader, ParseError
from .store import RawStore

logger = logging.getLogger(__name__)

FETCHED = "fetched"
"""`RawObject.parent_field` of an object fetched by its id (it is in no list, so a full
crawl's reconciliation never counts it as missing from one)."""


class ReferenceFetcher:
    """Fetch referenced objects into the raw store (`fetch`, the `FetchMissing` of
    services.typed)."""

    def __init__(
        self,
        fetcher: Fetcher,
        loader: BaseLoader,
        store: RawStore,
        stats: Counter[str],
        errors: list[str],
    ) -> None:
        self.fetcher = fetcher
        self.loader = loader
        self.store = store
        self.stats = stats
        self.errors = errors

    def fetch(self, missing: dict[str, set[str]]) -> set[str]:
        stored: set[str] = set()
        for type_name, ids in sorted(missing.items()):
            for oparl_id in sorted(ids):
                stored |= self._one(type_name, oparl_id)
        self.store.flush()
        return stored

    def _one(self, type_name: str, oparl_id: str) -> set[str]:
        self.stats["reference_requests"] += 1
        try:
            response = self.fetcher.get(oparl_id)
            if response.status >= 400:
                raise FetchError(oparl_id, f"HTTP {response.status}", response.status)
            data = self.loader.parse(response.content)
            obj = self.loader.object(data, type_name)
            if obj is None or obj.get("type") != type_name or obj.get("id") != oparl_id:
                raise ParseError(f"{oparl_id}: not the {type_name} it should be")
            flats = flatten(obj, self.loader, type_name)
        except (FetchError, ParseError) as error:
            self.stats["reference_fetch_failed"] += 1
            logger.info("Referenced OParl object not retrievable: %s", error)
            return set()
        except Exception as error:  # a broken object never stops the import
            self.stats["reference_fetch_failed"] += 1
            self.errors.append(f"{oparl_id}: {type(error).__name__}: {error}")
            return set()
        for flat in flats:
            if flat.oparl_id == oparl_id:
                flat = dataclasses.replace(flat, parent_field=FETCHED)
            self.store.add(flat)
        return {flat.oparl_id for flat in flats}
