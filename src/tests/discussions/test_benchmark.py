"""Smoke test of benchmarks/discussions_bench.py: the generator and the measuring loop work
(with 60 posts; no timing is asserted, the benchmark itself is not part of the suite)."""

import importlib.util
import sys
from pathlib import Path

import pytest

from stadtgespraeche.discussions.models import Post, Thread

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SCRIPT = Path(__file__).resolve().parents[3] / "benchmarks" / "discussions_bench.py"


def _benchmark():
    spec = importlib.util.spec_from_file_location("discussions_benchmark", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_benchmark_generates_a_thread_and_measures_pages(capsys):
    benchmark = _benchmark()

    benchmark.generate(posts=60, authors=5)
    benchmark.measure(repeat=1)

    thread = Thread.objects.get(title=benchmark.THREAD_TITLE)
    assert Post.objects.filter(thread=thread).count() == 60
    output = capsys.readouterr().out
    assert "Thread with 60 posts" in output
    assert output.count("SQL queries") == 8
