"""The ranking window (the newest RANK_WINDOW visible matches) on both databases, with document
ids spread over many PostgreSQL recency blocks (backends/postgresql.py, `window`): block
probes, widening by density, and reading the rest at once must give exactly the newest
visible matches."""

import random
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stadtgespraeche.search import queries, services
from stadtgespraeche.search import query as query_module
from stadtgespraeche.search.backends import postgresql
from stadtgespraeche.search.models import SearchDocument
from tests.search.documents import add_document

pytestmark = pytest.mark.integration

WORDS = ["Wärmeplanung", "Radverkehr", "Sensorik", "Haushalt"]


def _add(pk: int, words: list[str], *, min_level: int = 0) -> None:
    add_document(pk, " ".join(words), min_level=min_level)


@pytest.fixture
def window(monkeypatch):
    # Probe blocks even in these small indexes (PostgreSQL reads small ones at once).
    monkeypatch.setattr(postgresql, "SMALL_INDEX", 0)

    def _set(size: int) -> None:
        monkeypatch.setattr(queries, "RANK_WINDOW", size)

    return _set


def _is_heat(pk: int) -> bool:
    return "Wärmeplanung" in SearchDocument.objects.get(pk=pk).title


def _ranked(text: str) -> list[int]:
    parsed = query_module.parse(text)
    parsed.prepared = True  # whole words only; frequency is not under test here
    return queries.ranked_ids(parsed, AnonymousUser(), queries.Filters(), limit=100)


def test_window_holds_the_newest_matches_across_blocks(db, window):
    # Block size on PostgreSQL: 16,384 ids. Matches in the newest block, a gap of empty
    # blocks, and old matches far below (read at once after the probes).
    ids = [3, 9, 16_390, 40_000, 70_001, 300_000, 600_000, 600_001]
    for pk in ids:
        _add(pk, ["Wärmeplanung"])
    _add(600_002, ["Radverkehr"])
    window(3)
    assert sorted(_ranked("Wärmeplanung")) == [300_000, 600_000, 600_001]
    window(6)
    assert sorted(_ranked("Wärmeplanung")) == [16_390, 40_000, 70_001, 300_000, 600_000, 600_001]
    window(100)
    assert sorted(_ranked("Wärmeplanung")) == ids
    assert _ranked("Radverkehr") == [600_002]
    assert _ranked("Sensorik") == []


def test_window_holds_the_newest_matches_the_viewer_may_see(db, window):
    # Hidden matches neither take a place in the window nor appear (both backends).
    _add(10, ["Haushalt"])
    _add(20, ["Haushalt"])
    _add(50_000, ["Haushalt"], min_level=1)
    window(1)
    assert _ranked("Haushalt") == [20]
    window(5)
    assert sorted(_ranked("Haushalt")) == [10, 20]


def test_window_equals_the_newest_matches_for_random_documents(db, window):
    rng = random.Random(7)
    documents = {}
    for pk in sorted(rng.sample(range(1, 400_000), 80)):
        words = rng.sample(WORDS, rng.randint(1, 3))
        documents[pk] = set(words)
        _add(pk, words)
    for size in (1, 4, 15, 60):
        window(size)
        for text in ("Wärmeplanung", "Radverkehr Sensorik", "Haushalt"):
            wanted = set(text.split())
            matching = sorted(
                (pk for pk, words in documents.items() if wanted <= words), reverse=True
            )
            assert sorted(_ranked(text)) == sorted(matching[:size]), (size, text)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL function")
def test_block_of_a_document_is_about_24_days_of_content_dates(db):
    # The SQL function (migration 0007) and the backend's BLOCK_BITS must agree; ids hold the
    # content date in seconds above 30 hash bits (services.document_id).
    size = 1 << postgresql.BLOCK_BITS
    assert size == (1 << 21) << services.ID_HASH_BITS
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_block(0)::text, search_block(%s)::text, search_block(%s)::text",
            [size - 1, size],
        )
        assert cursor.fetchone() == ("'b0'", "'b0'", "'b1'")


def test_window_holds_the_newest_content_across_date_blocks(db, window):
    # Real ids (content dates of 2010 to 2026): PostgreSQL probes blocks of 24 days, widens
    # by density and reads the rest at once; both backends give the newest visible matches.
    rng = random.Random(11)
    start = datetime(2010, 1, 1, tzinfo=UTC)
    dated = {}
    for number in range(60):
        when = start + timedelta(days=rng.randint(0, 16 * 365), seconds=rng.randint(0, 86_399))
        pk = services.document_id("tests.document", number, "", when)
        dated[pk] = when
        _add(pk, ["Wärmeplanung"] if number % 3 else ["Radverkehr"])
    matching = sorted((pk for pk in dated if _is_heat(pk)), key=lambda pk: dated[pk], reverse=True)
    for size in (1, 7, 30, 100):
        window(size)
        assert sorted(_ranked("Wärmeplanung")) == sorted(matching[:size]), size


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL storage")
def test_ranking_reads_vectors_in_the_row_and_documents_from_one_index(db):
    # Migration 0005: vector stays in the row (no TOAST look-up per ranked match), the long
    # tags go to TOAST; a covering index answers visibility and date of a ranking window.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute WHERE attrelid = 'search_fts'::regclass "
            "AND attname IN ('vector', 'tags') ORDER BY attname"
        )
        assert cursor.fetchall() == [("tags", "e"), ("vector", "m")]
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'search_fts'")
        assert cursor.fetchone()[0] == ["toast_tuple_target=4000"]
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname IN "
            "('search_fts_vector', 'search_document_window', 'search_tag_by_document') "
            "ORDER BY indexname"
        )
        window, vector, tags = (row[0] for row in cursor.fetchall())
        assert "(id) INCLUDE (min_level, max_level, date, kind, year)" in window
        assert "(document_id) INCLUDE (kind, value)" in tags
        assert "gin (vector, tags, search_block(document_id))" in vector


def test_total_and_facets_count_visible_matches_across_blocks(db, monkeypatch):
    visible_ids = [5, 20_000, 70_000, 500_000]
    for pk in visible_ids:
        _add(pk, ["Sensorik"])
    for pk in (30_000, 600_000):  # network only: never counted for an anonymous viewer
        _add(pk, ["Sensorik"], min_level=1)
    results = queries.search(AnonymousUser(), "Sensorik")
    assert results.total == 4
    assert results.facets["kind"] == [("practice", 4)]
    # Above the window the page says "more than …" and the facets count the newest matches.
    monkeypatch.setattr(queries, "RANK_WINDOW", 2)
    results = queries.search(AnonymousUser(), "Sensorik")
    assert results.total == 3
    assert results.total_is_lower_bound
    assert results.shown_total == 2
    assert results.facets["kind"] == [("practice", 2)]
    assert sorted(hit.id for hit in results.hits) == [70_000, 500_000]  # the newest two


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL setting")
def test_window_reads_run_without_parallel_workers(db):
    # Set for the reading transaction only (here: the test's transaction, so it is visible
    # after the search); parallel workers cost more than these short reads.
    _add(5, ["Sensorik"])
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] != "0"
        assert _ranked("Sensorik") == [5]
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"


def test_frequent_single_word_reads_the_index_once_where_windows_count(db, window):
    # PostgreSQL counts the matches of every window, so the window of the whole word is
    # both the frequency check and the results; SQLite counts first (a cheap FTS5 count).
    for pk in (3, 4):
        _add(pk, ["Sensorik"])
    window(1)
    with CaptureQueriesContext(connection) as captured:
        results = queries.search(AnonymousUser(), "Sensorik")
    statements = [query["sql"] for query in captured.captured_queries]
    windows = [sql for sql in statements if "search_fts" in sql and "max(" not in sql]
    assert results.total == 2
    assert results.total_is_lower_bound
    assert [hit.id for hit in results.hits] == [4]
    assert len(windows) == (1 if connection.vendor == "postgresql" else 2)
