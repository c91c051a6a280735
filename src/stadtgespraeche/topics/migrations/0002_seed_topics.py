from django.db import migrations


def seed_topics(apps, schema_editor):
    from stadtgespraeche.topics.seed import SEED_TOPICS

    Topic = apps.get_model("topics", "Topic")
    for data in SEED_TOPICS:
        if not (
            Topic.objects.filter(slug=data["slug"]).exists()
            or Topic.objects.filter(title=data["title"]).exists()
        ):
            Topic.objects.create(**data)


class Migration(migrations.Migration):
    dependencies = [("topics", "0001_initial")]

    operations = [migrations.RunPython(seed_topics, migrations.RunPython.noop)]
