"""Facet counts against a brute-force count in Python, with and without filters (each facet
ignores its own filter and applies the others), on both databases."""

import datetime
import random
from collections import Counter

import pytest
from django.contrib.auth.models import AnonymousUser

from stadtgespraeche.search import access, queries
from stadtgespraeche.search.backends import get_backend
from stadtgespraeche.search.backends.base import Row
from stadtgespraeche.search.models import SearchDocument, SearchTag

pytestmark = pytest.mark.integration

KINDS = ["practice", "event", "post"]


def _documents(count: int) -> list[dict]:
    rng = random.Random(11)
    documents = []
    for pk in range(1, count + 1):
        doc = {
            "id": pk * 997,  # spread over several PostgreSQL recency blocks
            "kind": rng.choice(KINDS),
            "year": rng.choice([2023, 2024, 2025, None]),
            "municipalities": set(rng.sample(range(1, 16), rng.randint(0, 2))),
            "topics": set(rng.sample(range(1, 5), rng.randint(0, 2))),
            "hidden": rng.random() < 0.2,
        }
        date = datetime.datetime(doc["year"], 3, 1, tzinfo=datetime.UTC) if doc["year"] else None
        SearchDocument.objects.create(
            id=doc["id"],
            model_label="tests.document",
            object_id=pk,
            kind=doc["kind"],
            title="Wärmeplanung",
            url=f"/d/{pk}/",
            date=date,
            year=doc["year"],
            min_level=1 if doc["hidden"] else 0,
            max_level=2,
        )
        SearchTag.objects.bulk_create(
            [SearchTag(document_id=doc["id"], kind="m", value=m) for m in doc["municipalities"]]
            + [SearchTag(document_id=doc["id"], kind="t", value=t) for t in doc["topics"]]
        )
        tokens = access.document_tokens(
            kind=doc["kind"],
            year=doc["year"],
            municipality_ids=doc["municipalities"],
            topic_ids=doc["topics"],
        )
        get_backend().write([Row(id=doc["id"], title="Wärmeplanung", body="", tags=tokens)])
        documents.append(doc)
    return documents


def _passes(doc: dict, filters: queries.Filters, ignore: str) -> bool:
    return (
        (ignore == "kind" or not filters.kind or doc["kind"] == filters.kind)
        and (ignore == "year" or not filters.year or doc["year"] == filters.year)
        and (
            ignore == "municipality"
            or not filters.municipality
            or filters.municipality in doc["municipalities"]
        )
        and (ignore == "topic" or not filters.topic or filters.topic in doc["topics"])
    )


def _expected(documents: list[dict], filters: queries.Filters) -> dict:
    visible = [doc for doc in documents if not doc["hidden"]]
    facets = {}
    for name in ("kind", "year"):
        counts = Counter(doc[name] for doc in visible if _passes(doc, filters, name))
        counts.pop(None, None)
        facets[name] = sorted(counts.items(), key=lambda entry: (entry[1], entry[0]), reverse=True)
    for name, field in (("municipality", "municipalities"), ("topic", "topics")):
        counts = Counter(
            value for doc in visible if _passes(doc, filters, name) for value in doc[field]
        )
        ranked = sorted(counts.items(), key=lambda entry: (-entry[1], entry[0]))
        facets[name] = ranked[: queries.FACET_LIMIT]
    for name in ("body", "paper_type", "result"):  # council facets: none of these documents
        facets[name] = []
    return facets


@pytest.mark.parametrize(
    "filters",
    [
        queries.Filters(),
        queries.Filters(kind="practice"),
        queries.Filters(year=2024),
        queries.Filters(kind="event", municipality=3),
        queries.Filters(topic=2, year=2025),
    ],
    ids=["none", "kind", "year", "kind+municipality", "topic+year"],
)
def test_facets_match_a_brute_force_count(db, filters):
    documents = _documents(120)
    results = queries.search(AnonymousUser(), "Wärmeplanung", filters=filters)
    assert results.facets == _expected(documents, filters)
    assert results.total == sum(
        1 for doc in documents if not doc["hidden"] and _passes(doc, filters, "")
    )
