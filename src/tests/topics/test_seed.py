import pytest

from stadtgespraeche.topics.models import Topic
from stadtgespraeche.topics.seed import SEED_TOPICS

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_migration_seeds_the_formats_topics():
    titles = set(Topic.objects.values_list("title", flat=True))

    assert {
        "Digitale Bürgerbeteiligung",
        "Hybride Ratsarbeit",
        "Digitale Souveränität",
        "Datenethik",
        "Open Data",
        "KI in der Verwaltung",
    } <= titles
    assert Topic.objects.filter(is_active=True).count() == len(SEED_TOPICS)
