"""Smoke test of benchmarks/search_bench.py: the text pool, the build through
search.services.index_objects and the measured pages work (50 documents; no timing is
asserted, the benchmark itself is not part of the suite)."""

import importlib.util
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser

from stadtgespraeche.search import queries
from stadtgespraeche.search.models import SearchDocument

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SCRIPT = Path(__file__).resolve().parents[3] / "benchmarks" / "search_bench.py"


def _benchmark():
    spec = importlib.util.spec_from_file_location("search_benchmark", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_benchmark_builds_through_the_index_path_and_measures_pages(capsys):
    benchmark = _benchmark()
    pool = benchmark.texts()
    assert len(pool) > 1000  # the OParl crawls' names and the quality set's texts
    assert any("Beschlussvorlage" in text or "Antrag" in text for text in pool)

    # Batches of 10 objects: 8 of every 10 batches council papers (the oparl provider's
    # document builder), the others platform documents from the text pool.
    benchmark.build(100, pool, batch=10)

    documents = SearchDocument.objects.filter(model_label="bench.document")
    assert documents.count() == 20
    assert documents.exclude(date=None).count() == 20
    papers = SearchDocument.objects.filter(model_label="oparl.oparlpaper")
    assert papers.count() == 80
    assert set(papers.values_list("kind", flat=True)) == {"council_paper"}
    paper = papers.order_by("pk").first()
    assert paper.body.splitlines()[2].startswith("Stadt ")  # reference, type, council
    assert paper.url.startswith("https://oparl.example.org/")
    title = documents.filter(min_level=0).first().title
    hits = queries.search(AnonymousUser(), title, per_page=50).hits
    assert title in [hit.title for hit in hits]
    benchmark.measure(benchmark.member_client(), repeat=1, run=1)
    output = capsys.readouterr().out
    assert "build through services.index_objects: 100 documents" in output
    for scenario in [*benchmark.SCENARIOS, "suggestions"]:
        assert f"run 1: {scenario}" in output
