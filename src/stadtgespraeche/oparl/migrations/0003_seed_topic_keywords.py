"""Starting keyword lists for the seeded topics, so council papers find their topics from
the first import on (organisers edit them at /ratsinformation/themen/). A topic that
already has a list, or does not exist, is left alone; reversing removes nothing."""

from django.db import migrations

KEYWORDS = {
    "Digitale Bürgerbeteiligung": [
        "Bürgerbeteiligung",
        "Online-Beteiligung",
        "Beteiligungsplattform",
        "Bürgerhaushalt",
    ],
    "Hybride Ratsarbeit": [
        "hybride Sitzung",
        "Hybridsitzung",
        "Videokonferenz",
        "digitale Sitzung",
        "digitale Ratsarbeit",
        "Livestream",
        "Ratsinformationssystem",
        "papierlos",
    ],
    "Digitale Souveränität": ["digitale Souveränität", "Open Source", "Open-Source"],
    "Datenethik": ["Datenethik", "Datenschutz"],
    "Open Data": ["Open Data", "Open-Data", "offene Daten"],
    "KI in der Verwaltung": ["künstliche Intelligenz", "künstlicher Intelligenz", "Chatbot"],
    "Smart-City-Plattformen und urbane Datenplattformen": [
        "Smart City",
        "Smart-City",
        "Datenplattform",
        "urbane Daten",
        "Sensorik",
    ],
    "Digitale Daseinsvorsorge": [
        "Glasfaser",
        "Breitband",
        "WLAN",
        "WiFi",
        "Mobilfunk",
        "Digitalisierung",
    ],
    "Open Source in der Verwaltung": ["Open Source", "Open-Source"],
    "Digitale Barrierefreiheit": ["digitale Barrierefreiheit", "barrierefreie Website", "BITV"],
}


def seed(apps, schema_editor):
    Topic = apps.get_model("topics", "Topic")
    TopicKeywords = apps.get_model("oparl", "TopicKeywords")
    for topic in Topic.objects.filter(title__in=KEYWORDS):
        if not TopicKeywords.objects.filter(topic=topic).exists():
            TopicKeywords.objects.create(topic=topic, keywords="\n".join(KEYWORDS[topic.title]))


class Migration(migrations.Migration):
    dependencies = [
        ("oparl", "0002_sync_runs_and_topics"),
        ("topics", "0002_seed_topics"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
