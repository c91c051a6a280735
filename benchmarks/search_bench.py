"""Benchmark of the one search over all content (issue 16): honest figures.

- **Text**: real German council text, the names of the papers, agenda items, meetings, files
  and organisations of the OParl crawls in `shared/data/oparl/` (Karlsruhe 2025, Hürtgenwald)
  and the platform texts of the search quality set. A document's title is one of these
  texts, its body 4–12 more; so words keep the natural spread of the real texts (a few very
  frequent, most rare). Content dates are spread over 2005–2026, 10 % of the documents are
  for the network only, each has a municipality and a topic.
- **Build through the reindex path**: batches of 200 objects go through
  `search.services.index_objects` (the function `reindex` calls per batch: German
  normalisation, compound splitting, document ids by content date, tags, readers, the
  backend's full-text write), one transaction per batch as in `reindex`. The objects come
  from a provider of this script instead of database rows (no content tables to read).
- **Whole page through the view**: `GET /suche/?q=…` with Django's test client as a logged-in
  network member, so URL routing, every middleware, the form, the search, the facet labels
  and the template are measured; suggestions `GET /suche/vorschlaege/?q=…` the same way.
- **Every run is reported**: `--runs N` repeats the whole set of scenarios N times and prints
  p50 / p95 / max of each run (no best-of).

    python -m uv run --frozen python benchmarks/search_bench.py --documents 100000       # SQLite
    scripts/with-postgres.sh python -m uv run --frozen python benchmarks/search_bench.py \\
        --postgres --documents 100000                                       # PostgreSQL
    # --queries-only: measure an existing index again; --repeat N cases per scenario

See benchmarks/SEARCH.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

REPO_DIR = Path(__file__).resolve().parents[1]
OPARL_DIR = REPO_DIR.parent / "shared" / "data" / "oparl"
SEED = 20261207
BATCH = 200  # reindex's default batch
KINDS = ["practice", "event", "topic", "wish", "post"]
OPARL_TYPES = ("Paper", "AgendaItem", "Meeting", "File", "Organization", "Consultation")
# Queries of each scenario; the words are checked against the texts at start (hits > 0
# except for the no-hit scenario), so the figures are not about empty results.
SCENARIOS: dict[str, list[str]] = {
    "single word": ["Haushalt", "Antrag", "Bebauungsplan", "Schule", "Radverkehr", "Satzung"],
    "frequent word": ["Stadt", "Vorlage", "Sitzung", "Beschluss"],
    "rare word": ["Hochwasserschutz", "Spielplatz", "Friedhof", "Glasfaser"],
    "two words": [
        "Antrag Fraktion",
        "Bebauungsplan Änderung",
        "Haushalt Stadt",
        "Schule Sanierung",
    ],
    "phrase": ['"öffentliche Sitzung"', '"Antrag der Fraktion"', '"Bebauungsplan Nr"'],
    "compound part": ["Plattform", "Wunsch", "Ausschuss", "Planung", "Konzept", "Anlage"],
    "no hits": ["Quantenkryptographie", "Zyxwvutsrq", "Marsmission Raumfahrt"],
    "word + type + year": ["Haushalt", "Antrag", "Schule", "Sitzung"],
}
SUGGESTIONS = ["Ha", "Haus", "Beb", "Bebauungs", "Sitz", "Plattf", "Schul", "Ratsinf"]


def configure_django(*, postgres: bool, path: Path) -> None:
    sys.path.insert(0, str(REPO_DIR / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stadtgespraeche.settings")
    os.environ.setdefault("STADTGESPRAECHE_DEMO", "1")
    if postgres:
        if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
            sys.exit("--postgres needs DATABASE_URL: run it through scripts/with-postgres.sh")
    else:
        os.environ.pop("DATABASE_URL", None)
        path.mkdir(parents=True, exist_ok=True)
        os.environ["DATA_DIR"] = str(path)
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]


def _names(value: Any, found: list[str]) -> None:
    if isinstance(value, dict):
        name = value.get("name")
        kind = str(value.get("type", "")).rsplit("/", 1)[-1]
        if isinstance(name, str) and kind in OPARL_TYPES and len(name) >= 12:
            found.append(" ".join(name.split()))
        for item in value.values():
            _names(item, found)
    elif isinstance(value, list):
        for item in value:
            _names(item, found)


def texts() -> list[str]:
    """The distinct texts of the OParl crawls and the quality set's platform texts."""
    found: list[str] = []
    for path in sorted(OPARL_DIR.rglob("*.json")):
        try:
            _names(json.loads(path.read_text(encoding="utf-8")), found)
        except (ValueError, UnicodeDecodeError):
            continue
    sys.path.insert(0, str(REPO_DIR / "src"))
    from tests.search.quality import CORPUS

    for title, body in CORPUS.values():
        found += [title, body]
    return sorted(set(found))


def build(count: int, pool: list[str]) -> None:

    from stadtgespraeche.search import services
    from stadtgespraeche.search.providers import Document, Provider

    class BenchProvider(Provider):
        model_label = "bench.document"
        kind = "practice"

        def documents(self, obj: Any) -> list[Document]:
            return [obj.document]

    rng = random.Random(SEED)
    start = datetime(2005, 1, 1, tzinfo=UTC)
    span = int((datetime(2026, 12, 1, tzinfo=UTC) - start).total_seconds())
    provider = BenchProvider()
    started = time.perf_counter()
    for first in range(1, count + 1, BATCH):
        objects = []
        for pk in range(first, min(first + BATCH, count + 1)):
            document = Document(
                title=rng.choice(pool),
                body=". ".join(rng.choice(pool) for _ in range(rng.randint(4, 12))),
                url=f"/bench/{pk}/",
                kind=KINDS[pk % len(KINDS)],
                date=start + timedelta(seconds=rng.randrange(span)),
                min_level=1 if rng.random() < 0.1 else 0,
                municipality_ids={rng.randint(1, 11_000)},
                topic_ids={rng.randint(1, 60)},
            )
            objects.append(SimpleNamespace(pk=pk, document=document))
        services.index_objects(provider, objects)
        if (first // BATCH) % 250 == 0:
            elapsed = time.perf_counter() - started
            print(f"  {first + len(objects) - 1:>9,} documents, {elapsed:7.1f} s", flush=True)
    elapsed = time.perf_counter() - started
    print(
        f"build through services.index_objects: {count:,} documents in {elapsed:.1f} s "
        f"({count / elapsed:,.0f} documents/s)"
    )


def optimise() -> None:
    """After the build (outside a transaction): FTS5 optimize + ANALYZE, or VACUUM ANALYZE."""
    from django.db import connection

    if connection.vendor == "sqlite":
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
            cursor.execute("ANALYZE")
        print(f"FTS5 optimize + ANALYZE: {time.perf_counter() - started:.1f} s")
    else:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(f"VACUUM ANALYZE: {time.perf_counter() - started:.1f} s")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def member_client() -> Any:
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, _ = get_user_model().objects.get_or_create(
        email="bench-member@example.org", defaults={"is_active": True}
    )
    client = Client()
    client.force_login(user)
    return client


def measure(client: Any, repeat: int, run: int) -> None:
    rng = random.Random(SEED + run)
    cases: dict[str, list[str]] = {}
    for name, words in SCENARIOS.items():
        cases[name] = [rng.choice(words) for _ in range(repeat)]
    cases["suggestions"] = [rng.choice(SUGGESTIONS) for _ in range(repeat)]
    print(f"\nrun {run}: {'scenario':22} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, texts_ in cases.items():
        times: list[float] = []
        for text in texts_:
            if name == "suggestions":
                url, params = "/suche/vorschlaege/", {"q": text}
            elif name == "word + type + year":
                url = "/suche/"
                params = {"q": text, "kind": rng.choice(KINDS), "year": rng.randint(2006, 2026)}
            else:
                url, params = "/suche/", {"q": text}
            started = time.perf_counter()
            response = client.get(url, params)
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                sys.exit(f"{url} {params}: status {response.status_code}")
        print(
            f"run {run}: {name:22} {statistics.median(times):8.1f} "
            f"{percentile(times, 0.95):8.1f} {max(times):8.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30, help="cases per scenario and run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--queries-only", action="store_true", help="measure an existing index")
    parser.add_argument(
        "--dir", type=Path, default=REPO_DIR / "var" / "search-bench", help="SQLite database"
    )
    args = parser.parse_args()
    if not args.postgres and not args.queries_only and args.dir.exists():
        for path in args.dir.glob("stadtgespraeche.sqlite3*"):
            path.unlink()
    configure_django(postgres=args.postgres, path=args.dir)
    from django.core.management import call_command

    if not args.queries_only:
        call_command("migrate", verbosity=0)
        pool = texts()
        words = sum(len(text.split()) for text in pool)
        print(f"text pool: {len(pool):,} distinct texts, {words:,} words")
        build(args.documents, pool)
        optimise()
    client = member_client()
    client.get("/suche/", {"q": "Warmlauf"})
    for run in range(1, args.runs + 1):
        measure(client, args.repeat, run)


if __name__ == "__main__":
    main()
