"""PostgreSQL: table `search_fts(document_id, vector tsvector)` with a GIN index. The
vector is built with the `simple` configuration from our own stems (German quality comes
from search.german on both backends); weights: A title, B body, C/D reversed stems of
title/body (compound heads). A pg_trgm index on the document titles serves suggestions."""

from collections.abc import Sequence

from django.db import connection

from .. import german
from ..query import ParsedQuery, matches_compound
from .base import Backend, Row, normalised

CREATE_SQL = [
    "CREATE TABLE IF NOT EXISTS search_fts ("
    " document_id bigint PRIMARY KEY REFERENCES search_searchdocument (id)"
    " ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
    " vector tsvector NOT NULL)",
    "CREATE INDEX IF NOT EXISTS search_fts_vector ON search_fts USING gin (vector)",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS search_document_title_trgm ON search_searchdocument"
    " USING gin (lower(title) gin_trgm_ops)",
]
DROP_SQL = [
    "DROP INDEX IF EXISTS search_document_title_trgm",
    "DROP TABLE IF EXISTS search_fts",
]

VECTOR_SQL = (
    "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')"
    " || setweight(to_tsvector('simple', %s), 'C') || setweight(to_tsvector('simple', %s), 'D')"
)
# ts_rank weights {D, C, B, A}; negated so that lower sorts first as on SQLite.
RANK = "-ts_rank('{0.05, 0.5, 0.15, 1.0}', search_fts.vector, q.query)"


def _lexeme(token: str) -> str:
    return "'" + token.replace("'", "") + "'"


def tsquery(parsed: ParsedQuery) -> str:
    parts = []
    for index, term in enumerate(parsed.terms):
        last = index == len(parsed.terms) - 1
        if parsed.prefix_last and last:
            parts.append(f"{_lexeme(term)}:*AB")
        elif matches_compound(term):
            parts.append(f"({_lexeme(term)}:*AB | {_lexeme(german.reverse(term))}:*CD)")
        else:
            parts.append(f"{_lexeme(term)}:AB")
    for phrase in parsed.phrases:
        parts.append("(" + " <-> ".join(f"{_lexeme(stem)}:AB" for stem in phrase) + ")")
    return " & ".join(parts)


class PostgresBackend(Backend):
    vendor = "postgresql"

    def write(self, rows: Sequence[Row]) -> None:
        if not rows:
            return
        values = []
        for pk, title, body in rows:
            title_stems, title_reversed = normalised(title)
            body_stems, body_reversed = normalised(body)
            values.append((pk, title_stems, body_stems, title_reversed, body_reversed))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO search_fts (document_id, vector) VALUES (%s, {VECTOR_SQL}) "  # noqa: S608 – constant SQL, values bound
                "ON CONFLICT (document_id) DO UPDATE SET vector = EXCLUDED.vector",
                values,
            )

    def delete(self, ids: Sequence[int]) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts WHERE document_id = ANY(%s)", [list(ids)])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")

    def match(self, parsed: ParsedQuery) -> tuple[str, str, list[object], str]:
        return (
            "search_fts JOIN search_searchdocument d ON d.id = search_fts.document_id"
            " CROSS JOIN (SELECT to_tsquery('simple', %s) AS query) q",
            "search_fts.vector @@ q.query",
            [tsquery(parsed)],
            RANK,
        )
