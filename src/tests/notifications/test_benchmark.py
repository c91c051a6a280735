"""Smoke test of benchmarks/notifications_bench.py: generator and measurement loop work
(with 30 notifications; no timing is asserted, the benchmark itself is not part of the suite)."""

import importlib.util
import sys
from pathlib import Path

import pytest

from stadtgespraeche.notifications.models import Notification

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SCRIPT = Path(__file__).resolve().parents[3] / "benchmarks" / "notifications_bench.py"


def _benchmark():
    spec = importlib.util.spec_from_file_location("notifications_benchmark", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_benchmark_generates_and_measures_the_centre(capsys):
    benchmark = _benchmark()

    reader_id = benchmark.generate(notifications=30, others=2)
    benchmark.spread_created_at()
    results = benchmark.measure(reader_id=reader_id, repeat=2)

    assert Notification.objects.filter(recipient_id=reader_id).count() == 30
    assert Notification.objects.count() == 30 + 2 * 200
    assert len(set(Notification.objects.values_list("created_at", flat=True))) > 1
    names = [name for name, *_rest in results]
    assert names[0] == "centre page 1"
    assert all(queries >= 1 for *_rest, queries in results)
    assert "SQL" in capsys.readouterr().out
