"""Phrases on both databases; on PostgreSQL through the bigram lexemes (migration 0004)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from stadtgespraeche.search import queries
from stadtgespraeche.topics import services as topic_services
from tests.factories.accounts import OrganiserFactory

pytestmark = pytest.mark.integration


def _titles(text):
    return [hit.title for hit in queries.search(AnonymousUser(), text, with_facets=False).hits]


def test_phrase_matches_adjacent_words_in_order_only(db, index):
    organiser = OrganiserFactory()
    topic = topic_services.create_topic(
        title="Wärmeplanung", summary="Offene Daten für die kommunale Wärmeplanung", by=organiser
    )
    index(topic)
    assert _titles('"offene Daten"') == ["Wärmeplanung"]
    assert _titles('"kommunale Wärmeplanung"') == ["Wärmeplanung"]
    assert _titles('"Daten offene"') == []
    assert _titles('"offene kommunale"') == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL function")
def test_bigrams_are_the_adjacent_positions_of_the_vector(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_bigrams(to_tsvector('simple', 'off dat off dat kommun'))::text"
        )
        assert cursor.fetchone()[0] == "'dat~kommun' 'dat~off' 'off~dat'"
        cursor.execute("SELECT search_bigrams(''::tsvector)::text")
        assert cursor.fetchone()[0] == ""
        cursor.execute("SELECT search_bigrams(setweight('a:16383 b:16383'::tsvector, 'A'))::text")
        assert cursor.fetchone()[0] == "'~long'"
