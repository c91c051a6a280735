"""Document ids by content date (services.document_id): "newest" in the ranking window is the
newest content, not the most recently indexed row.

A document's id now holds its content date in seconds since 1900 above 30 hash bits, so
PostgreSQL's recency blocks (`search_block`, migration 0005) become blocks of 2**21 seconds
(`document_id >> 51`, backends/postgresql.py BLOCK_BITS) and the GIN index is rebuilt. The
stored documents keep their old ids until `stadtgespraeche reindex --restart` rewrites them:
an index that holds documents is recorded as format 2 (the system check `search.W001` asks
for that run), an empty one as current (3, search.german.NORMALISATION_VERSION).
"""

from django.db import migrations

BLOCK_FUNCTION = """
CREATE OR REPLACE FUNCTION search_block(document_id bigint) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT array_to_tsvector(ARRAY['b' || (document_id >> {bits})::text])
$$
"""


def _blocks(schema_editor, bits: int) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BLOCK_FUNCTION.format(bits=bits))
        schema_editor.execute("REINDEX INDEX search_fts_vector")


def forward(apps, schema_editor):
    _blocks(schema_editor, 51)
    index_state = apps.get_model("search", "IndexState")
    document = apps.get_model("search", "SearchDocument")
    state = index_state.objects.order_by("pk").first() or index_state()
    state.normalisation = min(state.normalisation or 2, 2) if document.objects.exists() else 3
    state.save()


def backward(apps, schema_editor):
    _blocks(schema_editor, 14)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_index_state")]

    operations = [migrations.RunPython(forward, backward)]
