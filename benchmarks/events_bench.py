"""Benchmark of the Stadtgespräche pages (issue 4, section 8).

Generates (fixed seed, bulk_create) 1,000 events in 5 series with 50,000 registrations of
10,000 councillors, 4 agenda items per event, hosts in real municipalities and topics, into
a separate database; then requests the public event list (several pages of the upcoming and
the past list) and event detail pages through Django's test client, as an anonymous
visitor and as a logged-in councillor, and prints p50/p95 server time in ms and the SQL
queries per page. See benchmarks/README.md and benchmarks/EVENTS.md.

    python -m uv run --frozen python benchmarks/events_bench.py                # SQLite
    scripts/with-postgres.sh \\
        python -m uv run --frozen python benchmarks/events_bench.py --postgres

The SQLite file (benchmarks/results/events/stadtgespraeche.sqlite3) is kept between runs;
--fresh regenerates it.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_DIR))

from benchmarks.harness import insert_rows, next_id  # noqa: E402 - after the path

RESULTS_DIR = REPO_DIR / "benchmarks" / "results" / "events"
SEED = 20261125
BATCH = 5_000
UNUSABLE_PASSWORD = "!benchmark"  # noqa: S105 - not a hash: nobody can log in with it
EMAIL_PREFIX = "eventbench"
SLUG_PREFIX = "bench-"
# Page name suffix: the feed requested again with its ETag (conditional GET, issue 15).
UNCHANGED = "unchanged (304)"

SERIES = [
    "Smarte Stadtgespräche",
    "Digitale Daseinsvorsorge",
    "Offene Daten im Rat",
    "Mobilität vor Ort",
    "Klimadaten kommunal",
]
TITLE_WORDS = ["Bürgerbeteiligung", "Ratsarbeit", "Open Data", "Plattformen", "Sensorik", "KI"]
FORMATS = (("online", 6), ("hybrid", 3), ("in_person", 2))
CONFIDENTIALITY = (("public", 6), ("network", 3), ("chatham_house", 1))
PAST_STATUSES = (("documented", 6), ("held", 3), ("cancelled", 1))
FUTURE_STATUSES = (
    ("registration_open", 5),
    ("published", 2),
    ("registration_closed", 1),
    ("draft", 1),
    ("cancelled", 1),
)
PAST_REGISTRATION = (("attended", 6), ("no_show", 1), ("cancelled", 2), ("waitlisted", 1))
FUTURE_REGISTRATION = (("registered", 7), ("waitlisted", 1), ("cancelled", 2))


def configure_django(*, database: Path | None, postgres: bool) -> None:
    """Point the project's settings at the benchmark database, then set Django up."""
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


def _weighted(rng: random.Random, weights: tuple[tuple[str, int], ...]) -> str:
    values, counts = zip(*weights, strict=True)
    return rng.choices(values, counts)[0]


@dataclass(frozen=True)
class Generated:
    events: int
    registrations: int
    users: int


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`parts` random non-negative numbers that add up to `total` (skewed, like real events)."""
    weights = [rng.random() ** 2 + 0.05 for _ in range(parts)]
    scale = total / sum(weights)
    counts = [int(weight * scale) for weight in weights]
    for index in range(total - sum(counts)):
        counts[index % parts] += 1
    return counts


def generate(
    *,
    events: int = 1_000,
    registrations: int = 50_000,
    users: int = 10_000,
    load_reference: bool = True,
    seed: int = SEED,
    now: datetime | None = None,
    log: Callable[[str], None] = print,
) -> Generated:
    """Create the benchmark data set (see the module docstring)."""
    from django.db import transaction

    from stadtgespraeche.accounts.models import User
    from stadtgespraeche.events.models import AgendaItem, Event
    from stadtgespraeche.municipalities.models import Municipality
    from stadtgespraeche.network.models import Series
    from stadtgespraeche.registrations.models import Registration
    from stadtgespraeche.topics.models import Topic

    rng = random.Random(seed)
    now = now or datetime.now(tz=UTC)
    started = time.perf_counter()
    if load_reference and not Municipality.objects.exists():
        from stadtgespraeche.municipalities.reference_data import load_reference_data

        load_reference_data()
        log(f"  reference data: {time.perf_counter() - started:.0f} s")
    towns = list(Municipality.objects.order_by("key").values_list("pk", flat=True)[:400])
    topics = list(Topic.objects.values_list("pk", flat=True)[:30])
    if not topics:
        topics = [
            Topic.objects.create(title=f"Benchmark-Thema {n}", slug=f"bench-{n}").pk
            for n in range(10)
        ]
    with transaction.atomic():
        series = [
            Series.objects.get_or_create(
                slug=f"{SLUG_PREFIX}series-{index}", defaults={"name": f"{name} (Benchmark)"}
            )[0]
            for index, name in enumerate(SERIES)
        ]
        # People and registrations go straight through the driver (harness.insert_rows).
        first_user = next_id(User)
        insert_rows(
            User,
            (
                {
                    "id": first_user + n,
                    "email": f"{EMAIL_PREFIX}{n}@example.invalid",
                    "first_name": "Bench",
                    "last_name": f"Person {n}",
                    "password": UNUSABLE_PASSWORD,
                }
                for n in range(users)
            ),
        )
        people = list(range(first_user, first_user + users))
        numbers = dict.fromkeys(range(len(series)), 0)
        created = []
        for index in range(events):
            series_index = rng.choices(range(len(series)), [5, 2, 1, 1, 1])[0]
            numbers[series_index] += 1
            # 2019 … 2028: about two thirds lie in the past.
            start = now + timedelta(days=rng.randint(-2_200, 1_100), hours=rng.randint(0, 10))
            start = start.replace(minute=0, second=0, microsecond=0)
            past = start < now
            event_format = _weighted(rng, FORMATS)
            created.append(
                Event(
                    series=series[series_index],
                    number=numbers[series_index],
                    title=f"{rng.choice(TITLE_WORDS)} {index + 1}",
                    slug=f"{SLUG_PREFIX}{index + 1}",
                    description="Ein **Stadtgespräch** über " + rng.choice(TITLE_WORDS) + ".",
                    starts_at=start,
                    ends_at=start + timedelta(hours=2),
                    format=event_format,
                    venue_address="" if event_format == "online" else "Rathaus, Marktplatz 1",
                    venue_municipality_id=None if event_format == "online" else rng.choice(towns),
                    confidentiality=_weighted(rng, CONFIDENTIALITY),
                    status=_weighted(rng, PAST_STATUSES if past else FUTURE_STATUSES),
                    capacity_online=rng.choice([None, 50, 100]),
                    capacity_in_person=None if event_format == "online" else 30,
                )
            )
        made = Event.objects.bulk_create(created, batch_size=BATCH)
        hosts = Event.hosts.through
        event_topics = Event.topics.through
        hosts.objects.bulk_create(
            [
                hosts(event_id=event.pk, municipality_id=town)
                for event in made
                for town in rng.sample(towns, k=rng.randint(1, 2))
            ],
            batch_size=BATCH,
        )
        event_topics.objects.bulk_create(
            [
                event_topics(event_id=event.pk, topic_id=topic)
                for event in made
                for topic in rng.sample(topics, k=min(len(topics), rng.randint(1, 3)))
            ],
            batch_size=BATCH,
        )
        AgendaItem.objects.bulk_create(
            [
                AgendaItem(
                    event=event,
                    starts_at=event.starts_at + timedelta(minutes=30 * slot),
                    duration=30,
                    kind=kind,
                    title=f"{kind.capitalize()} {slot + 1}",
                    external_speaker="" if kind != "impulse" else "Erika Beispiel",
                    municipality_id=rng.choice(towns) if kind == "impulse" else None,
                )
                for event in made
                for slot, kind in enumerate(["welcome", "impulse", "exchange", "wrap_up"])
            ],
            batch_size=BATCH,
        )
        rows: list[dict[str, Any]] = []
        next_registration = next_id(Registration)
        for event, count in zip(made, _split(registrations, len(made), rng), strict=True):
            past = event.starts_at < now
            modes = ["online"] if event.format == "online" else ["online", "in_person"]
            if event.format == "in_person":
                modes = ["in_person"]
            for person in rng.sample(people, k=min(count, len(people))):
                rows.append(
                    {
                        "id": next_registration + len(rows),
                        "event_id": event.pk,
                        "user_id": person,
                        "mode": rng.choice(modes),
                        "status": _weighted(
                            rng, PAST_REGISTRATION if past else FUTURE_REGISTRATION
                        ),
                        "on_participant_list": rng.random() < 0.3,
                    }
                )
        insert_rows(Registration, rows)
    log(
        f"  {len(made):,} events, {len(rows):,} registrations, {len(people):,} people "
        f"({time.perf_counter() - started:.0f} s)"
    )
    return Generated(events=len(made), registrations=len(rows), users=len(people))


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


@dataclass(frozen=True)
class Measurement:
    page: str
    viewer: str
    p50: float
    p95: float
    sql_min: int
    sql_max: int


def measure(
    *, repeat: int = 7, details: int = 20, seed: int = SEED, log: Callable[[str], None] = print
) -> list[Measurement]:
    """Request list pages and detail pages `repeat` times per viewer; time and count SQL.

    The views' own work: the anonymous response cache (core/response_cache.py) is off here;
    `load_bench.py` measures pages as served, cache included.
    """
    from django.test.utils import override_settings

    with override_settings(RESPONSE_CACHE_SECONDS=0):
        return _measure(repeat=repeat, details=details, seed=seed, log=log)


def _measure(
    *, repeat: int, details: int, seed: int, log: Callable[[str], None]
) -> list[Measurement]:
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from stadtgespraeche.accounts.models import User
    from stadtgespraeche.events import queries
    from stadtgespraeche.events.views.events import EVENT_PAGE_SIZE
    from stadtgespraeche.network.models import Series
    from stadtgespraeche.registrations.services.calendar import regenerate_calendar_token

    rng = random.Random(seed + 1)
    member = User.objects.filter(email__startswith=EMAIL_PREFIX).order_by("pk").first()
    assert member is not None, "generate data first"
    member_client = Client()
    member_client.force_login(member)
    viewers: dict[str, tuple[Any, Client]] = {
        "anonymous": (AnonymousUser(), Client()),
        "member": (member, member_client),
    }
    list_url = reverse("events:event-list")
    measurements = []
    for viewer_name, (viewer, client) in viewers.items():
        upcoming, past = queries.event_list_counts(viewer)
        last_upcoming = max(1, -(-upcoming // EVENT_PAGE_SIZE))
        last_past = max(1, -(-past // EVENT_PAGE_SIZE))
        pages: list[tuple[str, str, dict[str, Any]]] = [
            ("list, first page", list_url, {}),
            ("list, upcoming page 5", list_url, {"page": min(5, last_upcoming)}),
            ("list, past page 10", list_url, {"vergangen": min(10, last_past)}),
            ("list, last pages", list_url, {"page": last_upcoming, "vergangen": last_past}),
        ]
        if viewer_name == "anonymous":
            biggest = Series.objects.filter(slug__startswith=SLUG_PREFIX).order_by("slug").first()
            assert biggest is not None
            pages.append(
                (
                    "series feed (.ics)",
                    reverse("events:series-feed", kwargs={"slug": biggest.slug}),
                    {},
                )
            )
            pages.append((f"series feed {UNCHANGED}", pages[-1][1], {}))
        else:
            token = regenerate_calendar_token(member).token
            pages.append(
                (
                    "personal feed (.ics)",
                    reverse("registrations:calendar-personal-feed", kwargs={"token": token}),
                    {},
                )
            )
            pages.append((f"personal feed {UNCHANGED}", pages[-1][1], {}))
        slugs = list(queries.visible_events(viewer).order_by("pk").values_list("slug", flat=True))
        for slug in rng.sample(slugs, k=min(details, len(slugs))):
            pages.append(("detail", reverse("events:event-detail", kwargs={"slug": slug}), {}))
        grouped: dict[str, tuple[list[float], list[int]]] = {}
        for name, url, params in pages:
            warm = client.get(url, params)  # warm caches
            # A calendar program polling an unchanged feed sends the ETag it got.
            headers = {"HTTP_IF_NONE_MATCH": warm["ETag"]} if name.endswith(UNCHANGED) else {}
            expected = 304 if headers else 200
            times, sqls = grouped.setdefault(name, ([], []))
            for _ in range(repeat if name != "detail" else max(1, repeat // 2)):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(url, params, **headers)
                    times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == expected, (url, response.status_code)
                sqls.append(len(captured.captured_queries))
        for name, (times, sqls) in grouped.items():
            measurement = Measurement(
                page=name,
                viewer=viewer_name,
                p50=statistics.median(times),
                p95=_percentile(times, 0.95),
                sql_min=min(sqls),
                sql_max=max(sqls),
            )
            log(f"  {name} / {viewer_name}: p50 {measurement.p50:.1f} ms")
            measurements.append(measurement)
    return measurements


def table(measurements: list[Measurement], vendor: str) -> str:
    lines = [
        f"### {vendor}",
        "",
        "| page | viewer | p50 ms | p95 ms | SQL/page |",
        "|---|---|--:|--:|--:|",
    ]
    for m in measurements:
        sql = str(m.sql_min) if m.sql_min == m.sql_max else f"{m.sql_min}–{m.sql_max}"
        lines.append(f"| {m.page} | {m.viewer} | {m.p50:.1f} | {m.p95:.1f} | {sql} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000)
    parser.add_argument("--registrations", type=int, default=50_000)
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--details", type=int, default=20, help="detail pages per viewer")
    parser.add_argument("--database", type=Path, default=RESULTS_DIR / "stadtgespraeche.sqlite3")
    parser.add_argument("--postgres", action="store_true", help="use DATABASE_URL (PostgreSQL)")
    parser.add_argument("--fresh", action="store_true", help="delete the SQLite file first")
    args = parser.parse_args(argv)
    if args.fresh and not args.postgres:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.database}{suffix}").unlink(missing_ok=True)
    configure_django(database=None if args.postgres else args.database, postgres=args.postgres)
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    from stadtgespraeche.events.models import Event
    from stadtgespraeche.registrations.models import Registration

    setup_test_environment()  # the test client's host "testserver" is allowed
    print(f"==> Database: {connection.vendor} ({connection.settings_dict['NAME']})")
    call_command("migrate", verbosity=0)
    existing = Event.objects.filter(slug__startswith=SLUG_PREFIX).count()
    if existing < args.events:
        print(f"==> Generating {args.events:,} events and {args.registrations:,} registrations")
        generate(events=args.events, registrations=args.registrations, users=args.users)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        print(
            f"==> Reusing {existing:,} events, "
            f"{Registration.objects.filter(event__slug__startswith=SLUG_PREFIX).count():,} "
            "registrations"
        )
    measurements = measure(repeat=args.repeat, details=args.details)
    print()
    print(table(measurements, connection.vendor))


if __name__ == "__main__":
    main()
