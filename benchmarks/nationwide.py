"""The nationwide data set of issue 15, in one database, at a chosen scale.

At `--scale 1` (the issue's figures): all ~11,000 municipalities of the shipped reference
data, 200,000 councillors with mandates and interests, 5,000 events with 100,000
registrations, 20,000 good practices, 100,000 discussion posts in 500 threads and
1,000,000 notifications, plus the search index of all of it (`reindex`). `--scale 0.1`
builds a tenth of every count (the reference data stays complete) for a loaded machine.

It reuses the per-feature generators (directory_search.generate for the councillors,
events_bench.generate for events and registrations, notifications_bench.generate for the
notifications, discussions_bench's German text) and adds practices and threads. Rows go
straight through the database driver with their ids (harness.insert_rows); the search
index is built afterwards by the platform's own `reindex` command without `--restart`, a
separate step that resumes where it stopped when the same command runs again (the data
of an existing data set is kept; `--no-reindex` skips the index). It finally creates two
people the load benchmark logs in as: the councillor `bench0@example.invalid` (who receives
the reader's notifications) and the organiser `bench-organiser@example.invalid`
(two-factor flag set, for the dashboard).

    python -m uv run --frozen python benchmarks/nationwide.py --scale 0.1
    scripts/with-postgres.sh python -m uv run --frozen python benchmarks/nationwide.py --postgres
    # a PostgreSQL data set kept for later runs: benchmarks/postgres_server.sh (SPEED.md)

The SQLite file is benchmarks/results/nationwide/stadtgespraeche.sqlite3 (`--fresh` deletes
it first); an existing data set is kept (the load benchmark reuses it).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.harness import (
    RESULTS_DIR,
    UNUSABLE_PASSWORD,
    configure_django,
    insert_rows,
    next_id,
    scaled,
)

DATA_DIR = RESULTS_DIR / "nationwide"
SEED = 20261207
BATCH = 5_000
PERSONA_EMAIL = "bench0@example.invalid"
ORGANISER_EMAIL = "bench-organiser@example.invalid"
PRACTICE_SLUG_PREFIX = "praxis-bench-"
THREAD_TITLE_PREFIX = "Benchmark-Diskussion"

# Counts of the issue at scale 1.
PROFILES = 200_000
EVENTS = 5_000
REGISTRATIONS = 100_000
EVENT_USERS = 10_000
PRACTICES = 20_000
POSTS = 100_000
THREADS = 500
NOTIFICATIONS = 1_000_000
READER_NOTIFICATIONS = 10_000  # of the logged-in persona; the rest spread over others

PRACTICE_TITLES = [
    "Offene Ratsdaten im Portal",
    "Digitale Bürgersprechstunde",
    "Sensoren für die Parkraumsteuerung",
    "LoRaWAN für Pegelstände",
    "Ratsinformationssystem mit Volltextsuche",
    "Mängelmelder für Straßenschäden",
    "Glasfaser für Schulen",
    "Klimadaten-Dashboard",
    "Digitale Zwillinge der Innenstadt",
    "KI-gestützte Antragsbearbeitung",
]
PROBLEMS = [
    "Die **Ratsarbeit** war für Bürger:innen schwer nachvollziehbar; Unterlagen lagen nur als "
    "eingescannte PDF-Dateien vor.",
    "Die Verwaltung bekam Meldungen über Schäden per Telefon und E-Mail, ohne *Überblick* über "
    "den Stand der Bearbeitung.",
    "Freie Parkplätze waren nicht bekannt, der Suchverkehr belastete die Innenstadt.",
]
APPROACHES = [
    "Wir haben gemeinsam mit dem Kreisrechenzentrum eine offene Schnittstelle aufgebaut:\n\n"
    "1. Bestandsaufnahme der Daten\n2. Ausschreibung\n3. Pilotbetrieb in zwei Stadtteilen",
    "Eine fraktionsübergreifende Arbeitsgruppe hat Anforderungen gesammelt und einen "
    "Dienstleister beauftragt. Die Ergebnisse stehen unter einer offenen Lizenz.",
]


@dataclass
class Report:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def _practices(count: int, rng: random.Random, persona_id: int) -> int:
    from django.utils import timezone

    from stadtgespraeche.knowledge.enums import EditorialState, PracticeStatus
    from stadtgespraeche.knowledge.models import Practice
    from stadtgespraeche.municipalities.models import Municipality
    from stadtgespraeche.topics.models import Topic

    towns = list(Municipality.objects.order_by("key").values_list("pk", flat=True)[:11_000])
    topics = list(Topic.objects.values_list("pk", flat=True))
    statuses = list(PracticeStatus.values)
    now = timezone.now()
    made: list[Practice] = []
    for start in range(0, count, BATCH):
        rows = []
        for number in range(start, min(start + BATCH, count)):
            published = rng.random() < 0.85
            rows.append(
                Practice(
                    title=f"{rng.choice(PRACTICE_TITLES)} ({number + 1})",
                    slug=f"{PRACTICE_SLUG_PREFIX}{number + 1}",
                    summary="Ein Praxisbeispiel aus der kommunalen Digitalisierung.",
                    status=rng.choice(statuses),
                    started_in=rng.randint(2015, 2026),
                    problem=rng.choice(PROBLEMS),
                    approach=rng.choice(APPROACHES),
                    outcome="Die Zahl der Anfragen sank um ein Drittel." if number % 2 else "",
                    lessons_learned="Früh mit dem Personalrat sprechen.",
                    contact_id=persona_id if number % 50 == 0 else None,
                    author_id=persona_id,
                    state=EditorialState.PUBLISHED if published else EditorialState.DRAFT,
                    published_at=now - timedelta(days=rng.randint(0, 2_000)) if published else None,
                )
            )
        made += Practice.objects.bulk_create(rows, batch_size=BATCH)
    through_towns = Practice.municipalities.through
    through_towns.objects.bulk_create(
        [
            through_towns(practice_id=practice.pk, municipality_id=town)
            for practice in made
            for town in rng.sample(towns, k=rng.randint(1, 2))
        ],
        batch_size=BATCH,
    )
    if topics:
        through_topics = Practice.topics.through
        through_topics.objects.bulk_create(
            [
                through_topics(practice_id=practice.pk, topic_id=topic)
                for practice in made
                for topic in rng.sample(topics, k=min(len(topics), rng.randint(1, 3)))
            ],
            batch_size=BATCH,
        )
    return len(made)


def _threads(threads: int, posts: int, rng: random.Random) -> int:
    """`threads` discussions of public, published events with `posts` posts in all."""
    from django.utils import timezone

    from benchmarks.discussions_bench import _text
    from stadtgespraeche.accounts.models import User
    from stadtgespraeche.discussions.models import Post, Thread
    from stadtgespraeche.events.models import Event
    from stadtgespraeche.events.threads import KIND, EventThread

    events = list(
        Event.objects.filter(confidentiality="public")
        .exclude(status__in=["draft", "cancelled"])
        .order_by("pk")
        .values_list("pk", flat=True)[:threads]
    )
    authors = list(
        User.objects.filter(email__startswith="bench", profile__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)[:5_000]
    )
    start = timezone.now() - timedelta(days=90)
    made = Thread.objects.bulk_create(
        [
            Thread(title=f"{THREAD_TITLE_PREFIX} {n + 1}", owner_kind=KIND, last_posted_at=start)
            for n in range(len(events))
        ]
    )
    EventThread.objects.bulk_create(
        [EventThread(event_id=e, thread=t) for e, t in zip(events, made, strict=True)]
    )
    per_thread = max(1, posts // max(1, len(made)))
    first_post = next_id(Post)
    rows = (
        {
            "id": first_post + index * per_thread + number,
            "thread_id": thread.pk,
            "author_id": rng.choice(authors),
            "body": _text(rng),
        }
        for index, thread in enumerate(made)
        for number in range(per_thread)
    )
    return insert_rows(Post, rows)


def generate(
    *,
    scale: float,
    reindex: bool = True,
    load_reference: bool = True,
    log: Callable[[str], None] = print,
) -> Report:
    """Build the data set at `scale` into the configured database (see the docstring)."""
    from django.db import connection, transaction

    from benchmarks import directory_search, events_bench, notifications_bench
    from stadtgespraeche.accounts.enums import Role
    from stadtgespraeche.accounts.models import User
    from stadtgespraeche.notifications.models import Notification

    rng = random.Random(SEED)
    report = Report()

    def step(name: str, run: Callable[[], int]) -> None:
        started = time.perf_counter()
        log(f"==> {name}")
        report.counts[name] = run()
        report.seconds[name] = time.perf_counter() - started
        log(f"    {report.counts[name]:,} in {report.seconds[name]:.0f} s")

    step(
        "councillors",
        lambda: (
            directory_search.generate(
                profiles=scaled(PROFILES, scale),
                municipalities=11_000,
                load_reference=load_reference,
                log=lambda _line: None,
            ).profiles
        ),
    )
    persona = User.objects.get(email=PERSONA_EMAIL)
    step(
        "events",
        lambda: (
            events_bench.generate(
                events=scaled(EVENTS, scale),
                registrations=scaled(REGISTRATIONS, scale),
                users=scaled(EVENT_USERS, scale),
                load_reference=False,
                log=lambda _line: None,
            ).events
        ),
    )
    with transaction.atomic():
        step("practices", lambda: _practices(scaled(PRACTICES, scale), rng, persona.pk))
        step("posts", lambda: _threads(scaled(THREADS, scale), scaled(POSTS, scale), rng))

    def notifications() -> int:
        reader_share = scaled(READER_NOTIFICATIONS, min(1.0, scale * 10))
        others = max(1, (scaled(NOTIFICATIONS, scale) - reader_share) // 200)
        # The generator spreads created_at over a year itself.
        reader = notifications_bench.generate(notifications=reader_share, others=others)
        Notification.objects.filter(recipient_id=reader).update(recipient=persona)
        return Notification.objects.count()

    step("notifications", notifications)
    User.objects.create_user(
        ORGANISER_EMAIL,
        first_name="Olga",
        last_name="Organisatorin",
        role=Role.ORGANISER,
        two_factor_enabled=True,
        password=None,
    )
    User.objects.filter(email=ORGANISER_EMAIL).update(password=UNUSABLE_PASSWORD)
    if reindex:
        step("search index", lambda: build_index(log=lambda _line: None))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return report


def build_index(log: Callable[[str], None] = print) -> int:
    """Build (or resume) the search index of the data set: the platform's own `reindex`
    without `--restart`, so an interrupted build continues after the last stored batch
    (search.ReindexProgress); a finished one returns at once. Returns the documents."""
    from django.core.management import call_command

    from stadtgespraeche.search import services
    from stadtgespraeche.search.models import ReindexProgress, SearchDocument

    call_command("reindex", verbosity=0)
    if not ReindexProgress.objects.filter(done=False).exists():
        # Every document was written by this build with the current German normalisation.
        services.record_normalisation()
    count = SearchDocument.objects.count()
    log(f"    {count:,} search documents")
    return count


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = the issue's counts")
    parser.add_argument("--postgres", action="store_true", help="use DATABASE_URL (PostgreSQL)")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
    parser.add_argument("--fresh", action="store_true", help="delete the SQLite file first")
    parser.add_argument("--no-reindex", action="store_true", help="skip the search index")
    args = parser.parse_args(argv)
    database = args.data_dir / "stadtgespraeche.sqlite3"
    if args.fresh and not args.postgres:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
    configure_django(data_dir=args.data_dir, postgres=args.postgres)
    from django.core.management import call_command
    from django.db import connection

    from stadtgespraeche.accounts.models import User

    print(f"==> Database: {connection.vendor} ({connection.settings_dict['NAME']})", flush=True)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    print(f"    migrated in {time.perf_counter() - started:.0f} s", flush=True)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # a larger page cache only while generating
            cursor.execute("PRAGMA cache_size=-262144")
    if User.objects.filter(email=PERSONA_EMAIL).exists():
        print("==> Data set exists (--fresh or a new database rebuilds it)", flush=True)
    else:
        started = time.perf_counter()
        report = generate(scale=args.scale, reindex=False, log=lambda line: print(line, flush=True))
        print(f"==> Data in {time.perf_counter() - started:.0f} s: {report.counts}", flush=True)
    if not args.no_reindex:
        # A separate, resumable step: re-running the same command continues an interrupted
        # index build where it stopped.
        started = time.perf_counter()
        print("==> Search index (resumable)", flush=True)
        build_index(log=lambda line: print(line, flush=True))
        print(f"    in {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"==> ANALYZE in {time.perf_counter() - started:.0f} s", flush=True)


if __name__ == "__main__":
    main()
