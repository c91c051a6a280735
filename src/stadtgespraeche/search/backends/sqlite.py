"""SQLite FTS5: a virtual table `search_fts(title, body, rtitle, rbody)` with rowid =
SearchDocument.id; the r-columns hold the reversed stems for compound-head matching."""

from collections.abc import Sequence

from django.db import connection

from .. import german
from ..query import ParsedQuery, matches_compound
from .base import Backend, Row, normalised

CREATE_SQL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title, body, rtitle, rbody, tokenize = 'unicode61 remove_diacritics 0', prefix = '3')"
)
DROP_SQL = "DROP TABLE IF EXISTS search_fts"

# bm25 weights per column: a title hit counts far more than a body hit; compound-part hits
# (reversed columns) a little less than whole words.
RANK = "bm25(search_fts, 10.0, 1.0, 6.0, 0.6)"


def _quoted(token: str) -> str:
    return '"' + token.replace('"', "") + '"'


def match_expression(parsed: ParsedQuery) -> str:
    parts = []
    for index, term in enumerate(parsed.terms):
        last = index == len(parsed.terms) - 1
        if parsed.prefix_last and last:
            parts.append(f"{{title body}} : {_quoted(term)}*")
        elif matches_compound(term):
            parts.append(
                f"({{title body}} : {_quoted(term)}* OR "
                f"{{rtitle rbody}} : {_quoted(german.reverse(term))}*)"
            )
        else:
            parts.append(f"{{title body}} : {_quoted(term)}")
    for phrase in parsed.phrases:
        parts.append("{title body} : " + _quoted(" ".join(phrase)))
    return " AND ".join(parts)


class SqliteBackend(Backend):
    vendor = "sqlite"

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
                "DELETE FROM search_fts WHERE rowid = %s", [(value[0],) for value in values]
            )
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, body, rtitle, rbody) "
                "VALUES (%s, %s, %s, %s, %s)",
                values,
            )

    def delete(self, ids: Sequence[int]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(pk,) for pk in ids])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")

    def match(self, parsed: ParsedQuery) -> tuple[str, str, list[object], str]:
        return (
            "search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid",
            "search_fts MATCH %s",
            [match_expression(parsed)],
            RANK,
        )
