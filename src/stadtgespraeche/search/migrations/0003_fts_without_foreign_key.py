"""PostgreSQL: the full-text rows no longer reference search_searchdocument by a foreign key.

Django's `flush` (used between transactional tests and by `stadtgespraeche flush`) truncates
only the tables it manages; a foreign key from the unmanaged `search_fts` table makes that
TRUNCATE fail. The backend deletes the full-text row together with its document in the same
transaction (backends/postgresql.py), and `reindex` removes rows whose document is gone.
"""

from django.db import migrations


def drop_foreign_key(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE search_fts DROP CONSTRAINT IF EXISTS search_fts_document_id_fkey"
        )


def add_foreign_key(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "DELETE FROM search_fts WHERE document_id NOT IN (SELECT id FROM search_searchdocument)"
        )
        schema_editor.execute(
            "ALTER TABLE search_fts ADD CONSTRAINT search_fts_document_id_fkey FOREIGN KEY "
            "(document_id) REFERENCES search_searchdocument (id) "
            "ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED"
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0002_search_fulltext")]

    operations = [migrations.RunPython(drop_foreign_key, add_foreign_key)]
