"""Reads of the search index: ranked, permission-filtered results, facets, suggestions.

Visibility is part of every SQL statement (never filtered in Python afterwards), so totals,
facet counts and pages only ever count what the viewer may see.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import connection
from django.utils.safestring import SafeString

from . import access
from . import query as query_module
from .backends import get_backend
from .backends.base import COUNT_LIMIT, TagGroups
from .enums import Kind
from .query import ParsedQuery
from .snippets import highlight

PER_PAGE = 20
MAX_PAGE = 50
FACET_LIMIT = 10
SUGGESTION_LIMIT = 8


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
    def total_is_lower_bound(self) -> bool:
        """More matches than were counted (the page says "more than …")."""
        return self.total > COUNT_LIMIT

    @property
    def shown_total(self) -> int:
        return min(self.total, COUNT_LIMIT)

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


def _groups(filters: Filters) -> TagGroups:
    return access.filter_groups(
        kind=filters.kind,
        year=filters.year,
        municipality=filters.municipality,
        topic=filters.topic,
    )


def prepare(parsed: ParsedQuery) -> ParsedQuery:
    """Mark very frequent words as whole-word only (see ParsedQuery.whole_word_terms)."""
    if not parsed.prepared:
        backend = get_backend()
        last = parsed.terms[-1] if parsed.prefix_last and parsed.terms else None
        parsed.whole_word_terms = {
            term
            for term in parsed.terms
            if term != last and query_module.matches_compound(term) and backend.is_frequent(term)
        }
        parsed.prepared = True
    return parsed


def ranked_ids(
    parsed: ParsedQuery, viewer: Any, filters: Filters, *, limit: int, offset: int = 0
) -> list[int]:
    """Ids of the visible matching documents, best first (ties: newest first)."""
    prepare(parsed)
    return get_backend().ranked_ids(
        parsed, _groups(filters), access.visibility_sql(viewer), limit=limit, offset=offset
    )


class _MatchSets:
    """The capped sets of visible matches of one search, by filter groups: the total and the
    facets whose filters coincide (all of them when no filter is chosen) share one set."""

    def __init__(self, parsed: ParsedQuery, viewer: Any) -> None:
        self.parsed = prepare(parsed)
        self.visible = access.visibility_sql(viewer)
        self._sets: dict[tuple[tuple[str, ...], ...], tuple[str, list[Any]]] = {}

    def sql(self, filters: Filters) -> tuple[str, list[Any]]:
        """A subquery of the `id`s of at most COUNT_LIMIT + 1 visible matches."""
        groups = _groups(filters)
        key = tuple(tuple(group) for group in groups)
        if key not in self._sets:
            self._sets[key] = get_backend().matches_sql(
                self.parsed, groups, self.visible, cap=COUNT_LIMIT + 1
            )
        return self._sets[key]


def _count(matches: _MatchSets, filters: Filters) -> int:
    """Visible matches, counted up to COUNT_LIMIT + 1 (shown as "more than …")."""
    subquery, params = matches.sql(filters)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({subquery}) m", params)  # noqa: S608
        return int(cursor.fetchone()[0])


# Facets read in pairs: two columns of the document row, two kinds of filter tag.
_DOCUMENT_FACETS = ("kind", "year")
_TAG_FACETS = {"municipality": "m", "topic": "t"}


def _without(filters: Filters, name: str) -> Filters:
    return Filters(**{**filters.__dict__, name: "" if name == "kind" else None})


def _facets(matches: _MatchSets, filters: Filters) -> dict[str, list[tuple[Any, int]]]:
    """Counts per type, year, municipality and topic of what the viewer may see (over at
    most COUNT_LIMIT matches). Each facet ignores its own filter (so the other choices stay
    visible) and applies the others. Two facets over the same set of matches are counted in
    one statement (with no filter chosen: two statements for all four)."""
    facets: dict[str, list[tuple[Any, int]]] = {}
    for names, count in ((_DOCUMENT_FACETS, _document_facets), (tuple(_TAG_FACETS), _tag_facets)):
        sets = [matches.sql(_without(filters, name)) for name in names]
        if sets[0] == sets[1]:
            facets.update(count(sets[0], names))
        else:
            for name, matched in zip(names, sets, strict=True):
                facets.update(count(matched, (name,)))
    return facets


def _capped(matched: tuple[str, list[Any]]) -> str:
    return f"SELECT id FROM ({matched[0]}) s LIMIT {COUNT_LIMIT}"  # noqa: S608


def _document_facets(
    matched: tuple[str, list[Any]], names: tuple[str, ...]
) -> dict[str, list[tuple[Any, int]]]:
    """Per type and/or year: (value, count), most frequent first (ties: higher value). One
    statement counts the few (type, year) pairs; the facets are their sums."""
    columns = ", ".join(f"d.{name}" for name in names)
    totals: dict[str, dict[Any, int]] = {name: {} for name in names}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns}, COUNT(*) FROM ({_capped(matched)}) c "  # noqa: S608
            f"JOIN search_searchdocument d ON d.id = c.id GROUP BY {columns}",
            matched[1],
        )
        for *values, count in cursor.fetchall():
            for name, value in zip(names, values, strict=True):
                if value is not None:
                    totals[name][value] = totals[name].get(value, 0) + count
    return {
        name: sorted(counts.items(), key=lambda entry: (entry[1], entry[0]), reverse=True)
        for name, counts in totals.items()
    }


def _tag_facets(
    matched: tuple[str, list[Any]], names: tuple[str, ...]
) -> dict[str, list[tuple[Any, int]]]:
    """Per municipality and/or topic: the FACET_LIMIT most frequent (value, count), ties by
    the smaller id."""
    kinds = {_TAG_FACETS[name]: name for name in names}
    placeholders = ", ".join(["%s"] * len(kinds))
    facets: dict[str, list[tuple[Any, int]]] = {name: [] for name in names}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT kind, value, n FROM (SELECT g.kind, g.value, COUNT(*) AS n, "  # noqa: S608
            "ROW_NUMBER() OVER (PARTITION BY g.kind ORDER BY COUNT(*) DESC, g.value) AS place "
            f"FROM ({_capped(matched)}) c JOIN search_searchtag g ON g.document_id = c.id "
            f"WHERE g.kind IN ({placeholders}) GROUP BY g.kind, g.value) x "
            "WHERE place <= %s ORDER BY kind, place",
            [*matched[1], *kinds, FACET_LIMIT],
        )
        for kind, value, count in cursor.fetchall():
            facets[kinds[kind]].append((value, count))
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
    matches = _MatchSets(parsed, viewer)
    results.total = _count(matches, filters)
    if with_facets:
        results.facets = _facets(matches, filters)
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
