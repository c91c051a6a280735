"""Smoke test of benchmarks/directory_search.py: the generator and the search loop work
(with 50 profiles; no timing is asserted, the benchmark itself is not part of the suite)."""

import importlib.util
import sys
from pathlib import Path

import pytest

from stadtgespraeche.people.models import Mandate, Profile
from tests.factories.municipalities import MunicipalityFactory, PartyFactory, StateFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SCRIPT = Path(__file__).resolve().parents[3] / "benchmarks" / "directory_search.py"


def _benchmark():
    spec = importlib.util.spec_from_file_location("directory_search_benchmark", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_benchmark_generator_creates_profiles_deterministically():
    benchmark = _benchmark()
    state = StateFactory()
    MunicipalityFactory.create_batch(4, state=state)
    PartyFactory()

    report = benchmark.generate(
        profiles=50, municipalities=3, load_reference=False, log=lambda _line: None
    )

    assert report.profiles == Profile.objects.count() == 50
    assert report.mandates == Mandate.objects.count() >= 50
    assert report.municipalities == 3
    assert Profile.objects.values("municipality").distinct().count() <= 3
    assert report.interests == Profile.interests.through.objects.count() >= 50


def test_benchmark_measure_runs_every_scenario_and_prints_a_table():
    benchmark = _benchmark()
    MunicipalityFactory.create_batch(2, state=StateFactory())
    PartyFactory()
    benchmark.generate(profiles=50, municipalities=2, load_reference=False, log=lambda _l: None)

    measurements = benchmark.measure(repeat=1, log=lambda _line: None)
    text = benchmark.table(measurements, title="smoke")

    assert len(measurements) == 2 * len(benchmark.scenarios())
    assert all(m.sql_per_page > 0 for m in measurements)
    assert "| all (no filter) | member | " in text
