"""Document ids by content date (services.document_id): the ranking window holds the newest
*content*, and a full reindex in any order considers the same matches in the same order."""

import importlib
from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser

from stadtgespraeche.search import queries, services
from stadtgespraeche.search.models import SearchDocument
from stadtgespraeche.topics.models import Topic

pytestmark = pytest.mark.integration

JAN = datetime(2024, 1, 1, 12, 0, tzinfo=UTC)


@pytest.mark.unit
def test_document_id_orders_by_content_date_then_is_stable():
    older = services.document_id("topics.topic", 1, "", JAN)
    newer = services.document_id("topics.topic", 2, "", JAN + timedelta(seconds=1))
    undated = services.document_id("topics.topic", 3, "", None)
    assert undated < older < newer
    seconds = int((JAN - datetime(1900, 1, 1, tzinfo=UTC)).total_seconds())
    assert older >> services.ID_HASH_BITS == seconds
    # The same document always gets the same id; another variant or object another one.
    assert services.document_id("topics.topic", 1, "", JAN) == older
    assert services.document_id("topics.topic", 1, "network", JAN) != older
    assert undated >> services.ID_HASH_BITS == 0


@pytest.mark.unit
def test_document_id_accepts_naive_datetimes_and_dates_and_caps_extremes():
    naive = services.document_id("x.y", 1, "", datetime(2024, 1, 1, 12, 0))  # noqa: DTZ001
    assert naive == services.document_id("x.y", 1, "", JAN)
    midnight = services.document_id("x.y", 1, "", date(2024, 1, 1))
    assert midnight == services.document_id("x.y", 1, "", datetime(2024, 1, 1, tzinfo=UTC))
    before_1900 = services.document_id("x.y", 1, "", datetime(1850, 1, 1, tzinfo=UTC))
    assert before_1900 >> services.ID_HASH_BITS == 0
    far_future = services.document_id("x.y", 1, "", datetime(9999, 1, 1, tzinfo=UTC))
    assert far_future >> services.ID_HASH_BITS == (1 << 33) - 1
    assert far_future < 1 << 63  # fits a signed 64-bit integer (SQLite, PostgreSQL bigint)


def test_colliding_id_moves_to_the_next_free_id_of_the_same_second(db, index):
    topic = Topic.objects.create(title="Radverkehr", slug="rad", summary="", body="")
    wanted = services.document_id("topics.topic", topic.pk, "", topic.created_at)
    SearchDocument.objects.create(
        id=wanted, model_label="tests.other", object_id=1, kind="topic", title="x", url="/x/"
    )
    index(topic)
    document = SearchDocument.objects.get(model_label="topics.topic", object_id=topic.pk)
    assert document.pk == wanted + 1
    assert document.pk >> services.ID_HASH_BITS == wanted >> services.ID_HASH_BITS
    assert [hit.id for hit in queries.search(AnonymousUser(), "Radverkehr").hits] == [document.pk]


def test_a_moved_id_never_lands_on_an_id_stored_by_an_earlier_batch(db, index):
    # An earlier batch stored one document at its own id and a colliding one moved to the
    # next id: a third document wanting the first id must skip both (this was a unique-key
    # error in `reindex --restart` on data with many documents of the same second).
    topic = Topic.objects.create(title="Radverkehr", slug="rad", summary="", body="")
    wanted = services.document_id("topics.topic", topic.pk, "", topic.created_at)
    for offset in (0, 1):
        SearchDocument.objects.create(
            id=wanted + offset,
            model_label="tests.other",
            object_id=offset,
            kind="topic",
            title="x",
            url="/x/",
        )
    index(topic)
    document = SearchDocument.objects.get(model_label="topics.topic", object_id=topic.pk)
    assert document.pk == wanted + 2
    assert [hit.id for hit in queries.search(AnonymousUser(), "Radverkehr").hits] == [document.pk]


def _topics(count: int) -> list[Topic]:
    topics = []
    for number in range(count):
        topic = Topic.objects.create(
            title=f"Wärmeplanung {number}", slug=f"w{number}", summary="", body=""
        )
        # Content dates in the opposite order of the primary keys.
        Topic.objects.filter(pk=topic.pk).update(created_at=JAN - timedelta(days=number))
        topics.append(Topic.objects.get(pk=topic.pk))
    return topics


def _search() -> list[tuple[str, int]]:
    results = queries.search(AnonymousUser(), "Wärmeplanung", with_facets=False)
    return [(hit.title, hit.id) for hit in results.hits]


def test_window_holds_the_newest_content_not_the_last_indexed(db, index, monkeypatch):
    topics = _topics(5)
    index(*reversed(topics))  # the oldest content is indexed last
    monkeypatch.setattr(queries, "RANK_WINDOW", 2)
    assert sorted(title for title, _ in _search()) == ["Wärmeplanung 0", "Wärmeplanung 1"]


def test_full_reindex_in_another_order_considers_the_same_matches(db, index, monkeypatch):
    topics = _topics(6)
    monkeypatch.setattr(queries, "RANK_WINDOW", 3)
    index(*topics)
    first = _search()
    services.clear_index()
    index(*reversed(topics))
    assert _search() == first
    assert sorted(title for title, _ in first) == [f"Wärmeplanung {n}" for n in range(3)]


@pytest.mark.parametrize(
    ("documents", "recorded", "expected"), [(False, 2, 3), (True, 2, 2), (True, 1, 1)]
)
def test_migration_asks_for_a_full_reindex_of_an_index_with_documents(
    db, documents, recorded, expected
):
    # Migration 0007: stored documents keep their old ids until `reindex --restart`.
    from types import SimpleNamespace

    from django.apps import apps

    from stadtgespraeche.search.models import IndexState

    migration = importlib.import_module(
        "stadtgespraeche.search.migrations.0007_ids_by_content_date"
    )
    IndexState.objects.update(normalisation=recorded)
    if documents:
        SearchDocument.objects.create(
            model_label="tests.document", object_id=1, kind="topic", title="x", url="/x/"
        )
    editor = SimpleNamespace(connection=SimpleNamespace(vendor="sqlite"))
    migration.forward(apps, editor)
    assert queries.index_normalisation() == expected
