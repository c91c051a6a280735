"""PostgreSQL: phrase look-ups through the GIN index (no-op on SQLite).

`search_bigrams(vector)` lists every pair of lexemes at adjacent positions of a document's
vector as one lexeme `first~second` (the parser splits at `~`, so such lexemes never clash
with stems or filter tokens). The backend stores them in the `tags` column, and a phrase
query requires the bigrams of the phrase there: one GIN probe finds the few documents that
contain the phrase instead of re-checking every document that contains its words against
its TOASTed vector. `a <-> b` matches exactly when some position of `b` follows one of `a`,
which is what the function collects, so the results stay the same. Positions at the
tsvector limit (16,383) can coincide; such documents get the marker `~long` and every
phrase query includes them.

Existing rows are updated here; `reindex` writes the bigrams as well.
"""

from django.db import migrations

BIGRAMS_FUNCTION = """
CREATE OR REPLACE FUNCTION search_bigrams(v tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT array_to_tsvector(COALESCE(array_agg(DISTINCT CASE WHEN p >= 16383 THEN '~long'
       ELSE l || '~' || n END) FILTER (WHERE np = p + 1 OR p >= 16383), '{}'))
FROM (SELECT l, p, lead(l) OVER (ORDER BY p) AS n, lead(p) OVER (ORDER BY p) AS np
      FROM (SELECT lexeme AS l, unnest(positions) AS p FROM unnest(v)) AS x) AS y
$$
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BIGRAMS_FUNCTION)
        schema_editor.execute("UPDATE search_fts SET tags = tags || search_bigrams(vector)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # The bigram lexemes left in `tags` are harmless; `reindex` rewrites them.
        schema_editor.execute("DROP FUNCTION IF EXISTS search_bigrams(tsvector)")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_fts_without_foreign_key")]

    operations = [migrations.RunPython(create, drop)]
