from django.db import migrations


def add_default_texts(apps, schema_editor):
    from stadtgespraeche.pages.defaults import DEFAULT_SITE_TEXTS

    SiteText = apps.get_model("pages", "SiteText")
    for key, text in DEFAULT_SITE_TEXTS.items():
        SiteText.objects.get_or_create(
            key=str(key), defaults={"title": text["title"], "body": text["body"]}
        )


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial")]

    operations = [migrations.RunPython(add_default_texts, migrations.RunPython.noop)]
