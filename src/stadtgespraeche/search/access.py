"""Who may see a document (SQL on its levels and readers) and filter tokens.

Visibility: a viewer of audience level L sees a document when `min_level <= L <=
max_level` or when they are one of its readers; the condition is part of every statement.
Filters: a document's filter values are indexed as tokens of the full-text table
(`k<kind>`, `y<year>`, `m<municipality id>`, `t<topic id>`, and for council documents
`b<endpoint id>`, `p<paper type code>`, `r<result code>`), so that the full-text engine
intersects a selective filter with the words itself.
"""

from typing import Any

from stadtgespraeche.people import privacy
from stadtgespraeche.people.enums import Visibility

from .backends.base import TagGroups
from .enums import Level

_LEVELS = {
    Visibility.PUBLIC: Level.PUBLIC,
    Visibility.NETWORK: Level.NETWORK,
    Visibility.ORGANISERS: Level.ORGANISERS,
}


def viewer_level(viewer: Any) -> int:
    return _LEVELS[privacy.viewer_level(viewer)]


def document_tokens(
    *,
    kind: str,
    year: int | None,
    municipality_ids: set[int],
    topic_ids: set[int],
    facet_values: dict[str, set[int]] | None = None,
) -> list[str]:
    tokens = [f"k{kind}"]
    if year:
        tokens.append(f"y{year}")
    tokens += [f"m{pk}" for pk in sorted(municipality_ids)]
    tokens += [f"t{pk}" for pk in sorted(topic_ids)]
    for tag_kind, values in sorted((facet_values or {}).items()):
        tokens += [f"{tag_kind}{value}" for value in sorted(values)]
    return tokens


def filter_groups(
    *,
    kind: str = "",
    year: int | None = None,
    municipality: int | None = None,
    topic: int | None = None,
    body: int | None = None,
    paper_type: int | None = None,
    result: int | None = None,
) -> TagGroups:
    """The token groups a query must match for the chosen filters."""
    groups = []
    if kind:
        groups.append([f"k{kind}"])
    if year:
        groups.append([f"y{year}"])
    for prefix, value in (
        ("m", municipality),
        ("t", topic),
        ("b", body),
        ("p", paper_type),
        ("r", result),
    ):
        if value:
            groups.append([f"{prefix}{value}"])
    return groups


def visibility_sql(viewer: Any) -> tuple[str, list[Any]]:
    """The SQL condition on `d` (search_searchdocument) for documents `viewer` may see."""
    level = viewer_level(viewer)
    condition = "(d.min_level <= %s AND d.max_level >= %s)"
    params: list[Any] = [level, level]
    if getattr(viewer, "is_authenticated", False) and getattr(viewer, "is_active", False):
        condition = (
            f"({condition} OR d.id IN "  # noqa: S608
            "(SELECT r.document_id FROM search_searchreader r WHERE r.user_id = %s))"
        )
        params.append(viewer.pk)
    return condition, params
