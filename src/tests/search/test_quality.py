"""The German search-quality set (quality.py), on whichever backend the test leg runs."""

import copy

import pytest
from django.contrib.auth.models import AnonymousUser

from stadtgespraeche.search import queries
from stadtgespraeche.search import query as query_module
from stadtgespraeche.search.models import SearchDocument
from stadtgespraeche.topics.models import Topic

from .quality import CORPUS, QUERIES, RANKING, metrics

pytestmark = pytest.mark.integration

# Floors of the whole set (figures per database in docs/search.md).
RECALL_AT_10 = 1.0
MRR = 0.96


@pytest.fixture
def corpus(db, index):
    keys = {}
    for key, (title, body) in CORPUS.items():
        topic = Topic.objects.create(title=title, slug=key, summary="", body=body)
        index(topic)
        keys[topic.title] = key
    return keys


def _found(text, keys):
    results = queries.search(AnonymousUser(), text, per_page=50, with_facets=False)
    return [keys[hit.title] for hit in results.hits]


def test_quality_set_has_at_least_eighty_queries_with_expected_documents():
    assert sum(1 for _, expected, _ in QUERIES if expected) >= 80


@pytest.mark.parametrize(("text", "expected", "absent"), QUERIES, ids=[q[0] for q in QUERIES])
def test_quality_query_finds_expected_documents(corpus, text, expected, absent):
    found = set(_found(text, corpus))
    assert expected <= found, f"missing {expected - found}"
    assert not (absent & found), f"unexpected {absent & found}"


def test_quality_recall_and_mrr(corpus, capsys):
    """recall@10 and MRR of the whole set (printed for docs/search.md: run with -s)."""
    recall, mrr = metrics(lambda text: _found(text, corpus))
    with capsys.disabled():
        print(f"\nquality set: recall@10 {recall:.3f}, MRR {mrr:.3f}")
    assert recall >= RECALL_AT_10
    assert mrr >= MRR


@pytest.mark.parametrize(("text", "first"), RANKING)
def test_quality_ranking_puts_title_hit_first(corpus, text, first):
    assert _found(text, corpus)[0] == first


def test_frequent_word_is_looked_up_as_whole_word_only(db, index, monkeypatch):
    """Words with at least RANK_WINDOW whole-word matches skip compound parts (cost)."""
    from stadtgespraeche.topics.models import Topic

    monkeypatch.setattr(queries, "RANK_WINDOW", 1)
    whole = Topic.objects.create(title="Plattform", slug="t-whole", summary="")
    part = Topic.objects.create(title="Datenplattform", slug="t-part", summary="")
    index(whole, part)
    assert [hit.title for hit in queries.search(AnonymousUser(), "Plattform").hits] == ["Plattform"]


@pytest.mark.parametrize("text", ["Plattform", "Plattform Daten"])
def test_preparing_a_search_leaves_the_parsed_query_unchanged(db, index, monkeypatch, text):
    monkeypatch.setattr(queries, "RANK_WINDOW", 1)
    whole = Topic.objects.create(title="Plattform Daten", slug="t-whole", summary="")
    part = Topic.objects.create(title="Datenplattform", slug="t-part", summary="")
    index(whole, part)
    parsed = query_module.parse(text)
    before = copy.deepcopy(parsed)
    prepared = queries.prepare(parsed)
    assert prepared.whole_word_terms == {"plattform"}
    assert prepared.prepared
    assert parsed == before
    # The same parsed query searched twice: unchanged, and the same answer both times.
    first = queries.ranked_ids(parsed, AnonymousUser(), queries.Filters(), limit=10)
    assert parsed == before
    assert queries.ranked_ids(parsed, AnonymousUser(), queries.Filters(), limit=10) == first
    assert first == [SearchDocument.objects.get(model_label="topics.topic", object_id=whole.pk).pk]
