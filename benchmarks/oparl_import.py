"""Benchmark of the OParl import (issue 14): the Hürtgenwald crawl from a local server.

Starts the fake OParl server (`stadtgespraeche.oparl.fake_server`) in a separate process
on 127.0.0.1, migrates a fresh database, registers the Hürtgenwald endpoint and imports it
(OParl 1.0, Sternberg, ~17,400 objects, 104 list pages); then runs the import again
(incremental: `modified_since`) and once more in full. Prints CPU time (this process: the
importer only, the server runs elsewhere), wall time, rows written and peak memory
(maximum resident set size, and the growth over the baseline after Django start-up).

    python -m uv run --frozen python benchmarks/oparl_import.py             # SQLite
    scripts/with-postgres.sh \
        python -m uv run --frozen python benchmarks/oparl_import.py --postgres

Needs the shared data (SHARED_DATA_DIR or ../shared/data). Figures: benchmarks/OPARL.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parents[1]
RESULTS_DIR = REPO_DIR / "benchmarks" / "results" / "oparl"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(url: str, timeout: float = 60.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"fake server did not answer at {url}")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true", help="use DATABASE_URL")
    parser.add_argument("--connections", type=int, default=2, help="parallel requests per host")
    args = parser.parse_args()

    data_dir = Path(os.environ.get("SHARED_DATA_DIR", REPO_DIR.parent / "shared" / "data"))
    os.environ.setdefault("STADTGESPRAECHE_DEMO", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stadtgespraeche.settings")
    if not args.postgres:
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        db = RESULTS_DIR / "stadtgespraeche.sqlite3"
        db.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    elif "DATABASE_URL" not in os.environ:
        raise SystemExit("--postgres needs DATABASE_URL (scripts/with-postgres.sh)")

    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 - our own module, fixed arguments
        [
            sys.executable,
            "-m",
            "stadtgespraeche.oparl.fake_server",
            "--data",
            str(data_dir),
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        system_url = f"http://127.0.0.1:{port}/huertgenwald/oparl/v1.0/system"
        _wait_for(system_url)
        _run(system_url, args)
    finally:
        server.terminate()
        server.wait(timeout=10)


def _run(system_url: str, args: argparse.Namespace) -> None:
    import django

    sys.path.insert(0, str(REPO_DIR / "src"))
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from stadtgespraeche.oparl.client import Fetcher
    from stadtgespraeche.oparl.models import TYPED_MODELS, RawObject
    from stadtgespraeche.oparl.services.endpoints import add_endpoint
    from stadtgespraeche.oparl.services.importer import run_import

    if args.postgres:
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    baseline = _rss_mb()
    print(f"database: {connection.vendor}; baseline RSS after start-up {baseline:.0f} MB")
    with Fetcher(max_per_host=args.connections) as fetcher:
        endpoint = add_endpoint(system_url=system_url, fetcher=fetcher)
        for label, full in (
            ("first import", False),
            ("re-run (incremental)", False),
            ("re-run (full crawl)", True),
        ):
            endpoint.refresh_from_db()
            cpu, wall = time.process_time(), time.perf_counter()
            run = run_import(endpoint, fetcher=fetcher, full=full)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            counts = run.stats["counts"]
            print(
                f"{label:22} {run.status:9} CPU {cpu:6.2f} s  wall {wall:6.2f} s  "
                f"objects {counts.get('objects_seen', 0):6}  "
                f"raw rows written {counts.get('raw_written', 0):6}  "
                f"typed rows written {counts.get('typed_written', 0):6}  "
                f"requests {counts.get('requests', 0)}  peak RSS {_rss_mb():.0f} MB "
                f"(+{_rss_mb() - baseline:.0f} MB)"
            )
    typed = {name: model.objects.count() for name, model in TYPED_MODELS.items()}
    print(f"raw objects {RawObject.objects.count()}; typed {typed}")


if __name__ == "__main__":
    main()
