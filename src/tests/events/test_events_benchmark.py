"""Smoke test of benchmarks/events_bench.py: the generator and the measuring loop work
with a small data set (no timing is asserted; the benchmark is not part of the suite)."""

import importlib.util
import sys
from pathlib import Path

import pytest

from stadtgespraeche.events.models import Event
from stadtgespraeche.registrations.models import Registration
from tests.factories.municipalities import MunicipalityFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SCRIPT = Path(__file__).resolve().parents[3] / "benchmarks" / "events_bench.py"


def _benchmark():
    spec = importlib.util.spec_from_file_location("events_benchmark", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_benchmark_generates_and_measures_small_data_set():
    benchmark = _benchmark()
    MunicipalityFactory.create_batch(3)

    report = benchmark.generate(
        events=12, registrations=60, users=20, load_reference=False, log=lambda _line: None
    )
    measurements = benchmark.measure(repeat=1, details=2, log=lambda _line: None)

    assert report.events == Event.objects.count() == 12
    assert report.registrations == Registration.objects.count() == 60
    assert {m.viewer for m in measurements} == {"anonymous", "member"}
    pages = {m.page for m in measurements}
    assert {"series feed unchanged (304)", "personal feed unchanged (304)"} <= pages
    assert all(m.sql_min > 0 for m in measurements)
    assert "| list, first page | anonymous |" in benchmark.table(measurements, "sqlite")
