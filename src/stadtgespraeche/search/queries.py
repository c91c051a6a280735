"""Reads of the search index: ranked, permission-filtered results, facets, suggestions.

Visibility is part of every SQL statement (never filtered in Python afterwards), so totals,
facet counts and pages only ever count what the viewer may see.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import connection
from django.utils.safestring import SafeString

from stadtgespraeche.directory import privacy
from stadtgespraeche.directory.enums import Visibility

from . import query as query_module
from .backends import get_backend
from .enums import Kind, Level
from .query import ParsedQuery
from .snippets import highlight

PER_PAGE = 20
MAX_PAGE = 50
FACET_LIMIT = 10
SUGGESTION_LIMIT = 8

_LEVELS = {
    Visibility.PUBLIC: Level.PUBLIC,
    Visibility.NETWORK: Level.NETWORK,
    Visibility.ORGANISERS: Level.ORGANISERS,
}


def viewer_level(viewer: Any) -> int:
    return _LEVELS[privacy.viewer_level(viewer)]


@dataclass
class Filters:
    kind: str = ""
    municipality: int | None = None
    topic: int | None = None
    year: int | None = None


@dataclass
class Hit:
    id: int
    kind: str
    title: str
    url: str
    date: datetime | None
    snippet: SafeString
    title_html: SafeString

    @property
    def kind_label(self) -> str:
        return str(Kind(self.kind).label) if self.kind in Kind.values else self.kind


@dataclass
class Results:
    parsed: ParsedQuery
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    per_page: int = PER_PAGE
    facets: dict[str, list[tuple[Any, int]]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return min(MAX_PAGE, max(1, -(-self.total // self.per_page)))

    # The interface of a Django Page that core/ui/pagination.html uses.
    @property
    def number(self) -> int:
        return self.page

    @property
    def paginator(self) -> "Results":
        return self

    @property
    def num_pages(self) -> int:
        return self.pages

    def has_previous(self) -> bool:
        return self.page > 1

    def has_next(self) -> bool:
        return self.page < self.pages

    def has_other_pages(self) -> bool:
        return self.pages > 1

    def previous_page_number(self) -> int:
        return self.page - 1

    def next_page_number(self) -> int:
        return self.page + 1


def _visibility_sql(viewer: Any) -> tuple[str, list[object]]:
    level = viewer_level(viewer)
    user_id = getattr(viewer, "pk", None) if getattr(viewer, "is_authenticated", False) else None
    condition = "(d.min_level <= %s AND d.max_level >= %s)"
    params: list[object] = [level, level]
    if user_id is not None and getattr(viewer, "is_active", False):
        condition = (
            f"({condition} OR d.id IN "  # noqa: S608
            "(SELECT r.document_id FROM search_searchreader r WHERE r.user_id = %s))"
        )
        params.append(user_id)
    return condition, params


def _filter_sql(filters: Filters) -> tuple[str, list[object]]:
    conditions: list[str] = []
    params: list[object] = []
    if filters.kind:
        conditions.append("d.kind = %s")
        params.append(filters.kind)
    if filters.year:
        conditions.append("d.year = %s")
        params.append(filters.year)
    for kind, value in (("m", filters.municipality), ("t", filters.topic)):
        if value:
            conditions.append(
                "d.id IN (SELECT g.document_id FROM search_searchtag g"
                " WHERE g.kind = %s AND g.value = %s)"
            )
            params += [kind, value]
    return "".join(f" AND {condition}" for condition in conditions), params


def _base(parsed: ParsedQuery, viewer: Any, filters: Filters) -> tuple[str, str, list[object], str]:
    from_sql, match_sql, match_params, rank = get_backend().match(parsed)
    visible, visible_params = _visibility_sql(viewer)
    filter_sql, filter_params = _filter_sql(filters)
    where = f"{match_sql} AND {visible}{filter_sql}"
    return from_sql, where, [*match_params, *visible_params, *filter_params], rank


def ranked_ids(
    parsed: ParsedQuery, viewer: Any, filters: Filters, *, limit: int, offset: int = 0
) -> list[int]:
    """Ids of the visible matching documents, best first (ties: newest first)."""
    from_sql, where, params, rank = _base(parsed, viewer, filters)
    sql = (
        f"SELECT d.id FROM {from_sql} WHERE {where} "  # noqa: S608
        f"ORDER BY {rank}, d.date IS NULL, d.date DESC, d.id LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit, offset])
        return [row[0] for row in cursor.fetchall()]


def _count(parsed: ParsedQuery, viewer: Any, filters: Filters) -> int:
    from_sql, where, params, _ = _base(parsed, viewer, filters)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {from_sql} WHERE {where}", params)  # noqa: S608
        return int(cursor.fetchone()[0])


def _facets(parsed: ParsedQuery, viewer: Any, filters: Filters) -> dict[str, list[tuple[Any, int]]]:
    """Counts per type, year, municipality and topic of what the viewer may see. Each facet
    ignores its own filter (so the other choices stay visible) and applies the others."""
    facets: dict[str, list[tuple[Any, int]]] = {}
    with connection.cursor() as cursor:
        for name, column in (("kind", "d.kind"), ("year", "d.year")):
            others = Filters(**{**filters.__dict__, name: "" if name == "kind" else None})
            from_sql, where, params, _ = _base(parsed, viewer, others)
            cursor.execute(
                f"SELECT {column}, COUNT(*) FROM {from_sql} WHERE {where} AND {column} IS NOT NULL "  # noqa: S608
                f"GROUP BY {column} ORDER BY COUNT(*) DESC, {column} DESC",
                params,
            )
            facets[name] = [(value, count) for value, count in cursor.fetchall()]
        for name, tag in (("municipality", "m"), ("topic", "t")):
            others = Filters(**{**filters.__dict__, name: None})
            from_sql, where, params, _ = _base(parsed, viewer, others)
            cursor.execute(
                f"SELECT g.value, COUNT(*) FROM {from_sql} JOIN search_searchtag g "  # noqa: S608
                f"ON g.document_id = d.id WHERE {where} AND g.kind = %s "
                "GROUP BY g.value ORDER BY COUNT(*) DESC, g.value LIMIT %s",
                [*params, tag, FACET_LIMIT],
            )
            facets[name] = [(value, count) for value, count in cursor.fetchall()]
    return facets


def search(
    viewer: Any,
    text: str,
    *,
    filters: Filters | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
    with_facets: bool = True,
) -> Results:
    """One page of results for `text` as `viewer` may see them."""
    filters = filters or Filters()
    parsed = query_module.parse(text)
    page = min(max(1, page), MAX_PAGE)
    results = Results(parsed=parsed, page=page, per_page=per_page)
    if not parsed:
        return results
    ids = ranked_ids(parsed, viewer, filters, limit=per_page, offset=(page - 1) * per_page)
    results.total = _count(parsed, viewer, filters)
    if with_facets:
        results.facets = _facets(parsed, viewer, filters)
    results.hits = _hits(ids, parsed)
    return results


def _hits(ids: list[int], parsed: ParsedQuery) -> list[Hit]:
    from .models import SearchDocument

    documents = SearchDocument.objects.in_bulk(ids)
    hits = []
    for pk in ids:
        document = documents[pk]
        hits.append(
            Hit(
                id=pk,
                kind=document.kind,
                title=document.title,
                url=document.url,
                date=document.date,
                snippet=highlight(document.body, parsed),
                title_html=highlight(document.title, parsed, words=60),
            )
        )
    return hits


def suggest(viewer: Any, text: str, *, limit: int = SUGGESTION_LIMIT) -> list[Hit]:
    """Completions while typing: visible documents whose words start with the last word."""
    parsed = query_module.parse(text, prefix_last=True)
    if not parsed or len(text.strip()) < 2:
        return []
    ids = ranked_ids(parsed, viewer, Filters(), limit=limit)
    return _hits(ids, parsed)
