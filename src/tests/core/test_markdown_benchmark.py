"""Smoke test of benchmarks/markdown_bench.py: the generator and the measuring loop work
(with 30 posts; no timing is asserted, the benchmark itself is not part of the suite)."""

import importlib.util
import sys
from pathlib import Path

import pytest

from stadtgespraeche.knowledge.models import Practice

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SCRIPT = Path(__file__).resolve().parents[3] / "benchmarks" / "markdown_bench.py"


def _benchmark():
    spec = importlib.util.spec_from_file_location("markdown_benchmark", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_benchmark_generates_pages_and_measures_three_modes(capsys):
    benchmark = _benchmark()

    benchmark.generate(posts=30)
    benchmark.measure(repeat=1)

    practice = Practice.objects.get(slug__startswith=benchmark.PRACTICE_SLUG)
    assert practice.approach_html.startswith("<")
    output = capsys.readouterr().out
    assert "thread page (25 of 30 posts)" in output
    assert output.count("stored, trusted p50") == 3
    assert "sanitise stored HTML" in output
