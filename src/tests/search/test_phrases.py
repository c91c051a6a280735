"""Phrases on both databases; on PostgreSQL through the bigram lexemes (migration 0004)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from stadtgespraeche.search import german, queries
from stadtgespraeche.topics import services as topic_services
from tests.factories.accounts import OrganiserFactory
from tests.search.documents import add_document

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


def test_longer_phrase_needs_all_words_adjacent_in_order(db, index):
    organiser = OrganiserFactory()
    together = topic_services.create_topic(
        title="Zusammen", summary="Offene Daten Plattform der Stadt", by=organiser
    )
    apart = topic_services.create_topic(
        title="Getrennt", summary="Offene Daten. Später: Daten Plattform", by=organiser
    )
    index(together, apart)
    # Both have the pairs "offene Daten" and "Daten Plattform"; only one has the phrase.
    assert _titles('"offene Daten Plattform"') == ["Zusammen"]
    assert sorted(_titles('"offene Daten"')) == ["Getrennt", "Zusammen"]


def test_phrase_in_a_document_longer_than_the_position_limit(db):
    # PostgreSQL stores positions up to 16,383; such documents carry `~long` and are checked
    # against their positions instead of the pairs (same result on both databases).
    body = "Offene Daten am Anfang. " + " ".join(f"Wort{number}" for number in range(16_500))
    add_document(7, "Lang", body)
    assert _titles('"offene Daten"') == ["Lang"]
    assert _titles('"Daten offene"') == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL position limit")
def test_phrase_at_the_position_limit_is_checked_against_positions(db):
    # Positions stop at 16,383, so two words can share the last one: the pairs function sees
    # only one of them as the neighbour, the vector has both (`~long` sends the document to
    # the check of positions). Either phrase must be found.
    first, second, third = (german.stems(word)[0] for word in ("offene", "Daten", "Plattform"))
    add_document(8, "Grenze", fulltext=False)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_fts (document_id, vector, tags) SELECT 8, v, "
            "to_tsvector('simple', 'kpractice') || search_bigrams(v) FROM "
            "(SELECT setweight(%s::tsvector, 'B') AS v) AS r",
            [f"{first}:16382 {second}:16383 {third}:16383"],
        )
    assert _titles('"offene Daten"') == ["Grenze"]
    assert _titles('"offene Plattform"') == ["Grenze"]
    assert _titles('"Daten offene"') == []
