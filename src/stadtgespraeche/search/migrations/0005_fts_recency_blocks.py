"""PostgreSQL: recency blocks in the full-text index (no-op on SQLite).

Ranking looks at the newest RANK_WINDOW matches only. GIN returns matches in no useful order
and has no index-only scans, so finding the newest ones used to cost one heap read per
match (tens of thousands for a common word at a million documents). The index gets a third
column, `search_block(document_id)`: a lexeme `b<n>` for the block of 16,384 consecutive
document ids the row belongs to. A query then asks the index for its matches inside the
newest few blocks only (`search_block(document_id) @@ 'b61 | b60'`), and GIN intersects the
word with the blocks before any row is read (backends/postgresql.py, `_window`). The value is
computed from the id, so rows are not rewritten; only the index is rebuilt.

Two more changes keep the rows such a window reads few and close together:
- `vector` is kept in the row (storage MAIN, `toast_tuple_target` 4000) and the long `tags`
  (filter tokens and phrase bigrams, only needed by the index) goes to the TOAST table
  (storage EXTERNAL): ranking reads the vector without a TOAST look-up per match. Applies to
  rows written from now on (`reindex` rewrites all).
- `search_document_window` covers id, audience levels, date, kind and year of the
  documents, and `search_tag_by_document` the filter values by document: the visibility
  check, the tie-break by date and the facets of a window of matches read only these
  indexes.
"""

from django.db import migrations

BLOCK_FUNCTION = """
CREATE OR REPLACE FUNCTION search_block(document_id bigint) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT array_to_tsvector(ARRAY['b' || (document_id >> 14)::text])
$$
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BLOCK_FUNCTION)
        schema_editor.execute("DROP INDEX IF EXISTS search_fts_vector")
        schema_editor.execute(
            "CREATE INDEX search_fts_vector ON search_fts "
            "USING gin (vector, tags, search_block(document_id))"
        )
        schema_editor.execute(
            "ALTER TABLE search_fts SET (toast_tuple_target = 4000), "
            "ALTER COLUMN vector SET STORAGE MAIN, ALTER COLUMN tags SET STORAGE EXTERNAL"
        )
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS search_document_window ON search_searchdocument (id) "
            "INCLUDE (min_level, max_level, date, kind, year)"
        )
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS search_tag_by_document ON search_searchtag (document_id) "
            "INCLUDE (kind, value)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_tag_by_document")
        schema_editor.execute("DROP INDEX IF EXISTS search_document_window")
        schema_editor.execute(
            "ALTER TABLE search_fts RESET (toast_tuple_target), "
            "ALTER COLUMN vector SET STORAGE EXTENDED, ALTER COLUMN tags SET STORAGE EXTENDED"
        )
        schema_editor.execute("DROP INDEX IF EXISTS search_fts_vector")
        schema_editor.execute(
            "CREATE INDEX search_fts_vector ON search_fts USING gin (vector, tags)"
        )
        schema_editor.execute("DROP FUNCTION IF EXISTS search_block(bigint)")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_fts_phrase_bigrams")]

    operations = [migrations.RunPython(create, drop)]
