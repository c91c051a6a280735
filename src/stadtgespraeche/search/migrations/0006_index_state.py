"""The normalisation the stored stems were made with (search.german.NORMALISATION_VERSION).

Version 2 stems with the maintained Snowball German stemmer before folding (umlaut plurals
meet their singular). An index that already holds documents was built with version 1 (the
earlier hand-made stemmer on folded words): it is recorded as such, and the system check
`search.W001` asks for `stadtgespraeche reindex --restart`, which rebuilds every document
and records version 2. An empty index is current.
"""

from django.db import migrations, models


def record(apps, schema_editor):
    index_state = apps.get_model("search", "IndexState")
    document = apps.get_model("search", "SearchDocument")
    index_state.objects.create(normalisation=1 if document.objects.exists() else 2)


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0005_fts_recency_blocks'),
    ]

    operations = [
        migrations.CreateModel(
            name='IndexState',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('normalisation', models.PositiveSmallIntegerField(default=0)),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
            options={
                'verbose_name': 'search index state',
                'verbose_name_plural': 'search index state',
            },
        ),
        migrations.RunPython(record, migrations.RunPython.noop),
    ]
