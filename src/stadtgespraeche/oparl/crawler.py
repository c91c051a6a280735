"""Walking an OParl list and flattening its objects (no database here).

`crawl_list` follows `links.next` page by page (re-appending a lost `modified_since`,
stopping at loops); `flatten` splits embedded objects out of their parent, replaces them by
their id URL and records parent, field and position, so every object is stored once under
its own id.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .client import Fetcher, FetchError
from .loaders import BaseLoader

# Field name → the type of the objects embedded there.
EMBEDDED_TYPES = {
    "location": "Location",
    "locationObject": "Location",
    "membership": "Membership",
    "agendaItem": "AgendaItem",
    "consultation": "Consultation",
    "legislativeTerm": "LegislativeTerm",
    "mainFile": "File",
    "auxiliaryFile": "File",
    "invitation": "File",
    "resultsProtocol": "File",
    "verbatimProtocol": "File",
    "resolutionFile": "File",
    "derivativeFile": "File",
    "image": "File",
}
# (parent type, child type) → the child's field that points back to the parent; embedded
# objects may omit it (OParl 1.0), so it is filled in.
BACK_REFERENCES = {
    ("Person", "Membership"): "person",
    ("Meeting", "AgendaItem"): "meeting",
    ("Paper", "Consultation"): "paper",
    ("Body", "LegislativeTerm"): "body",
}
MAX_PAGES = 100_000


@dataclass(frozen=True)
class Flat:
    oparl_id: str
    object_type: str
    data: dict[str, Any]
    parent_id: str = ""
    parent_field: str = ""
    position: int | None = None

    @property
    def deleted(self) -> bool:
        return self.data.get("deleted") is True


@dataclass(frozen=True)
class Page:
    url: str
    elements: list[Any]
    next_url: str | None
    total_pages: int | None = None  # from `pagination.totalPages`, if the server says


def flatten(value: Any, loader: BaseLoader, expected_type: str | None = None) -> list[Flat]:
    """The object and everything embedded in it, each as its own `Flat`; [] if unusable."""
    root = loader.object(value, expected_type)
    if root is None:
        return []
    result: list[Flat] = []
    stack: list[tuple[dict[str, Any], str, str, int | None]] = [(root, "", "", None)]
    while stack:
        obj, parent_id, parent_field, position = stack.pop()
        for key, item in list(obj.items()):
            child_type = EMBEDDED_TYPES.get(key)
            if child_type is None:
                continue
            if isinstance(item, dict):
                items, single = [item], True
            elif isinstance(item, list):
                items, single = item, False
            else:
                continue
            ids: list[Any] = []
            for index, element in enumerate(items):
                if not isinstance(element, dict):
                    ids.append(element)
                    continue
                child = loader.object(element, child_type)
                if child is None:
                    continue
                back = BACK_REFERENCES.get((obj["type"], child["type"]))
                if back and back not in child:
                    child[back] = obj["id"]
                ids.append(child["id"])
                stack.append((child, obj["id"], key, None if single else index))
            obj[key] = ids[0] if single and ids else ids
        result.append(Flat(obj["id"], obj["type"], obj, parent_id, parent_field, position))
    return result


def _total_pages(data: Any) -> int | None:
    pagination = data.get("pagination") if isinstance(data, dict) else None
    total = pagination.get("totalPages") if isinstance(pagination, dict) else None
    return total if isinstance(total, int) and not isinstance(total, bool) and total > 0 else None


def crawl_list(
    fetcher: Fetcher,
    loader: BaseLoader,
    url: str,
    *,
    modified_since: str | None = None,
    start_url: str | None = None,
) -> Iterator[Page]:
    """The pages of an external list, from `start_url` (a resume point) or the first page."""
    if start_url:
        next_url: str | None = start_url
    elif modified_since:
        next_url = loader.with_query(url, "modified_since", modified_since)
    else:
        next_url = url
    seen: set[str] = set()
    while next_url:
        if next_url in seen or len(seen) >= MAX_PAGES:
            loader.fixes["pagination_loop"] += 1
            return
        seen.add(next_url)
        response = fetcher.get(next_url)
        if response.status >= 400:
            if loader.is_empty_list_response(response.status, response.content):
                yield Page(next_url, [], None)
                return
            raise FetchError(next_url, f"HTTP {response.status}", response.status)
        data = loader.parse(response.content)
        elements, following = loader.list_page(data)
        if following and modified_since and "modified_since" not in following:
            loader.fixes["filter_lost_on_next"] += 1
            following = loader.with_query(following, "modified_since", modified_since)
        yield Page(next_url, elements, following, _total_pages(data))
        next_url = following
