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
BATCH = 500  # reindex's default batch
KINDS = ["practice", "event", "topic", "wish", "post"]
FILTER_KINDS = [*KINDS, "council_paper"]
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


def _council(value: Any, found: dict[str, list[str]]) -> None:
    """The field values of the crawls' council objects that a council paper's document holds
    (paper titles and types, consultation roles, committees, agenda items and their results,
    meeting and file names), by field."""
    if isinstance(value, dict):
        kind = str(value.get("type", "")).rsplit("/", 1)[-1]
        for field_name in COUNCIL_FIELDS.get(kind, ()):
            text = value.get(field_name)
            if isinstance(text, str) and text.strip():
                found[f"{kind}.{field_name}"].append(" ".join(text.split()))
        for item in value.values():
            _council(item, found)
    elif isinstance(value, list):
        for item in value:
            _council(item, found)


COUNCIL_FIELDS = {
    "Paper": ("name", "paperType"),
    "Consultation": ("role",),
    "Organization": ("name",),
    "AgendaItem": ("name", "result"),
    "Meeting": ("name",),
    "File": ("name",),
}
# Municipalities of the generated councils (the facet labels need rows; ids 1..len).
CITIES = [
    "Aachen", "Augsburg", "Bamberg", "Bielefeld", "Bochum", "Bonn", "Bottrop", "Braunschweig",
    "Bremen", "Chemnitz", "Cottbus", "Darmstadt", "Dessau-Roßlau", "Dortmund", "Dresden",
    "Duisburg", "Düren", "Erfurt", "Erkelenz", "Essen", "Flensburg", "Frankfurt (Oder)",
    "Freiburg im Breisgau", "Fürth", "Gera", "Gießen", "Görlitz", "Göttingen", "Halle (Saale)",
    "Hamm", "Heidelberg", "Heilbronn", "Hürtgenwald", "Ingolstadt", "Jena", "Kaiserslautern",
    "Karlsruhe", "Kassel", "Kiel", "Koblenz", "Köln", "Konstanz", "Krefeld", "Leipzig",
    "Leverkusen", "Lübeck", "Ludwigsburg", "Magdeburg", "Mainz", "Mannheim", "Marburg",
    "Moers", "Mönchengladbach", "Münster", "Neuss", "Nürnberg", "Oberhausen", "Offenbach am Main",
    "Oldenburg", "Osnabrück", "Paderborn", "Passau", "Potsdam", "Regensburg", "Rostock",
    "Saarbrücken", "Schwerin", "Siegen", "Solingen", "Stralsund", "Trier", "Tübingen", "Ulm",
    "Weimar", "Wiesbaden", "Wolfsburg", "Wuppertal", "Würzburg", "Zwickau",
]  # fmt: skip


def council_pools() -> dict[str, list[str]]:
    from collections import defaultdict

    found: dict[str, list[str]] = defaultdict(list)
    for path in sorted(OPARL_DIR.rglob("*.json")):
        try:
            _council(json.loads(path.read_text(encoding="utf-8")), found)
        except (ValueError, UnicodeDecodeError):
            continue
    # Values keep their frequency (a "Beschlussvorlage" is far more common than an
    # "Anfrage"), so choosing from the lists keeps the crawls' spread.
    return dict(found)


def ensure_municipalities() -> None:
    from django.utils.text import slugify

    from stadtgespraeche.municipalities.models import Municipality

    Municipality.objects.bulk_create(
        [
            Municipality(pk=pk, key=f"bench{pk}", slug=f"bench-{slugify(name)}", name=name)
            for pk, name in enumerate(CITIES, start=1)
        ],
        ignore_conflicts=True,
    )


class _Papers:
    """Council papers as the importer stores them (unsaved model objects with their
    consultations, committees, meetings, agenda items and topics in place of the database's
    rows), turned into documents by the oparl provider's own document builder."""

    def __init__(self, rng: random.Random, council: dict[str, list[str]], pool: list[str]):
        from stadtgespraeche.municipalities.models import Municipality
        from stadtgespraeche.oparl.models import Endpoint
        from stadtgespraeche.search.providers.oparl import CouncilPaperProvider
        from stadtgespraeche.topics.models import Topic

        class BenchPaperProvider(CouncilPaperProvider):
            """The file texts come with the generated paper instead of OparlFile rows."""

            def documents_for_many(self, objects: Any) -> Any:
                for paper in objects:
                    yield paper, self._documents(paper, paper.bench_file_texts)

        self.provider = BenchPaperProvider()
        self.rng, self.council, self.pool = rng, council, pool
        self.endpoints = [
            Endpoint(
                pk=pk,
                system_url=f"https://oparl.example.org/{pk}/",
                body_name=f"Stadt {name}",
                municipality=Municipality(pk=pk, name=name),
            )
            for pk, name in enumerate(CITIES, start=1)
        ]

        # Consultations (committee, meeting, agenda item, result) are shared between papers:
        # building five model objects per paper cost more than indexing it.
        self.consultations = [self._consultation(number) for number in range(20_000)]
        self.topics = [Topic(pk=pk) for pk in range(1, 61)]

    def _consultation(self, number: int) -> Any:
        from stadtgespraeche.oparl.models import (
            OparlAgendaItem,
            OparlConsultation,
            OparlMeeting,
            OparlOrganization,
        )

        rng, council = self.rng, self.council
        return OparlConsultation(
            role=rng.choice(council["Consultation.role"]),
            organization=OparlOrganization(
                pk=rng.randint(1, 10_000), name=rng.choice(council["Organization.name"])
            ),
            meeting=OparlMeeting(
                name=rng.choice(council["Meeting.name"]),
                start=datetime(2005, 1, 1, 17, tzinfo=UTC) + timedelta(days=rng.randrange(8000)),
            ),
            agenda_item=OparlAgendaItem(
                number=f"{rng.randint(1, 25)}.{number % 4 + 1}",
                name=rng.choice(council["AgendaItem.name"]),
                result=rng.choice(council["AgendaItem.result"]),
                resolution_text=rng.choice(self.pool) if rng.random() < 0.3 else "",
            ),
        )

    def make(self, pk: int, when: datetime) -> Any:
        from stadtgespraeche.oparl.models import OparlPaper

        rng, council = self.rng, self.council
        endpoint = rng.choice(self.endpoints)
        name = rng.choice(council["Paper.name"])
        if rng.random() < 0.3:  # a paper about an agenda item's subject
            name = f"{name}: {rng.choice(council['AgendaItem.name'])}"
        paper = OparlPaper(
            pk=pk,
            endpoint=endpoint,
            oparl_id=f"{endpoint.system_url}paper/{pk}",
            name=name,
            reference=f"{rng.randint(1, 2400)}/{when.year}",
            paper_type=rng.choice(council["Paper.paperType"]),
            date=when.date(),
        )
        paper._prefetched_objects_cache = {
            "consultations": [
                rng.choice(self.consultations) for _ in range(rng.choice((0, 1, 1, 2, 2, 3)))
            ],
            "topics": [rng.choice(self.topics)] if rng.random() < 0.5 else [],
        }
        # The text of the paper's files where the council delivered one: attachments'
        # names and 4–12 texts of the pool.
        paper.bench_file_texts = (
            [
                rng.choice(council["File.name"]),
                ". ".join(rng.choice(self.pool) for _ in range(rng.randint(4, 12))),
            ]
            if rng.random() < 0.6
            else []
        )
        return paper


def build(
    count: int,
    pool: list[str],
    *,
    papers_share: float = 0.8,
    batch: int = BATCH,
    resume: bool = False,
) -> None:
    """`count` documents through `services.index_objects` in batches of BATCH objects, one
    transaction each: a share `papers_share` of council papers (oparl provider), the rest
    practices, events, topics, wishes and posts from the text pool. `resume`: the batches
    already stored (each object is one document, each batch one transaction, written in
    order) are generated again, for the same random sequence, but not written."""
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
    papers = _Papers(rng, council_pools(), pool) if papers_share > 0 else None
    ensure_municipalities()
    skip = 0
    if resume:
        from stadtgespraeche.search.models import SearchDocument

        skip = SearchDocument.objects.count() // batch
        print(f"resuming after {skip:,} stored batches ({skip * batch:,} objects)")
    started = time.perf_counter()
    cpu = time.process_time()  # this process's CPU time: SQLite's whole work, not PostgreSQL's
    indexing = 0.0
    written = 0
    paper_batches = round(papers_share * 10)
    for number, first in enumerate(range(1, count + 1, batch)):
        objects: list[Any] = []
        last = min(first + batch, count + 1)
        if papers is not None and number % 10 < paper_batches:
            target: Provider = papers.provider
            for pk in range(first, last):
                objects.append(papers.make(pk, start + timedelta(seconds=rng.randrange(span))))
        else:
            target = provider
            for pk in range(first, last):
                document = Document(
                    title=rng.choice(pool),
                    body=". ".join(rng.choice(pool) for _ in range(rng.randint(4, 12))),
                    url=f"/bench/{pk}/",
                    kind=KINDS[pk % len(KINDS)],
                    date=start + timedelta(seconds=rng.randrange(span)),
                    min_level=1 if rng.random() < 0.1 else 0,
                    municipality_ids={rng.randint(1, len(CITIES))},
                    topic_ids={rng.randint(1, 60)},
                )
                objects.append(SimpleNamespace(pk=pk, document=document))
        if number < skip:
            continue
        indexed = time.perf_counter()
        written += services.index_objects(target, objects)
        indexing += time.perf_counter() - indexed
        if number % 100 == 0:
            elapsed = time.perf_counter() - started
            print(
                f"  {last - 1:>9,} objects, {elapsed:7.1f} s, load {os.getloadavg()[0]:.1f}",
                flush=True,
            )
    elapsed = max(time.perf_counter() - started, 1e-9)
    indexing = max(indexing, 1e-9)
    print(
        f"build through services.index_objects: {written:,} documents in {elapsed:.1f} s "
        f"({written / elapsed:,.0f} documents/s), of which services.index_objects "
        f"{indexing:.1f} s ({written / indexing:,.0f} documents/s), "
        f"load average {' '.join(f'{v:.1f}' for v in os.getloadavg())}; CPU time of this "
        f"process {time.process_time() - cpu:.1f} s ({written / (time.process_time() - cpu):,.0f} "
        "documents per CPU second)"
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
    load = " ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\nrun {run}: load average {load}")
    print(f"run {run}: {'scenario':22} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, texts_ in cases.items():
        times: list[float] = []
        for text in texts_:
            if name == "suggestions":
                url, params = "/suche/vorschlaege/", {"q": text}
            elif name == "word + type + year":
                url = "/suche/"
                params = {
                    "q": text,
                    "kind": rng.choice(FILTER_KINDS),
                    "year": rng.randint(2006, 2026),
                }
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
        "--resume",
        action="store_true",
        help="continue an interrupted build (same --documents) instead of starting afresh",
    )
    parser.add_argument(
        "--optimise", action="store_true", help="with --queries-only: optimise the index first"
    )
    parser.add_argument(
        "--papers-share", type=float, default=0.8, help="share of generated council papers"
    )
    parser.add_argument(
        "--dir", type=Path, default=REPO_DIR / "var" / "search-bench", help="SQLite database"
    )
    args = parser.parse_args()
    if not args.postgres and not args.queries_only and not args.resume and args.dir.exists():
        for path in args.dir.glob("stadtgespraeche.sqlite3*"):
            path.unlink()
    configure_django(postgres=args.postgres, path=args.dir)
    from django.core.management import call_command

    if not args.queries_only:
        call_command("migrate", verbosity=0)
        pool = texts()
        words = sum(len(text.split()) for text in pool)
        print(f"text pool: {len(pool):,} distinct texts, {words:,} words")
        build(args.documents, pool, papers_share=args.papers_share, resume=args.resume)
        optimise()
    elif args.optimise:
        optimise()
    from stadtgespraeche.search.models import SearchDocument

    print(
        f"measuring {SearchDocument.objects.count():,} documents, load average "
        f"{' '.join(f'{v:.1f}' for v in os.getloadavg())}"
    )
    client = member_client()
    client.get("/suche/", {"q": "Warmlauf"})
    for run in range(1, args.runs + 1):
        measure(client, args.repeat, run)


if __name__ == "__main__":
    main()
