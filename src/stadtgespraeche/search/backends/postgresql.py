"""PostgreSQL: table `search_fts(document_id, vector tsvector, tags tsvector)` with one GIN
index over both. `vector` is built with the `simple` configuration from our own stems
(German quality comes from search.german on both backends); weights: A title, B body, C/D
reversed stems of title/body (compound heads). `tags` holds the visibility and filter
tokens (backends/base.py) and, for phrases, every pair of adjacent lexemes of `vector` as one
lexeme `first~second` (SQL function `search_bigrams`, migration 0004): a phrase is looked up
by its pairs in the GIN index, and only those few documents are re-checked with `<->`.
The GIN index has a third column, `search_block(document_id)` (migration 0005): the block of
16,384 consecutive ids a row belongs to, so that the newest matches are found without
reading older ones (`_window`). pg_trgm indexes the document titles (substring look-ups)."""

import itertools
import math
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection

from .. import german
from ..query import ParsedQuery
from .base import RANK_WINDOW, Backend, Row, TagGroups, Visible, normalised

VECTOR_SQL = (
    "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')"
    " || setweight(to_tsvector('simple', %s), 'C') || setweight(to_tsvector('simple', %s), 'D')"
)
# ts_rank weights {D, C, B, A}; negated so that lower sorts first as on SQLite.
RANK = "-ts_rank('{0.03, 0.3, 0.15, 1.0}', f.vector, to_tsquery('simple', %s))"


def _lexeme(token: str) -> str:
    return "'" + token.replace("'", "").replace("\\", "") + "'"


def tsquery(parsed: ParsedQuery) -> str:
    """Without weight labels: with them, the GIN index can only pre-select and every match
    would be re-checked against its (TOASTed) vector. Stems and reversed stems are separate
    lexemes anyway; the weights still rank (title A, body B, compound parts C/D)."""
    parts = []
    for index, term in enumerate(parsed.terms):
        last = index == len(parsed.terms) - 1
        if parsed.prefix_last and last:
            parts.append(f"{_lexeme(term)}:*")
        elif parsed.compound(term):
            parts.append(f"({_lexeme(term)}:* | {_lexeme(german.reverse(term))}:*)")
        else:
            parts.append(_lexeme(term))
    for phrase in parsed.phrases:
        parts.append("(" + " <-> ".join(_lexeme(stem) for stem in phrase) + ")")
    return " & ".join(parts)


def _array(values: Iterable[float]) -> str:
    """An array literal: binding thousands of numbers one by one is much slower."""
    return "{" + ",".join(repr(value) for value in values) + "}"


def _quoted(lexeme: str) -> str:
    """A lexeme in tsquery input syntax (no parser, so `~` stays part of the lexeme)."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def bigrams_query(parsed: ParsedQuery) -> str:
    """The pairs of adjacent stems of every phrase, ANDed (documents with positions beyond the
    tsvector limit carry `~long` and are always re-checked): a superset of the phrase
    matches that the GIN index answers without looking at positions."""
    pairs = []
    for phrase in parsed.phrases:
        tokens = [_lexeme(stem)[1:-1].lower() for stem in phrase]
        pairs.extend(_quoted(f"{a}~{b}") for a, b in itertools.pairwise(tokens))
    return "(" + " & ".join(pairs) + ") | " + _quoted("~long")


def tags_query(groups: TagGroups) -> str:
    return " & ".join("(" + " | ".join(_lexeme(token) for token in group) + ")" for group in groups)


# Documents are grouped by id into blocks of 2**BLOCK_BITS for the recency window (_window);
# beyond MAX_PROBE_BLOCKS blocks per probe, the rest of the table is read at once.
BLOCK_BITS = 14
MAX_PROBE_BLOCKS = 24
Ranked = tuple[int, float]  # (document id, rank)

MATCH = "f.vector @@ to_tsquery('simple', %s) AND f.tags @@ to_tsquery('simple', %s)"


class PostgresBackend(Backend):
    vendor = "postgresql"

    def write(self, rows: Sequence[Row]) -> None:
        if not rows:
            return
        values = []
        for row in rows:
            title_stems, title_reversed = normalised(row.title)
            body_stems, body_reversed = normalised(row.body)
            values.append(
                (row.id, title_stems, body_stems, title_reversed, body_reversed, " ".join(row.tags))
            )
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_fts (document_id, vector, tags) SELECT id, v, "  # noqa: S608
                "to_tsvector('simple', t) || search_bigrams(v) FROM (SELECT %s::bigint AS id, "
                f"{VECTOR_SQL} AS v, %s::text AS t) AS r "
                "ON CONFLICT (document_id) DO UPDATE "
                "SET vector = EXCLUDED.vector, tags = EXCLUDED.tags",
                values,
            )

    def delete(self, ids: Sequence[int]) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts WHERE document_id = ANY(%s)", [list(ids)])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")

    def is_frequent(self, term: str) -> bool:
        """Counted over the newest matches (the same rows the ranking window reads next)."""
        with connection.cursor() as cursor:
            window = self._window(
                cursor, "f.vector @@ to_tsquery('simple', %s)", [_lexeme(term)], rank_query=None
            )
            return len(window) >= RANK_WINDOW

    def _match(self, parsed: ParsedQuery, groups: TagGroups) -> tuple[str, list[Any]]:
        words = tsquery(parsed)
        if not groups:
            match, params = "f.vector @@ to_tsquery('simple', %s)", [words]
        else:
            match, params = MATCH, [words, tags_query(groups)]
        if parsed.phrases:
            match += " AND f.tags @@ %s::tsquery"
            params.append(bigrams_query(parsed))
        return match, params

    def _window(
        self,
        cursor: Any,
        match: str,
        params: list[Any],
        *,
        size: int | None = None,
        rank_query: str | None = None,
        visible: Visible | None = None,
    ) -> list[Ranked]:
        """(id, rank) of the newest `size` matches, newest first (rank 0 without a
        `rank_query`; only documents the viewer may see with `visible`). `size` defaults to
        RANK_WINDOW.

        Probes the newest blocks of ids first (the GIN index intersects the words with the
        blocks, so only matches inside them are read) and widens the range by the density
        seen so far until the window is full; the rest of the table is read at once only
        when matches are too rare for blocks to pay off."""
        size = RANK_WINDOW if size is None else size
        cursor.execute("SELECT max(document_id) FROM search_fts")
        top_id = cursor.fetchone()[0]
        if top_id is None:
            return []
        rank, rank_params = (RANK, [rank_query]) if rank_query else ("0", [])
        source, condition, condition_params = "search_fts f", "TRUE", []
        if visible:
            source = "search_fts f JOIN search_searchdocument d ON d.id = f.document_id"
            condition, condition_params = visible
        found: list[Ranked] = []
        high = top_id >> BLOCK_BITS
        # The first probe covers at least half a block of documents, so that the density
        # it measures is a fair estimate (the newest block may hold only a few).
        span = 2 if top_id - (high << BLOCK_BITS) < (1 << BLOCK_BITS) // 2 else 1
        while high >= 0:
            low = high - span + 1
            if low <= 0 or span > MAX_PROBE_BLOCKS:
                cursor.execute(
                    "WITH m AS MATERIALIZED (SELECT f.document_id, "  # noqa: S608
                    f"{rank} AS rank FROM {source} WHERE {match} AND {condition} "
                    "AND f.document_id < %s) "
                    "SELECT document_id, rank FROM m ORDER BY document_id DESC LIMIT %s",
                    [
                        *rank_params,
                        *params,
                        *condition_params,
                        (high + 1) << BLOCK_BITS,
                        size - len(found),
                    ],
                )
                found += cursor.fetchall()
                break
            blocks = " | ".join(f"b{block}" for block in range(high, low - 1, -1))
            cursor.execute(
                f"SELECT f.document_id, {rank} FROM {source} WHERE {match} "  # noqa: S608
                f"AND {condition} AND search_block(f.document_id) @@ %s::tsquery",
                [*rank_params, *params, *condition_params, blocks],
            )
            found += cursor.fetchall()
            if len(found) >= size:
                break
            if found:  # enough blocks for the missing matches at the density seen, +25 %
                density = len(found) / (top_id - (low << BLOCK_BITS) + 1)
                missing = size - len(found)
                span = max(1, math.ceil(missing / density * 1.25 / (1 << BLOCK_BITS)))
            else:
                span *= 4
            high = low - 1
        found.sort(key=lambda row: row[0], reverse=True)
        return found[:size]

    def ranked_ids(
        self, parsed: ParsedQuery, groups: TagGroups, visible: Visible, *, limit: int, offset: int
    ) -> list[int]:
        match, match_params = self._match(parsed, groups)
        condition, params = visible
        with connection.cursor() as cursor:
            window = self._window(cursor, match, match_params, rank_query=tsquery(parsed))
            if not window:
                return []
            ids = _array(pk for pk, _ in window)
            ranks = _array(float(rank) for _, rank in window)
            # Visibility and date come from the covering index search_document_window.
            cursor.execute(
                "SELECT d.id FROM unnest(%s::bigint[], %s::float8[]) AS c (id, rank) "  # noqa: S608
                f"JOIN search_searchdocument d ON d.id = c.id WHERE {condition} "
                "ORDER BY c.rank, d.date IS NULL, d.date DESC, d.id LIMIT %s OFFSET %s",
                [ids, ranks, *params, limit, offset],
            )
            return [row[0] for row in cursor.fetchall()]

    def matches_sql(
        self, parsed: ParsedQuery, groups: TagGroups, visible: Visible, *, cap: int
    ) -> tuple[str, list[Any]]:
        """The newest `cap` visible matches, found like the ranking window (block probes
        that read only the matches inside the newest blocks) and passed on as an array."""
        match, match_params = self._match(parsed, groups)
        with connection.cursor() as cursor:
            window = self._window(cursor, match, match_params, size=cap, visible=visible)
        return "SELECT unnest(%s::bigint[]) AS id", [_array(pk for pk, _ in window)]
