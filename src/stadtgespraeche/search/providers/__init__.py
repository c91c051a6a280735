"""The registry of search providers: which models are findable and how.

A provider turns one object into 0..n `Document`s (0: not findable, e.g. a draft that only
its readers may see is still one document with `readers`; an unpublished item is none) and
lists all its objects for `reindex`. Domain apps cannot import `search`, so providers live
here, one small module per app; adding a content type is:

    # search/providers/knowledge.py
    from . import Document, Provider, register

    class PracticeProvider(Provider):
        model_label = "knowledge.practice"
        kind = Kind.PRACTICE
        def queryset(self): return Practice.objects.select_related(...)
        def documents(self, practice): return [Document(...)] if published else []

    register(PracticeProvider())

and importing the module in `load_providers()` below. Changes of dependent objects (an
agenda item changes its event's document) are mapped with `register_dependent`.
"""

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Model, QuerySet

from ..enums import Level


@dataclass
class Document:
    """One findable text as a provider produces it."""

    title: str
    url: str
    kind: str
    body: str = ""
    variant: str = ""
    date: datetime | None = None
    min_level: int = Level.PUBLIC
    max_level: int = Level.ORGANISERS
    municipality_ids: set[int] = field(default_factory=set)
    topic_ids: set[int] = field(default_factory=set)
    readers: set[int] = field(default_factory=set)
    # Further filter values by tag kind (enums.TagKind: council body, paper type, result).
    facet_values: dict[str, set[int]] = field(default_factory=dict)


class Provider:
    """Base class: subclasses set `model_label` and `kind` and implement the two methods."""

    model_label: str = ""
    kind: str = ""

    def queryset(self) -> QuerySet[Any]:
        raise NotImplementedError

    def documents(self, obj: Any) -> list[Document]:
        raise NotImplementedError

    def get(self, pk: int) -> Model | None:
        return self.queryset().filter(pk=pk).first()

    def documents_for_many(self, objects: Iterable[Any]) -> Iterable[tuple[Any, list[Document]]]:
        for obj in objects:
            yield obj, self.documents(obj)


_providers: dict[str, Provider] = {}
# label of a dependent model → function(pk) returning (label, pk) of the objects to update.
_dependents: dict[str, Callable[[int], list[tuple[str, int]]]] = {}

PROVIDER_MODULES = [
    "municipalities",
    "people",
    "topics",
    "events",
    "wishes",
    "knowledge",
    "discussions",
    "oparl",
]


def register(provider: Provider) -> None:
    _providers[provider.model_label] = provider


def register_dependent(label: str, resolve: Callable[[int], list[tuple[str, int]]]) -> None:
    _dependents[label] = resolve


def provider_for(label: str) -> Provider | None:
    return _providers.get(label)


def dependents_of(label: str, pk: int) -> list[tuple[str, int]]:
    resolve = _dependents.get(label)
    return resolve(pk) if resolve else []


def all_providers() -> list[Provider]:
    return list(_providers.values())


def load_providers() -> None:
    """Import every provider module (called from SearchConfig.ready())."""
    for name in PROVIDER_MODULES:
        importlib.import_module(f"{__name__}.{name}")
