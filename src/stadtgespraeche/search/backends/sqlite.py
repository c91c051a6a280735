"""SQLite FTS5: a virtual table `search_fts(title, body, rtitle, rbody, tags)` with rowid =
SearchDocument.id; the r-columns hold the stems of the compound parts (german.parts: "related"
words, named before they held parts), `tags` the visibility and filter tokens
(backends/base.py)."""

import json
from collections.abc import Sequence
from typing import Any

from django.db import connection

from ..query import ParsedQuery
from .base import Backend, Candidate, Row, TagGroups, Visible, Window, normalised

CREATE_SQL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title, body, rtitle, rbody, tags, "
    "tokenize = 'unicode61 remove_diacritics 0', prefix = '3')"
)
DROP_SQL = "DROP TABLE IF EXISTS search_fts"

# bm25 weights per column: a title hit counts far more than a body hit; compound-part hits
# (r-columns) less than a whole word in the body; tags do not count.
RANK = "bm25(search_fts, 10.0, 1.0, 0.8, 0.1, 0.0)"


def _quoted(token: str) -> str:
    return '"' + token.replace('"', "") + '"'


def match_expression(parsed: ParsedQuery, groups: TagGroups) -> str:
    parts = []
    for index, term in enumerate(parsed.terms):
        last = index == len(parsed.terms) - 1
        if parsed.prefix_last and last:
            parts.append(f"{{title body}} : {_quoted(term)}*")
        elif parsed.compound(term):
            # Words that start with it (modifier, or a longer inflection such as "Rufbusse"
            # for "Rufbus"), or a part of a compound (german.parts: the head).
            # The whole word once more, so that it ranks above words that only start with it.
            word = _quoted(term)
            parts.append(
                f"({{title body}} : {word} OR {{title body}} : {word}* "
                f"OR {{rtitle rbody}} : {word})"
            )
        else:
            parts.append(f"{{title body}} : {_quoted(term)}")
    for phrase in parsed.phrases:
        parts.append("{title body} : " + _quoted(" ".join(phrase)))
    for group in groups:
        parts.append("tags : (" + " OR ".join(_quoted(token) for token in group) + ")")
    return " AND ".join(parts)


class SqliteBackend(Backend):
    vendor = "sqlite"

    def write(self, rows: Sequence[Row]) -> None:
        if not rows:
            return
        values = []
        for row in rows:
            title_stems, title_parts = normalised(row.title)
            body_stems, body_parts = normalised(row.body)
            values.append(
                (row.id, title_stems, body_stems, title_parts, body_parts, " ".join(row.tags))
            )
        with connection.cursor() as cursor:
            cursor.executemany(
                "DELETE FROM search_fts WHERE rowid = %s", [(value[0],) for value in values]
            )
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, body, rtitle, rbody, tags) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                values,
            )

    def delete(self, ids: Sequence[int]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(pk,) for pk in ids])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")

    def is_frequent(self, term: str, threshold: int) -> bool:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM (SELECT rowid FROM search_fts "
                "WHERE search_fts MATCH %s LIMIT %s)",
                ["{title body} : " + _quoted(term), threshold],
            )
            return int(cursor.fetchone()[0]) >= threshold

    def window(
        self, parsed: ParsedQuery, groups: TagGroups, visible: Visible, *, size: int
    ) -> Window:
        # FTS5 yields matches lazily in rowid order; the document row decides visibility,
        # and bm25 is computed only for the rows the LIMIT lets through.
        condition, params = visible
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT d.id, " + RANK + ", d.date, d.kind, d.year FROM search_fts "  # noqa: S608
                "JOIN search_searchdocument d ON d.id = search_fts.rowid "
                "WHERE search_fts MATCH %s AND " + condition + " "
                "ORDER BY search_fts.rowid DESC LIMIT %s",
                [match_expression(parsed, groups), *params, size],
            )
            return Window(list(map(Candidate._make, cursor.fetchall())))

    def ids_sql(self, ids: Sequence[int]) -> tuple[str, list[Any]]:
        return "SELECT value AS id FROM json_each(%s)", [json.dumps(list(ids))]
