"""Benchmark of the notification centre (issue 5, section 5): one person with 10,000
notifications, on SQLite and PostgreSQL.

Generates (fixed seed, bulk_create) one reader with `--notifications` notifications (default
10,000; 30 % unread, spread over a year) and `--others` other people with 200 each as
background, into a separate database. Then requests the real view (`notifications:centre`)
through Django's test client as the logged-in reader, `--repeat` times per scenario, and
prints p50/p95 of the server time (request → response in the same process: middleware,
view, template) and the SQL queries per page. Also times the header badge's unread count
and the digest job for that person. See benchmarks/NOTIFICATIONS.md.

    python -m uv run --frozen python benchmarks/notifications_bench.py            # SQLite
    scripts/with-postgres.sh \
        python -m uv run --frozen python benchmarks/notifications_bench.py --postgres

The SQLite file (benchmarks/results/notifications/stadtgespraeche.sqlite3) is kept between
runs; --fresh regenerates it.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

REPO_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_DIR))

from benchmarks.harness import insert_rows, next_id  # noqa: E402 - after the path

RESULTS_DIR = REPO_DIR / "benchmarks" / "results" / "notifications"
SEED = 20261125
BATCH = 5_000
READER_EMAIL = "bench-reader@example.invalid"
UNUSABLE_PASSWORD = "!benchmark"  # noqa: S105 - not a hash: nobody can log in with it
KINDS = ["bench.planned", "bench.reply", "bench.event_changed", "bench.new_practice"]


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
        os.environ["DATA_DIR"] = str(database.parent)  # settings keep the SQLite file there
    import django

    django.setup()
    if not postgres:
        from django.conf import settings

        settings.DATABASES["default"]["NAME"] = database


def generate(*, notifications: int, others: int, seed: int = SEED) -> int:
    """Create the reader (and `others` background people); return the reader's pk."""
    from django.db import transaction
    from django.utils import timezone

    from stadtgespraeche.accounts.models import User
    from stadtgespraeche.notifications.enums import Cadence
    from stadtgespraeche.notifications.models import Notification

    rng = random.Random(seed)
    now = timezone.now()

    next_note = next_id(Notification)

    def rows(user_id: int, count: int, unread_share: float) -> Iterator[dict[str, Any]]:
        nonlocal next_note
        for number in range(count):
            created = now - timedelta(minutes=rng.randint(1, 365 * 24 * 60))  # read/mail times
            unread = rng.random() < unread_share
            yield {
                "id": next_note,
                "recipient_id": user_id,
                "kind": rng.choice(KINDS),
                "title": f"Benachrichtigung {number}: Neues im Stadtgespräch",
                "body": "Ein kurzer Text zur Benachrichtigung." if number % 3 else "",
                "url": f"/themen/thema-{number % 40}/",
                "read_at": None if unread else created + timedelta(hours=1),
                "cadence": rng.choice(cadences),
                "emailed_at": created,
                # Spread like spread_created_at() does (auto_now_add would stamp one moment).
                "created_at": now - timedelta(minutes=(next_note * 7919) % 525_600),
            }
            next_note += 1

    cadences = list(Cadence.values)
    with transaction.atomic():
        reader = User.objects.create(
            email=READER_EMAIL, first_name="Rita", last_name="Leserin", password=UNUSABLE_PASSWORD
        )
        # Straight through the driver (benchmarks.harness.insert_rows): bulk_create spent
        # most of the time building SQL and model instances.
        insert_rows(Notification, rows(reader.pk, notifications, 0.3))
        first_other = next_id(User)
        insert_rows(
            User,
            (
                {
                    "id": first_other + n,
                    "email": f"bench-other{n}@example.invalid",
                    "password": UNUSABLE_PASSWORD,
                }
                for n in range(others)
            ),
        )
        insert_rows(
            Notification,
            (row for n in range(others) for row in rows(first_other + n, 200, 0.5)),
        )
    return reader.pk


def spread_created_at(seed: int = SEED) -> None:
    """auto_now_add stamps every generated row with the same moment; spread them instead."""
    from django.db import connection

    if connection.vendor == "postgresql":
        sql = (
            "UPDATE notifications_notification SET created_at = now() - "
            "((id * 7919) % 525600) * interval '1 minute'"
        )
    else:
        sql = (
            "UPDATE notifications_notification SET created_at = "
            "datetime('now', '-' || ((id * 7919) % 525600) || ' minutes')"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _time(call: Callable[[], object], repeat: int) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call()  # warm caches
    timings = []
    queries = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            call()
            timings.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
    return timings, queries


def measure(*, reader_id: int, repeat: int) -> list[tuple[str, float, float, int]]:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from stadtgespraeche.accounts.models import User
    from stadtgespraeche.notifications import queries
    from stadtgespraeche.notifications.models import Notification

    reader = User.objects.get(pk=reader_id)
    client = Client(HTTP_HOST="localhost")
    client.force_login(reader)
    centre = reverse("notifications:centre")
    total = Notification.objects.filter(recipient=reader).count()
    last_page = (total + 19) // 20

    def page(number: int) -> Callable[[], object]:
        def call() -> object:
            response = client.get(centre, {"page": number})
            assert response.status_code == 200, response.status_code
            return response

        return call

    scenarios: list[tuple[str, Callable[[], object]]] = [
        ("centre page 1", page(1)),
        (f"centre page {last_page // 2}", page(last_page // 2)),
        (f"centre page {last_page} (last)", page(last_page)),
        ("unread count (header badge)", lambda: queries.unread_count(reader)),
        ("following page (no follows)", lambda: client.get(reverse("notifications:following"))),
    ]
    results = []
    print(f"==> {total:,} notifications for one person ({connection.vendor}), repeat {repeat}")
    for name, call in scenarios:
        timings, count = _time(call, repeat)
        p50, p95 = statistics.median(timings), _percentile(timings, 0.95)
        results.append((name, p50, p95, count))
        print(f"    {name:32} p50 {p50:7.1f} ms · p95 {p95:7.1f} ms · SQL {count}")
    return results


def use_index(*, with_id: bool) -> None:
    """Swap the centre's index: (recipient, -created_at, -id) as migrated, or the first
    version (recipient, -created_at) without the tie-breaker, for the comparison."""
    from django.db import connection

    columns = "recipient_id, created_at DESC" + (", id DESC" if with_id else "")
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS notif_recipient_created")
        cursor.execute(
            f"CREATE INDEX notif_recipient_created ON notifications_notification ({columns})"
        )
        cursor.execute("ANALYZE")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notifications", type=int, default=10_000)
    parser.add_argument("--others", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--database", type=Path, default=RESULTS_DIR / "stadtgespraeche.sqlite3")
    parser.add_argument("--postgres", action="store_true", help="use DATABASE_URL (PostgreSQL)")
    parser.add_argument("--fresh", action="store_true", help="delete the SQLite file first")
    parser.add_argument(
        "--compare-index",
        action="store_true",
        help="also measure with the first index version (recipient, -created_at)",
    )
    args = parser.parse_args(argv)
    if args.fresh and not args.postgres:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.database}{suffix}").unlink(missing_ok=True)
    configure_django(database=None if args.postgres else args.database, postgres=args.postgres)

    from django.core.management import call_command
    from django.db import connection

    from stadtgespraeche.accounts.models import User

    print(f"==> Database: {connection.vendor} ({connection.settings_dict['NAME']})")
    call_command("migrate", verbosity=0)
    reader = User.objects.filter(email=READER_EMAIL).first()
    if reader is None:
        started = time.perf_counter()
        reader_id = generate(notifications=args.notifications, others=args.others)
        spread_created_at()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"==> Generated in {time.perf_counter() - started:.0f} s")
    else:
        reader_id = reader.pk
        print("==> Reusing the generated data")
    if args.compare_index:
        print("==> Index (recipient, -created_at) without the id tie-breaker")
        use_index(with_id=False)
        try:
            measure(reader_id=reader_id, repeat=args.repeat)
        finally:
            use_index(with_id=True)
        print("==> Index (recipient, -created_at, -id), as migrated")
    measure(reader_id=reader_id, repeat=args.repeat)


if __name__ == "__main__":
    main()
