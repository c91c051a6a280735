"""Benchmark of the one search over all content (issue 6, section 3).

Generates N documents (default 1,000,000) of realistic German text from a seeded vocabulary
of domain words and compounds, bulk-inserts them directly into the index tables of a
separate database (search_searchdocument, search_searchtag, search_searchreader and the
backend's full-text table), then runs the real result query (search.queries.ranked_ids:
match + visibility + filters + ranking + LIMIT 20) and the result count as a logged-in
network member, and prints build time, size and p50/p95 per scenario.

    python -m uv run --frozen python benchmarks/search_bench.py                # SQLite
    scripts/with-postgres.sh \
        python -m uv run --frozen python benchmarks/search_bench.py --postgres  # PostgreSQL
    # options: --documents N (default 1000000) --repeat N --fresh --queries-only --warm-up N

The text is normalised by search.german exactly as at index time: every vocabulary word is
stemmed once and documents are assembled from the precomputed stems (checked against
german.stems() on a sample), which keeps generating a million documents fast.
See benchmarks/README.md and benchmarks/SEARCH.md.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO_DIR = Path(__file__).resolve().parents[1]
RESULTS_DIR = REPO_DIR / "benchmarks" / "results"
SEED = 20261125
BATCH = 10_000

MODIFIERS = [
    "Bürger",
    "Daten",
    "Stadt",
    "Verkehr",
    "Energie",
    "Klima",
    "Wasser",
    "Bildung",
    "Schul",
    "Rats",
    "Verwaltungs",
    "Netz",
    "Sensor",
    "Mobilitäts",
    "Park",
    "Licht",
    "Wärme",
    "Quartiers",
    "Kreis",
    "Gemeinde",
    "Landes",
    "Bundes",
    "Förder",
    "Haushalts",
    "Beteiligungs",
    "Informations",
    "Sicherheits",
    "Gesundheits",
    "Pflege",
    "Jugend",
    "Senioren",
    "Kultur",
    "Sport",
    "Tourismus",
    "Wirtschafts",
    "Handels",
    "Markt",
    "Innen",
    "Zukunfts",
    "Strategie",
    "Projekt",
    "Open-Source",
    "Software",
    "Cloud",
    "Plattform",
    "Breitband",
    "Glasfaser",
    "Funk",
    "Mobilfunk",
    "Karten",
    "Geo",
    "Umwelt",
    "Lärm",
    "Luft",
    "Abfall",
    "Straßen",
    "Brücken",
    "Bahn",
    "Bus",
    "Rad",
    "Fuß",
    "Lade",
    "Speicher",
    "Solar",
]
HEADS = [
    "beteiligung",
    "plattform",
    "strategie",
    "konzept",
    "projekt",
    "portal",
    "netz",
    "dienst",
    "verwaltung",
    "planung",
    "steuerung",
    "sicherheit",
    "souveränität",
    "ethik",
    "schutz",
    "management",
    "kataster",
    "modell",
    "labor",
    "werkstatt",
    "forum",
    "rat",
    "ausschuss",
    "sitzung",
    "beschluss",
    "antrag",
    "haushalt",
    "förderung",
    "bericht",
    "analyse",
    "monitoring",
    "sensorik",
    "infrastruktur",
    "versorgung",
    "entwicklung",
    "kooperation",
    "partnerschaft",
    "initiative",
    "offensive",
    "agentur",
    "zentrum",
    "büro",
    "stelle",
    "leitung",
    "gruppe",
    "kommission",
    "satzung",
    "verordnung",
    "richtlinie",
    "standard",
    "schnittstelle",
    "anwendung",
    "lösung",
    "system",
    "technik",
    "daten",
    "karte",
    "app",
]
WORDS = [
    "Kommune",
    "Kommunen",
    "Stadtrat",
    "Gemeinderat",
    "Kreistag",
    "Ratsmitglied",
    "Ratsmitglieder",
    "Fraktion",
    "Verwaltung",
    "Digitalisierung",
    "digital",
    "digitale",
    "digitalen",
    "offen",
    "offene",
    "offenen",
    "smart",
    "nachhaltig",
    "nachhaltige",
    "Nachhaltigkeit",
    "Beteiligung",
    "Beteiligungen",
    "Bürgerinnen",
    "Bürger",
    "Einwohnerinnen",
    "Einwohner",
    "Projekt",
    "Projekte",
    "Erfahrung",
    "Erfahrungen",
    "Austausch",
    "Praxis",
    "Beispiel",
    "Beispiele",
    "Lösung",
    "Lösungen",
    "Ergebnis",
    "Ergebnisse",
    "Zukunft",
    "Region",
    "Regionen",
    "Quartier",
    "Quartiere",
    "Land",
    "Bund",
    "Förderung",
    "gefördert",
    "entwickelt",
    "umgesetzt",
    "eingeführt",
    "geplant",
    "diskutiert",
    "beschlossen",
    "vorgestellt",
    "erprobt",
    "ausgewertet",
    "gemeinsam",
    "interkommunal",
    "parteiübergreifend",
    "transparent",
    "sicher",
    "souverän",
    "ländlich",
    "städtisch",
    "urban",
    "öffentlich",
    "Kosten",
    "Finanzierung",
    "Partner",
    "Anbieter",
    "Ausschreibung",
    "Vergabe",
    "Betrieb",
    "Pilot",
    "Pilotphase",
    "Evaluation",
    "Datenschutz",
    "Informationssicherheit",
    "Barrierefreiheit",
    "Akzeptanz",
    "Vertrauen",
    "Kommunikation",
    "Öffentlichkeit",
    "Presse",
    "Workshop",
    "Veranstaltung",
    "Sitzung",
    "Sitzungen",
    "Protokoll",
    "Tagesordnung",
    "Vorlage",
    "Antrag",
    "Anträge",
    "Haushalt",
    "Haushaltsmittel",
    "Stelle",
    "Stellen",
    "Personal",
    "Schulung",
    "Fortbildung",
    "Kompetenz",
    "Kompetenzen",
    "Wissen",
    "Netzwerk",
    "Netzwerke",
    "Kooperation",
    "Zusammenarbeit",
    "Verkehr",
    "Mobilität",
    "Parkplätze",
    "Radwege",
    "Bushaltestellen",
    "Ladesäulen",
    "Straßenbeleuchtung",
    "Energieverbrauch",
    "Klimaschutz",
    "Klimaanpassung",
    "Hitze",
    "Hochwasser",
    "Starkregen",
    "Sensoren",
    "Messung",
    "Messungen",
    "Echtzeit",
    "Dashboard",
    "Karte",
    "Geodaten",
    "Schnittstellen",
    "Standards",
    "Software",
    "Plattformen",
    "Rechenzentrum",
    "Cloud",
    "Open",
    "Source",
    "Lizenz",
    "Lizenzen",
    "Algorithmen",
    "künstliche",
    "Intelligenz",
    "Chatbot",
    "Onlinedienste",
    "Onlinezugangsgesetz",
    "Antrag",
    "Formulare",
    "Termin",
    "Termine",
    "Bürgerbüro",
    "Rathaus",
    "Schule",
    "Schulen",
    "Kita",
    "Kitas",
    "Tablets",
    "WLAN",
    "Glasfaser",
    "Breitband",
    "Mobilfunk",
    "Funknetz",
    "Gewerbe",
    "Handel",
    "Innenstadt",
    "Leerstand",
    "Tourismus",
    "Kultur",
    "Bibliothek",
    "Museum",
    "Sport",
    "Gesundheit",
    "Pflege",
    "Senioren",
    "Jugend",
    "Familien",
    "Ehrenamt",
    "Vereine",
    "Verein",
    "Dorf",
    "Dörfer",
    "Ortsteil",
    "Ortsteile",
    "Landkreis",
    "Landkreise",
    "Metropolregion",
    "Bamberg",
    "Kaiserslautern",
    "Ulm",
    "Wolfsburg",
    "Darmstadt",
    "Solingen",
    "Gera",
    "Bochum",
    "Lemgo",
    "Haßfurt",
    "Modellprojekt",
    "Modellprojekte",
    "Smart",
    "City",
    "Strategie",
    "Leitbild",
    "Vision",
    "Ziel",
    "Ziele",
    "Maßnahme",
    "Maßnahmen",
    "Umsetzung",
    "Zeitplan",
    "Meilenstein",
    "Meilensteine",
    "Risiko",
    "Risiken",
    "Chance",
    "Chancen",
]
STOP = [
    "die",
    "der",
    "das",
    "und",
    "in",
    "mit",
    "für",
    "von",
    "zu",
    "den",
    "im",
    "auf",
    "ist",
    "eine",
    "ein",
    "des",
    "dem",
    "sich",
    "als",
    "auch",
    "wie",
]


def configure_django(*, database: Path | None, postgres: bool) -> None:
    sys.path.insert(0, str(REPO_DIR / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stadtgespraeche.settings")
    os.environ.setdefault("STADTGESPRAECHE_DEMO", "1")
    if postgres:
        if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
            sys.exit("--postgres needs DATABASE_URL: run it through scripts/with-postgres.sh")
    else:
        os.environ.pop("DATABASE_URL", None)
        assert database is not None
        database.parent.mkdir(parents=True, exist_ok=True)
        os.environ["DATA_DIR"] = str(database.parent)
    import django

    django.setup()
    if not postgres:
        from django.conf import settings

        settings.DATABASES["default"]["NAME"] = database


class Vocabulary:
    """Words with a Zipf-like frequency, each with its precomputed stem."""

    def __init__(self, rng: random.Random) -> None:
        from stadtgespraeche.search import german

        compounds = [f"{modifier}{head}" for modifier in MODIFIERS for head in HEADS]
        compounds = [word[0].upper() + word[1:] for word in compounds if "-" not in word]
        words = list(dict.fromkeys(WORDS + compounds))
        rng.shuffle(words)
        self.words = words
        self.stems = [" ".join(german.stems(word)) for word in words]
        self.reversed = [" ".join(stem[::-1] for stem in s.split()) for s in self.stems]
        weights = [1.0 / (rank + 10) for rank in range(len(words))]
        total = sum(weights)
        self.cumulative = []
        running = 0.0
        for weight in weights:
            running += weight / total
            self.cumulative.append(running)

    def sample(self, rng: random.Random, count: int) -> list[int]:
        return rng.choices(range(len(self.words)), cum_weights=self.cumulative, k=count)


def _text(vocabulary: Vocabulary, rng: random.Random, count: int) -> tuple[str, str, str]:
    """(original text, stems, reversed stems) of `count` content words with stop words."""
    original: list[str] = []
    stems: list[str] = []
    reversed_stems: list[str] = []
    for index in vocabulary.sample(rng, count):
        if rng.random() < 0.3:
            original.append(rng.choice(STOP))
        original.append(vocabulary.words[index])
        if vocabulary.stems[index]:
            stems.append(vocabulary.stems[index])
            reversed_stems.append(vocabulary.reversed[index])
    return " ".join(original) + ".", " ".join(stems), " ".join(reversed_stems)


KINDS = ("practice", "event", "topic", "wish", "post", "municipality", "person")


def generate(
    vocabulary: Vocabulary, rng: random.Random, start: int, count: int
) -> Iterator[dict[str, Any]]:
    base = datetime.datetime(2023, 9, 19, tzinfo=datetime.UTC)
    for pk in range(start, start + count):
        title = _text(vocabulary, rng, rng.randint(3, 7))
        body = _text(vocabulary, rng, rng.randint(25, 70))
        date = base + datetime.timedelta(minutes=rng.randint(0, 3 * 365 * 24 * 60))
        roll = rng.random()
        if roll < 0.70:
            levels = (0, 2)
        elif roll < 0.93:
            levels = (1, 2)
        elif roll < 0.98:
            levels = (2, 2)
        else:
            levels = (3, 3)
        yield {
            "id": pk,
            "kind": rng.choice(KINDS),
            "title": title,
            "body": body,
            "date": date,
            "levels": levels,
            "municipalities": rng.sample(range(1, 11_001), rng.randint(1, 2)),
            "topics": rng.sample(range(1, 31), rng.randint(0, 2)),
            "reader": rng.randint(1, 5000) if levels[0] == 3 else None,
        }


def _tags(doc: dict[str, Any]) -> str:
    from stadtgespraeche.search.access import document_tokens

    return " ".join(
        document_tokens(
            kind=doc["kind"],
            year=doc["date"].year,
            municipality_ids=set(doc["municipalities"]),
            topic_ids=set(doc["topics"]),
        )
    )


def _documents_row(doc: dict[str, Any]) -> tuple[Any, ...]:
    return (
        doc["id"],
        "bench.document",
        doc["id"],
        "",
        doc["kind"],
        doc["title"][0][:300],
        doc["body"][0],
        f"/bench/{doc['id']}/",
        doc["date"],
        doc["date"].year,
        *doc["levels"],
    )


PLACEHOLDERS = ", ".join(["%s"] * 12)
DOC_COLUMNS = (
    "id, model_label, object_id, variant, kind, title, body, url, date, year, min_level, max_level"
)


def build_sqlite(
    vocabulary: Vocabulary, rng: random.Random, total: int, progress: Callable[[int], None]
) -> None:
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM search_searchdocument")
        start = cursor.fetchone()[0] + 1
    done = start - 1
    while done < total:
        count = min(BATCH, total - done)
        docs = list(generate(vocabulary, rng, done + 1, count))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO search_searchdocument ({DOC_COLUMNS}) VALUES ({PLACEHOLDERS})",  # noqa: S608
                [_documents_row(doc) for doc in docs],
            )
            cursor.executemany(
                "INSERT INTO search_searchtag (document_id, kind, value) VALUES (%s, %s, %s)",
                [(d["id"], "m", m) for d in docs for m in d["municipalities"]]
                + [(d["id"], "t", t) for d in docs for t in d["topics"]],
            )
            cursor.executemany(
                "INSERT INTO search_searchreader (document_id, user_id) VALUES (%s, %s)",
                [(d["id"], d["reader"]) for d in docs if d["reader"]],
            )
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, body, rtitle, rbody, tags) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                [
                    (d["id"], d["title"][1], d["body"][1], d["title"][2], d["body"][2], _tags(d))
                    for d in docs
                ],
            )
        done += count
        progress(done)
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        cursor.execute("ANALYZE")


def build_postgres(
    vocabulary: Vocabulary, rng: random.Random, total: int, progress: Callable[[int], None]
) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM search_searchdocument")
        done = cursor.fetchone()[0]
        cursor.execute("DROP INDEX IF EXISTS search_fts_vector")
        cursor.execute(
            "CREATE UNLOGGED TABLE IF NOT EXISTS bench_stage "
            "(id bigint, title text, body text, rtitle text, rbody text, tags text)"
        )
    raw = connection.connection
    while done < total:
        count = min(BATCH, total - done)
        docs = list(generate(vocabulary, rng, done + 1, count))
        with raw.cursor() as cursor:
            with cursor.copy(f"COPY search_searchdocument ({DOC_COLUMNS}) FROM STDIN") as copy:
                for doc in docs:
                    copy.write_row(_documents_row(doc))
            with cursor.copy("COPY search_searchtag (document_id, kind, value) FROM STDIN") as copy:
                for d in docs:
                    for m in d["municipalities"]:
                        copy.write_row((d["id"], "m", m))
                    for t in d["topics"]:
                        copy.write_row((d["id"], "t", t))
            with cursor.copy("COPY search_searchreader (document_id, user_id) FROM STDIN") as copy:
                for d in docs:
                    if d["reader"]:
                        copy.write_row((d["id"], d["reader"]))
            with cursor.copy(
                "COPY bench_stage (id, title, body, rtitle, rbody, tags) FROM STDIN"
            ) as copy:
                for d in docs:
                    title, body = d["title"], d["body"]
                    copy.write_row((d["id"], title[1], body[1], title[2], body[2], _tags(d)))
            cursor.execute(
                "INSERT INTO search_fts (document_id, vector, tags) SELECT id, v, "
                "to_tsvector('simple', tags) || search_bigrams(v) FROM (SELECT id, tags, "
                "setweight(to_tsvector('simple', title), 'A')"
                " || setweight(to_tsvector('simple', body), 'B')"
                " || setweight(to_tsvector('simple', rtitle), 'C')"
                " || setweight(to_tsvector('simple', rbody), 'D') AS v FROM bench_stage) AS s"
            )
            cursor.execute("TRUNCATE bench_stage")
        raw.commit()
        done += count
        progress(done)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_stage")
        cursor.execute("SET maintenance_work_mem = '1GB'")
        cursor.execute(
            "CREATE INDEX IF NOT EXISTS search_fts_vector ON search_fts"
            " USING gin (vector, tags, search_block(document_id))"
        )
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('search_searchdocument', 'id'), %s)", [total]
        )
        cursor.execute("VACUUM ANALYZE")


def database_size(postgres: bool, path: Path | None) -> int:
    from django.db import connection

    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return int(cursor.fetchone()[0])
    assert path is not None
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


class Viewer:
    """A logged-in network member (not an organiser) for the visibility filter."""

    is_authenticated = True
    is_active = True
    is_organiser = False
    pk = 42


def scenarios(
    vocabulary: Vocabulary, rng: random.Random, repeat: int
) -> dict[str, list[tuple[str, Any]]]:
    from stadtgespraeche.search.queries import Filters

    typical = list(range(30, 1500))  # ranks of typical search words (not the most frequent)
    frequent = list(range(10))

    def word(ranks: list[int]) -> str:
        return vocabulary.words[rng.choice(ranks)]

    result: dict[str, list[tuple[str, Any]]] = {
        "single word": [(word(typical), Filters()) for _ in range(repeat)],
        "single frequent word": [(word(frequent), Filters()) for _ in range(repeat)],
        "two words": [
            (f"{word(frequent + typical[:200])} {word(typical)}", Filters()) for _ in range(repeat)
        ],
        "phrase": [],
        "compound part": [
            (head.capitalize(), Filters()) for head in rng.sample(HEADS, min(repeat, len(HEADS)))
        ],
        "filtered (word + municipality)": [
            (word(frequent + typical), Filters(municipality=rng.randint(1, 11_000)))
            for _ in range(repeat)
        ],
        "filtered (word + type + year)": [
            (word(typical), Filters(kind=rng.choice(KINDS), year=rng.choice((2024, 2025))))
            for _ in range(repeat)
        ],
    }
    for _ in range(repeat):
        title, _, _ = _text(vocabulary, rng, 6)
        parts = [w for w in title.rstrip(".").split() if w not in STOP]
        result["phrase"].append(
            (f'"{parts[0]} {parts[1]}"' if len(parts) > 1 else parts[0], Filters())
        )
    return result


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def warm_up(vocabulary: Vocabulary, count: int) -> None:
    """`count` searches for other words first, through the same connection: the state of a
    server that has been answering searches for a while (the measured words are drawn from
    their own random stream, so they are not simply repeated)."""
    from stadtgespraeche.search import queries
    from stadtgespraeche.search import query as query_module

    rng = random.Random(SEED + 2)
    started = time.perf_counter()
    for _ in range(count):
        text = vocabulary.words[rng.randrange(0, 1500)]
        queries.ranked_ids(query_module.parse(text), Viewer(), queries.Filters(), limit=20)
    print(f"warm-up: {count} other searches in {time.perf_counter() - started:.1f} s")


def measure(vocabulary: Vocabulary, repeat: int) -> None:
    from stadtgespraeche.search import queries
    from stadtgespraeche.search import query as query_module

    rng = random.Random(SEED + 1)
    viewer = Viewer()
    print(
        f"\n{'scenario':34} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
        f"{'page p50':>9} {'page p95':>9} {'hits (median)':>14}"
    )
    for name, cases in scenarios(vocabulary, rng, repeat).items():
        times: list[float] = []
        pages: list[float] = []
        totals: list[int] = []
        # One warm-up run per scenario (page cache), then the measured runs.
        queries.ranked_ids(query_module.parse(cases[0][0]), viewer, cases[0][1], limit=20)
        for text, filters in cases:
            parsed = query_module.parse(text)
            started = time.perf_counter()
            queries.ranked_ids(parsed, viewer, filters, limit=20)
            times.append((time.perf_counter() - started) * 1000)
            # The whole results page: ranked ids, total, four facets and the hits.
            started = time.perf_counter()
            results = queries.search(viewer, text, filters=filters)
            pages.append((time.perf_counter() - started) * 1000)
            totals.append(results.total)
        print(
            f"{name:34} {statistics.median(times):8.1f} {percentile(times, 0.95):8.1f} "
            f"{max(times):8.1f} {statistics.median(pages):9.1f} {percentile(pages, 0.95):9.1f} "
            f"{int(statistics.median(totals)):14d}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument(
        "--fresh", action="store_true", help="delete the SQLite benchmark database first"
    )
    parser.add_argument("--queries-only", action="store_true", help="measure an existing index")
    parser.add_argument("--build-only", action="store_true", help="build without measuring")
    parser.add_argument(
        "--warm-up", type=int, default=0, help="searches for other words before measuring"
    )
    args = parser.parse_args()

    database = None if args.postgres else RESULTS_DIR / "search-sqlite" / "stadtgespraeche.sqlite3"
    if database is not None and args.fresh:
        for path in database.parent.glob(database.name + "*"):
            path.unlink()
    configure_django(database=database, postgres=args.postgres)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    rng = random.Random(SEED)
    vocabulary = Vocabulary(rng)
    from stadtgespraeche.search import german

    sample = "Bürgerbeteiligung Datensouveränität Beteiligungen der Stadtrat"
    assert " ".join(german.stems(sample)) == " ".join(
        vocabulary.stems[vocabulary.words.index(w)]
        if w in vocabulary.words
        else " ".join(german.stems(w))
        for w in sample.split()
        if german.stems(w)
    )
    print(f"backend: {connection.vendor}, vocabulary: {len(vocabulary.words)} words")
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM search_searchdocument")
        existing = cursor.fetchone()[0]
    if not args.queries_only and existing < args.documents:
        started = time.perf_counter()
        tty = sys.stdout.isatty()

        def progress(done: int) -> None:
            elapsed = time.perf_counter() - started
            line = f"  indexed {done:,}/{args.documents:,} documents ({elapsed:.0f} s)"
            print("\r" + line if tty else line, end="" if tty else "\n", flush=True)

        # Continue where an interrupted build stopped (same seed stream is not needed: the
        # text is random either way).
        rng = random.Random(SEED + existing)
        build = build_postgres if args.postgres else build_sqlite
        build(vocabulary, rng, args.documents, progress)
        if tty:
            print()
        print(
            f"index build: {time.perf_counter() - started:.1f} s "
            f"for {args.documents - existing:,} documents"
        )
    else:
        print(f"reusing the existing index with {existing:,} documents")
    print(f"database size: {database_size(args.postgres, database) / 1024 / 1024:.0f} MiB")
    if not args.build_only:
        if args.warm_up:
            warm_up(vocabulary, args.warm_up)
        measure(vocabulary, args.repeat)


if __name__ == "__main__":
    main()
