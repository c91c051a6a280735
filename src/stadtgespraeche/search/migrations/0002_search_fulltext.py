"""The per-backend full-text table: FTS5 on SQLite, tsvector + GIN (+ pg_trgm) on PostgreSQL.

The SQL is frozen here (search/backends/ holds the same statements for reference)."""

from django.db import migrations

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title, body, rtitle, rbody, tags, "
    "tokenize = 'unicode61 remove_diacritics 0', prefix = '3')"
]
SQLITE_DROP = ["DROP TABLE IF EXISTS search_fts"]
POSTGRESQL_CREATE = [
    "CREATE TABLE IF NOT EXISTS search_fts ("
    " document_id bigint PRIMARY KEY REFERENCES search_searchdocument (id)"
    " ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
    " vector tsvector NOT NULL, tags tsvector NOT NULL)",
    "CREATE INDEX IF NOT EXISTS search_fts_vector ON search_fts USING gin (vector, tags)",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS search_document_title_trgm ON search_searchdocument"
    " USING gin (lower(title) gin_trgm_ops)",
]
POSTGRESQL_DROP = [
    "DROP INDEX IF EXISTS search_document_title_trgm",
    "DROP TABLE IF EXISTS search_fts",
]


def _run(schema_editor, statements_by_vendor):
    for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def create(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE})


def drop(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP})


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
