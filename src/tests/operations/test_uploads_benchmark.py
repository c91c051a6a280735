"""Smoke test of benchmarks/uploads_bench.py: it builds the hostile files and checks them
(with 2 MB bombs; no memory or time is asserted, the benchmark is not part of the suite)."""

import importlib.util
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

SCRIPT = Path(__file__).resolve().parents[3] / "benchmarks" / "uploads_bench.py"


def _benchmark():
    spec = importlib.util.spec_from_file_location("uploads_benchmark", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_benchmark_builds_the_hostile_files_and_every_one_is_refused(tmp_path):
    benchmark = _benchmark()

    files = benchmark.build_files(tmp_path, inflate_mb=2)
    rows = {name: benchmark.measure(path) for name, path in files.items()}

    assert {name for name, row in rows.items() if row["verdict"].startswith("rejected")} == {
        name for name in files if name != "ordinary.pdf"
    }
    assert rows["ordinary.pdf"]["verdict"] == "accepted as PDF document"
    assert set(rows["pixel-bomb.png"]) == {
        "file", "size_kib", "verdict", "peak_rss_growth_mib", "seconds"
    }  # fmt: skip
