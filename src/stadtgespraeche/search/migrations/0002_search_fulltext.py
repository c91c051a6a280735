"""The per-backend full-text table: FTS5 on SQLite, tsvector + GIN (+ pg_trgm) on PostgreSQL."""

from django.db import migrations


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        from stadtgespraeche.search.backends.sqlite import CREATE_SQL

        schema_editor.execute(CREATE_SQL)
    elif vendor == "postgresql":
        from stadtgespraeche.search.backends.postgresql import CREATE_SQL

        for statement in CREATE_SQL:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        from stadtgespraeche.search.backends.sqlite import DROP_SQL

        schema_editor.execute(DROP_SQL)
    elif vendor == "postgresql":
        from stadtgespraeche.search.backends.postgresql import DROP_SQL

        for statement in DROP_SQL:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_index")]

    operations = [migrations.RunPython(create, drop)]
