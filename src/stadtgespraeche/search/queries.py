"""Reads of the search index: ranked, permission-filtered results, facets, suggestions.

Visibility is part of every statement that reads the index (never filtered in Python
afterwards): totals, facet counts and pages are taken from windows of matches the viewer may
see, so they never count anything else.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from django.db import connection
from django.utils.safestring import SafeString

from stadtgespraeche.municipalities.models import Municipality
from stadtgespraeche.oparl.models import Endpoint
from stadtgespraeche.topics.models import Topic

from . import access
from . import query as query_module
from .backends import get_backend
from .backends.base import Candidate, TagGroups
from .enums import Kind, paper_kind_label, result_kind_label
from .query import ParsedQuery
from .snippets import Matcher, highlight

PER_PAGE = 20
MAX_PAGE = 50
FACET_LIMIT = 10
SUGGESTION_LIMIT = 8
# Ranking, the total and the facets look at the RANK_WINDOW newest matches (by content date:
# services.document_id) the viewer may see (bounded cost at any size): for most searches that
# is every match; above it the page says "more than 2,000 results" and ranks and counts the
# newest 2,000.
RANK_WINDOW = 2000


@dataclass
class Filters:
    kind: str = ""
    municipality: int | None = None
    topic: int | None = None
    year: int | None = None
    # Council documents (papers, agenda items): the council (endpoint id), the normalised
    # paper type and result (codes of enums.PAPER_KIND_CODES / RESULT_KIND_CODES).
    body: int | None = None
    paper_type: int | None = None
    result: int | None = None


@dataclass
class Hit:
    id: int
    kind: str
    title: str
    url: str
    date: datetime | None
    snippet: SafeString
    title_html: SafeString
    result_label: str = ""  # council decisions: the normalised result

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
        return self.total > RANK_WINDOW

    @property
    def shown_total(self) -> int:
        return min(self.total, RANK_WINDOW)

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
        body=filters.body,
        paper_type=filters.paper_type,
        result=filters.result,
    )


class _Windows:
    """The windows of one search (backends: `window`), each read once per combination of
    filters: the results, the total and the facets share them (with no filter chosen, all of
    them come from one window)."""

    def __init__(self, parsed: ParsedQuery, viewer: Any, filters: Filters) -> None:
        self.visible = access.visibility_sql(viewer)
        self._read: dict[tuple[tuple[str, ...], ...], list[Candidate]] = {}
        if not parsed.prepared and not _groups(filters):
            parsed = self._prepare_one_word(parsed)
        # A prepared copy: the caller's parsed query is never changed.
        self.parsed = prepare(parsed)

    def _prepare_one_word(self, parsed: ParsedQuery) -> ParsedQuery:
        """A search for one word without filters: where the backend counts the matches of a
        window, the window of the whole word is the frequency check, and for a frequent word
        (the usual case in a large index) also the window of the search. Returns `parsed`
        itself, or a prepared copy of it."""
        backend = get_backend()
        if parsed.phrases or parsed.prefix_last or len(parsed.terms) != 1:
            return parsed
        [term] = parsed.terms
        if not backend.counts_matches or not query_module.matches_compound(term):
            return parsed
        whole = ParsedQuery(terms=[term], whole_word_terms={term}, prepared=True)
        window = backend.window(whole, [], self.visible, size=RANK_WINDOW + 1)
        if window.matches is not None and window.matches >= RANK_WINDOW:
            self._read[()] = window.candidates
            return replace(parsed, whole_word_terms={term}, prepared=True)
        return replace(parsed, whole_word_terms=set(), prepared=True)

    def get(self, filters: Filters) -> list[Candidate]:
        """At most RANK_WINDOW + 1 candidates: one more than counted tells "more than"."""
        groups = _groups(filters)
        key = tuple(tuple(group) for group in groups)
        if key not in self._read:
            self._read[key] = (
                get_backend()
                .window(self.parsed, groups, self.visible, size=RANK_WINDOW + 1)
                .candidates
            )
        return self._read[key]


def prepare(parsed: ParsedQuery) -> ParsedQuery:
    """`parsed` with very frequent words marked as whole-word only (a copy; `parsed` itself
    is not changed): a word whose whole-word matches alone fill the ranking window is not
    also looked up as a part of compounds (prefix look-ups merge the matches of every
    compound before any limit applies)."""
    if parsed.prepared:
        return parsed
    backend = get_backend()
    last = parsed.terms[-1] if parsed.prefix_last and parsed.terms else None
    return replace(
        parsed,
        whole_word_terms={
            term
            for term in parsed.terms
            if term != last
            and query_module.matches_compound(term)
            and backend.is_frequent(term, RANK_WINDOW)
        },
        prepared=True,
    )


def _ordered(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Best rank first; ties: newest date first (no date last), then the smaller id."""
    ordered = sorted(candidates, key=lambda candidate: candidate.id)
    ordered.sort(key=lambda candidate: (candidate.date is not None, candidate.date), reverse=True)
    ordered.sort(key=lambda candidate: candidate.rank)
    return ordered


def _ranked(windows: _Windows, filters: Filters) -> list[int]:
    return [candidate.id for candidate in _ordered(windows.get(filters)[:RANK_WINDOW])]


def ranked_ids(
    parsed: ParsedQuery, viewer: Any, filters: Filters, *, limit: int, offset: int = 0
) -> list[int]:
    """Ids of the visible matching documents, best first (ties: newest first)."""
    return _ranked(_Windows(parsed, viewer, filters), filters)[offset : offset + limit]


def _without(filters: Filters, name: str) -> Filters:
    return Filters(**{**filters.__dict__, name: "" if name == "kind" else None})


_TAG_FACETS = {
    "municipality": "m",
    "topic": "t",
    "body": "b",
    "paper_type": "p",
    "result": "r",
}


def _facets(windows: _Windows, filters: Filters) -> dict[str, list[tuple[Any, int]]]:
    """Counts per type, year, municipality, topic and the council facets (body, paper type,
    result) of what the viewer may see (over at most RANK_WINDOW matches). Each facet
    ignores its own filter (so the other choices stay visible) and applies the others. Type
    and year come with the window; the tag facets whose windows coincide (all of them when
    none of them is chosen) are counted in one statement."""
    facets: dict[str, list[tuple[Any, int]]] = {}
    for name in ("kind", "year"):
        window = windows.get(_without(filters, name))[:RANK_WINDOW]
        counts = Counter(getattr(candidate, name) for candidate in window)
        counts.pop(None, None)
        facets[name] = sorted(counts.items(), key=lambda entry: (entry[1], entry[0]), reverse=True)
    groups: dict[tuple[Any, ...], list[str]] = {}
    without = {name: _without(filters, name) for name in _TAG_FACETS}
    for name in _TAG_FACETS:
        groups.setdefault(tuple(without[name].__dict__.items()), []).append(name)
    for names in groups.values():
        window = windows.get(without[names[0]])[:RANK_WINDOW]
        facets.update(_tag_facets([candidate.id for candidate in window], tuple(names)))
    return facets


def _tag_facets(ids: list[int], names: tuple[str, ...]) -> dict[str, list[tuple[Any, int]]]:
    """Per tag facet (municipality, topic, body …): the FACET_LIMIT most frequent (value,
    count), ties by the smaller value."""
    kinds = {_TAG_FACETS[name]: name for name in names}
    facets: dict[str, list[tuple[Any, int]]] = {name: [] for name in names}
    if not ids:
        return facets
    matched, params = get_backend().ids_sql(ids)
    placeholders = ", ".join(["%s"] * len(kinds))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT kind, value, n FROM (SELECT g.kind, g.value, COUNT(*) AS n, "  # noqa: S608
            "ROW_NUMBER() OVER (PARTITION BY g.kind ORDER BY COUNT(*) DESC, g.value) AS place "
            # CROSS JOIN: SQLite takes the window's ids as the outer loop (one index look-up
            # per id); without statistics it scanned every tag and the ids for each (20 s at
            # 130,000 documents). PostgreSQL plans it as the inner join it is.
            f"FROM ({matched}) c CROSS JOIN search_searchtag g "
            f"WHERE g.document_id = c.id AND g.kind IN ({placeholders}) "
            "GROUP BY g.kind, g.value) x "
            "WHERE place <= %s ORDER BY kind, place",
            [*params, *kinds, FACET_LIMIT],
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
    windows = _Windows(parsed, viewer, filters)
    results.total = len(windows.get(filters))
    offset = (page - 1) * per_page
    ids = _ranked(windows, filters)[offset : offset + per_page]
    if with_facets:
        results.facets = _facets(windows, filters)
    results.hits = _hits(ids, parsed)
    return results


def _hits(ids: list[int], parsed: ParsedQuery) -> list[Hit]:
    from .models import SearchDocument

    documents = SearchDocument.objects.only("id", "kind", "title", "url", "date", "body").in_bulk(
        ids
    )
    results = _result_labels([pk for pk in ids if documents[pk].kind in COUNCIL_KINDS])
    matcher = Matcher(parsed)  # one per page: each distinct word is compared once
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
                snippet=highlight(document.body, parsed, matcher=matcher),
                title_html=highlight(document.title, parsed, words=60, matcher=matcher),
                result_label=results.get(pk, ""),
            )
        )
    return hits


COUNCIL_KINDS = {Kind.COUNCIL_PAPER, Kind.COUNCIL_AGENDA_ITEM}


def _result_labels(ids: list[int]) -> dict[int, str]:
    """The normalised results of council documents (one query, none without any): an agenda
    item has one, a paper the results of its consultations."""
    from .models import SearchTag

    labels: dict[int, list[str]] = {}
    if not ids:
        return {}
    for document_id, value in (
        SearchTag.objects.filter(document_id__in=ids, kind="r")
        .order_by("document_id", "value")
        .values_list("document_id", "value")
    ):
        labels.setdefault(document_id, []).append(result_kind_label(value))
    return {pk: ", ".join(label for label in values if label) for pk, values in labels.items()}


def suggest(viewer: Any, text: str, *, limit: int = SUGGESTION_LIMIT) -> list[Hit]:
    """Completions while typing: visible documents whose words start with the last word."""
    parsed = query_module.parse(text, prefix_last=True)
    if not parsed or len(text.strip()) < 2:
        return []
    ids = ranked_ids(parsed, viewer, Filters(), limit=limit)
    return _hits(ids, parsed)


@dataclass(frozen=True)
class FacetEntry:
    """One value of a facet as the page shows it: the value, its count and its label."""

    value: Any
    count: int
    label: str


def labelled_facets(facets: dict[str, list[tuple[Any, int]]]) -> dict[str, list[FacetEntry]]:
    """The facets of `search` with a label per value: the type's name, the year, the
    municipality's name, the topic's title, the council's name or the normalised paper type
    or result (three queries at most). Values whose object no longer exists are left out."""
    names: dict[str, dict[Any, str]] = {
        "municipality": dict(
            Municipality.objects.filter(
                pk__in=[value for value, _ in facets.get("municipality", [])]
            ).values_list("pk", "name")
        ),
        "topic": dict(
            Topic.objects.filter(
                pk__in=[value for value, _ in facets.get("topic", [])]
            ).values_list("pk", "title")
        ),
        "body": {
            pk: name or url
            for pk, name, url in Endpoint.objects.filter(
                pk__in=[value for value, _ in facets.get("body", [])]
            ).values_list("pk", "body_name", "system_url")
        },
    }
    labelled: dict[str, list[FacetEntry]] = {}
    for name, values in facets.items():
        entries = []
        for value, count in values:
            if name == "kind":
                label = str(Kind(value).label) if value in Kind.values else str(value)
            elif name == "year":
                label = str(value)
            elif name == "paper_type":
                label = paper_kind_label(value)
            elif name == "result":
                label = result_kind_label(value)
            else:
                label = names[name].get(value, "")
            if not label:
                continue
            entries.append(FacetEntry(value=value, count=count, label=label))
        labelled[name] = entries
    return labelled


def index_normalisation() -> int | None:
    """The German normalisation the stored stems were made with (None: not recorded)."""
    from .models import IndexState

    return IndexState.objects.order_by("pk").values_list("normalisation", flat=True).first()
