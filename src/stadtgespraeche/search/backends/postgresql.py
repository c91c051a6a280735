"""PostgreSQL: table `search_fts(document_id, vector tsvector, tags tsvector)` with one GIN
index over both. `vector` is built with the `simple` configuration from our own stems
(German quality comes from search.german on both backends); weights: A title, B body, C/D
stems of the compound parts of title/body (german.parts). `tags` holds the visibility and filter
tokens (backends/base.py) and, for phrases, every pair of adjacent lexemes of `vector` as one
lexeme `first~second` (SQL function `search_bigrams`, migration 0004): a two-word phrase is
its pair in the GIN index, a longer one needs all its pairs and then `<->` on the few
documents that have them (`phrase_condition`).
The GIN index has a third column, `search_block(document_id)` (migrations 0005, 0007): the
block of 2**21 seconds (about 24 days) of content dates a row belongs to (document ids order
by content date, services.document_id), so that the newest matches are found without reading
older ones (`window`). pg_trgm indexes the document titles (substring look-ups)."""

import itertools
import math
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection, transaction

from ..query import ParsedQuery
from .base import Backend, Candidate, Row, TagGroups, Visible, Window, normalised

# The vector of the columns a (title), b (body), c and d (their compound parts) of the rows
# being written.
VECTOR_SQL = (
    "setweight(to_tsvector('simple', r.a), 'A') || setweight(to_tsvector('simple', r.b), 'B')"
    " || setweight(to_tsvector('simple', r.c), 'C') || setweight(to_tsvector('simple', r.d), 'D')"
)


def _lexeme(token: str) -> str:
    return "'" + token.replace("'", "").replace("\\", "") + "'"


def tsquery(parsed: ParsedQuery, *, phrases: bool = True, whole_words: bool = False) -> str:
    """Without weight labels: with them, the GIN index can only pre-select and every match
    would be re-checked against its (TOASTed) vector. Stems and compound parts are separate
    lexemes anyway; the weights still rank (title A, body B, compound parts C/D). Compound
    parts are lexemes of their own (german.parts), so a compound term is one prefix
    look-up, no longer two (a reversed one for heads)."""
    parts = []
    for index, term in enumerate(parsed.terms):
        last = index == len(parsed.terms) - 1
        if parsed.prefix_last and last:
            parts.append(f"{_lexeme(term)}:*")
        elif parsed.compound(term) and not whole_words:
            # The word, words that start with it (modifier, longer inflection) or a compound
            # part (german.parts, stored reversed so that whole words never match parts).
            parts.append(f"({_lexeme(term)}:* | {_lexeme(_part(term))})")
        else:
            parts.append(_lexeme(term))
    for phrase in parsed.phrases if phrases else []:
        parts.append(_phrase(phrase))
    return " & ".join(parts)


def _part(stem: str) -> str:
    """A compound part as stored: reversed, a lexeme apart from the same whole word."""
    return stem[::-1]


def _parts(parts: str) -> str:
    return " ".join(_part(part) for part in parts.split())


def _phrase(stems: list[str]) -> str:
    return "(" + " <-> ".join(_lexeme(stem) for stem in stems) + ")"


def _quoted(lexeme: str) -> str:
    """A lexeme in tsquery input syntax (no parser, so `~` stays part of the lexeme)."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


LONG = _quoted("~long")


def phrase_condition(stems: list[str]) -> tuple[str, list[str]]:
    """SQL for one phrase through its pairs of adjacent stems (`first~second` lexemes, see the
    module docstring), which the GIN index answers without looking at positions. A pair is
    the phrase itself, exactly: taken from the same positions that `<->` compares, so the
    vector is checked only in documents with positions beyond the tsvector limit (`~long`).
    Longer phrases need all their pairs and then `<->` on the few documents that have them."""
    tokens = [_lexeme(stem)[1:-1].lower() for stem in stems]
    pairs = " & ".join(_quoted(f"{a}~{b}") for a, b in itertools.pairwise(tokens))
    checked = "(f.tags @@ %s::tsquery AND f.vector @@ to_tsquery('simple', %s))"
    if len(stems) == 2:
        return f"(f.tags @@ %s::tsquery OR {checked})", [pairs, LONG, _phrase(stems)]
    return checked, [f"({pairs}) | {LONG}", _phrase(stems)]


def tags_query(groups: TagGroups) -> str:
    return " & ".join("(" + " | ".join(_lexeme(token) for token in group) + ")" for group in groups)


# Documents are grouped by id into blocks of 2**BLOCK_BITS for the recency window (`window`):
# ids hold the content date in seconds above their 30 hash bits (services.document_id), so a
# block is 2**21 seconds (about 24 days) of content; beyond MAX_PROBE_BLOCKS blocks per probe
# (about 4 years), the rest is read at once. Must match search_block() (migration 0007).
BLOCK_BITS = 51
MAX_PROBE_BLOCKS = 64
# Below this many full-text rows (the planner's estimate) all matches are read at once.
SMALL_INDEX = 20_000


Probe = Callable[[str, list[Any]], tuple[int, int]]


def _walk(cursor: Any, probe: Probe) -> None:
    """Calls `probe(scope, params)` on ranges of document ids, newest first, until it says
    that nothing is missing: first the newest blocks (the GIN index intersects the words with
    the blocks, so only matches inside them are read), then as many blocks as the missing
    matches need at the density seen so far (+25 %); the rest of the table at once when
    matches are too rare for blocks to pay off. `probe` returns the matches in its scope and
    how many are still missing. Parallel workers are switched off for the transaction: they
    would only add their start-up time to these short reads (and compete with other
    requests)."""
    cursor.execute(
        "SELECT max(document_id), (SELECT reltuples FROM pg_class WHERE oid = "
        "'search_fts'::regclass), "
        "set_config('max_parallel_workers_per_gather', '0', true) FROM search_fts"
    )
    top_id, rows, _ = cursor.fetchone()
    if top_id is None:
        return
    if rows < SMALL_INDEX:
        # A small index (or one not analysed yet, -1): one read of all matches is cheaper than
        # probing blocks of content dates that hold few documents each.
        probe("f.document_id + 0 <= %s", [top_id])
        return
    high = top_id >> BLOCK_BITS
    # The first probe covers at least half a block of documents, so that the density it
    # measures is a fair estimate (the newest block may hold only a few).
    span = 2 if top_id - (high << BLOCK_BITS) < (1 << BLOCK_BITS) // 2 else 1
    matches = 0
    while high >= 0:
        low = high - span + 1
        if low <= 0 or span > MAX_PROBE_BLOCKS:
            # `+ 0`: a filter on the rows found, never a scan of the primary key over the range
            # (which the planner picks when it overestimates the matches).
            probe("f.document_id + 0 < %s", [(high + 1) << BLOCK_BITS])
            return
        blocks = " | ".join(f"b{block}" for block in range(high, low - 1, -1))
        in_scope, missing = probe("search_block(f.document_id) @@ %s::tsquery", [blocks])
        if missing <= 0:
            return
        matches += in_scope
        if matches:
            density = matches / (top_id - (low << BLOCK_BITS) + 1)
            span = max(1, math.ceil(missing / density * 1.25 / (1 << BLOCK_BITS)))
        else:
            span *= 4
        high = low - 1


# The newest visible matches within a scope (a range of blocks or of ids), newest first. The
# matches are collected first (id and row address only); walking them by id, each is checked
# for visibility in the covering index search_document_window (a nested loop that the LIMIT
# stops, OFFSET 0 keeps it from being planned as a join over the whole table), and only the
# rows that make it into the window are ranked (their vector read again by row address;
# ts_rank weights {D, C, B, A}, negated so that lower sorts first as on SQLite).
# The first column is the number of matches in the scope, visible or not (in every row, and
# in a row of its own when none is visible), for the density estimate and Window.matches.
_NEWEST_SQL = (
    "WITH m AS MATERIALIZED (SELECT f.document_id, f.ctid AS address FROM search_fts f "
    "WHERE {match} AND {scope}) "
    "SELECT c.n, w.* FROM (SELECT count(*) AS n FROM m) c LEFT JOIN LATERAL ("
    "SELECT m.document_id, -(SELECT {rank} FROM search_fts r WHERE r.ctid = m.address), "
    "d.epoch, d.kind, "
    "d.year FROM (SELECT * FROM m ORDER BY document_id DESC) m JOIN LATERAL (SELECT "
    "date_part('epoch', d.date) AS epoch, d.kind, d.year FROM search_searchdocument d "
    "WHERE d.id = m.document_id AND {visible} OFFSET 0) d ON TRUE LIMIT %s) w ON TRUE"
)


_RANK = "ts_rank('{0.01, 0.03, 0.15, 1.0}', r.vector, to_tsquery('simple', %s))"


def rank_sql(parsed: ParsedQuery) -> tuple[str, list[str]]:
    """The rank of a window's row `r` (higher is better). A compound term matches as the
    word, a word that starts with it or a compound part (one prefix look-up), and ts_rank
    weighs a title word that only starts with it ("Stadtverwaltung" for "Stadt") like the
    word itself; so the rank of the whole words alone is added, and the word itself ranks
    above words that start with it (as on SQLite, where the word is looked up twice)."""
    query = tsquery(parsed)
    whole = tsquery(parsed, whole_words=True)
    if whole == query:
        return _RANK, [query]
    return f"{_RANK} + {_RANK}", [query, whole]


class PostgresBackend(Backend):
    vendor = "postgresql"
    counts_matches = True

    def write(self, rows: Sequence[Row]) -> None:
        if not rows:
            return
        values = []
        for row in rows:
            title_stems, title_parts = normalised(row.title)
            body_stems, body_parts = normalised(row.body)
            values.append(
                (
                    row.id,
                    title_stems,
                    body_stems,
                    _parts(title_parts),
                    _parts(body_parts),
                    " ".join(row.tags),
                )
            )
        # One statement for the whole batch (arrays unnested on the server): a statement per
        # row is parsed and planned per row (client-side binding), which cost more than
        # making the vectors.
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO search_fts (document_id, vector, tags) SELECT id, v, "  # noqa: S608
                "to_tsvector('simple', t) || search_bigrams(v) FROM (SELECT r.id, "
                f"{VECTOR_SQL} AS v, r.t FROM unnest(%s::bigint[], %s::text[], "
                "%s::text[], %s::text[], %s::text[], %s::text[]) AS r(id, a, b, c, d, t)) AS s "
                "ON CONFLICT (document_id) DO UPDATE "
                "SET vector = EXCLUDED.vector, tags = EXCLUDED.tags",
                [list(column) for column in zip(*values, strict=True)],
            )

    def delete(self, ids: Sequence[int]) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts WHERE document_id = ANY(%s)", [list(ids)])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")

    def _match(self, parsed: ParsedQuery, groups: TagGroups) -> tuple[str, list[Any]]:
        conditions, params = [], []
        words = tsquery(parsed, phrases=False)
        if words:
            conditions.append("f.vector @@ to_tsquery('simple', %s)")
            params.append(words)
        if groups:
            conditions.append("f.tags @@ to_tsquery('simple', %s)")
            params.append(tags_query(groups))
        for phrase in parsed.phrases:
            condition, condition_params = phrase_condition(phrase)
            conditions.append(condition)
            params += condition_params
        return " AND ".join(conditions), params

    def is_frequent(self, term: str, threshold: int) -> bool:
        """Counts the newest matches of the whole word in the full-text rows only (no
        document row, no rank), up to `threshold`."""
        counted = 0
        with transaction.atomic(savepoint=False), connection.cursor() as cursor:

            def probe(scope: str, scope_params: list[Any]) -> tuple[int, int]:
                nonlocal counted
                cursor.execute(
                    "SELECT count(*) FROM (SELECT 1 FROM search_fts f "  # noqa: S608
                    f"WHERE f.vector @@ to_tsquery('simple', %s) AND {scope} LIMIT %s) s",
                    [_lexeme(term), *scope_params, threshold - counted],
                )
                in_scope = int(cursor.fetchone()[0])
                counted += in_scope
                return in_scope, threshold - counted

            _walk(cursor, probe)
        return counted >= threshold

    def window(
        self, parsed: ParsedQuery, groups: TagGroups, visible: Visible, *, size: int
    ) -> Window:
        match, match_params = self._match(parsed, groups)
        condition, condition_params = visible
        found: list[Candidate] = []
        matches = 0
        with transaction.atomic(savepoint=False), connection.cursor() as cursor:
            rank, rank_params = rank_sql(parsed)

            def probe(scope: str, scope_params: list[Any]) -> tuple[int, int]:
                cursor.execute(
                    _NEWEST_SQL.format(match=match, scope=scope, visible=condition, rank=rank),
                    [
                        *match_params,
                        *scope_params,
                        *rank_params,
                        *condition_params,
                        size - len(found),
                    ],
                )
                nonlocal matches
                rows = cursor.fetchall()
                found.extend(Candidate._make(row[1:]) for row in rows if row[1] is not None)
                matches += rows[0][0]
                return rows[0][0], size - len(found)

            _walk(cursor, probe)
        return Window(found, matches)

    def ids_sql(self, ids: Sequence[int]) -> tuple[str, list[Any]]:
        # An array literal: binding thousands of numbers one by one is much slower.
        return "SELECT unnest(%s::bigint[]) AS id", ["{" + ",".join(map(str, ids)) + "}"]
