"""Benchmark of a discussion thread with 2,000 posts (issue 5 section 5).

Generates, into a separate database, one public event thread with `--posts` posts (default
2,000; fixed seed, bulk_create) by 200 authors, a third of them replies, one in ten quoting,
some deleted and hidden, then renders thread pages through the real view with Django's test
client, as an anonymous visitor and as a logged-in member: the first, a middle and the last
page, and a post's permanent address (which computes its page). Prints p50/p95 server time
in ms and SQL queries per request. Figures: benchmarks/DISCUSSIONS.md.

    python -m uv run --frozen python benchmarks/discussions_bench.py             # SQLite
    scripts/with-postgres.sh \
        python -m uv run --frozen python benchmarks/discussions_bench.py --postgres

The SQLite file (benchmarks/results/discussions/stadtgespraeche.sqlite3) is kept between
runs; --fresh regenerates it.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parents[1]
RESULTS_DIR = REPO_DIR / "benchmarks" / "results" / "discussions"
SEED = 20261125
THREAD_TITLE = "Benchmark: Hybride Ratsarbeit"
UNUSABLE_PASSWORD = "!benchmark"  # noqa: S105 - not a hash: nobody can log in with it
WORDS = [
    "Rat",
    "Sitzung",
    "hybrid",
    "Technik",
    "Beteiligung",
    "Daten",
    "offen",
    "Verwaltung",
    "Stadt",
    "Kommune",
    "Haushalt",
    "Plattform",
    "Sensor",
    "Zwilling",
    "Souveränität",
    "Ethik",
    "Bürgerinnen",
    "Bürger",
    "Satzung",
    "Abstimmung",
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
    from django.conf import settings

    if not postgres:
        settings.DATABASES["default"]["NAME"] = database
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SECURE_SSL_REDIRECT = False


def _text(rng: random.Random) -> str:
    sentences = [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 18))).capitalize() + "."
        for _ in range(rng.randint(1, 5))
    ]
    if rng.random() < 0.3:
        sentences.append(f"**{rng.choice(WORDS)}** und *{rng.choice(WORDS)}*")
    return " ".join(sentences)


def generate(*, posts: int, authors: int, seed: int = SEED) -> None:
    from django.db import transaction
    from django.utils import timezone

    from stadtgespraeche.accounts.models import User
    from stadtgespraeche.discussions.models import Post, Thread
    from stadtgespraeche.events.models import Event
    from stadtgespraeche.events.threads import KIND, EventThread
    from stadtgespraeche.network.models import Series

    rng = random.Random(seed)
    start = timezone.now() - datetime.timedelta(days=60)
    with transaction.atomic():
        series, _created = Series.objects.get_or_create(
            slug="benchmark", defaults={"name": "Benchmark"}
        )
        event = Event.objects.create(
            series=series,
            number=(Event.objects.filter(series=series).count() + 1),
            title="Benchmark-Stadtgespräch",
            slug=f"benchmark-{rng.randrange(10**9)}",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            status="published",
            confidentiality="public",
        )
        thread = Thread.objects.create(title=THREAD_TITLE, owner_kind=KIND)
        EventThread.objects.create(event=event, thread=thread)
        people = User.objects.bulk_create(
            [
                User(
                    email=f"discussion{n}@example.invalid",
                    first_name=f"Person{n}",
                    last_name="Benchmark",
                    password=UNUSABLE_PASSWORD,
                )
                for n in range(authors)
            ]
        )
        created: list[Post] = []
        for chunk_start in range(0, posts, 500):
            chunk: list[Post] = []
            for _number in range(chunk_start, min(chunk_start + 500, posts)):
                # Replies point at posts of earlier chunks (saved, so they have a key).
                reply_to = rng.choice(created) if created and rng.random() < 0.33 else None
                post = Post(
                    thread=thread,
                    author=rng.choice(people),
                    body=_text(rng),
                    reply_to=reply_to,
                    quoted=reply_to if reply_to is not None and rng.random() < 0.3 else None,
                    edited_at=start if rng.random() < 0.05 else None,
                )
                if rng.random() < 0.02:
                    post.deleted_at, post.body = start, ""
                elif rng.random() < 0.01:
                    post.hidden_at, post.hidden_reason = start, "Benchmark"
                chunk.append(post)
            created += Post.objects.bulk_create(chunk)
        # created_at is auto_now_add: spread the posts over the 60 days, in order.
        for index, post in enumerate(created):
            post.created_at = start + datetime.timedelta(minutes=index * 40)
        Post.objects.bulk_update(created, ["created_at"], batch_size=500)
        Thread.objects.filter(pk=thread.pk).update(last_posted_at=created[-1].created_at)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(*, repeat: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from stadtgespraeche.accounts.models import User
    from stadtgespraeche.discussions import queries
    from stadtgespraeche.discussions.models import Post, Thread

    thread = Thread.objects.filter(title=THREAD_TITLE).latest("pk")
    total = Post.objects.filter(thread=thread).count()
    last_page = (total - 1) // queries.posts_per_page() + 1
    middle = Post.objects.filter(thread=thread).order_by("created_at", "pk")[total // 2]
    member = User.objects.filter(email="discussion0@example.invalid").get()
    anonymous, logged_in = Client(), Client()
    logged_in.force_login(member)
    url = thread.get_absolute_url()
    scenarios = [
        ("first page", url),
        ("middle page", f"{url}?page={last_page // 2}"),
        ("last page", f"{url}?page={last_page}"),
        ("post address (redirect)", middle.get_absolute_url()),
    ]
    print(
        f"==> Thread with {total:,} posts, {queries.posts_per_page()} per page, "
        f"{last_page} pages ({connection.vendor}), {repeat} runs each"
    )
    for who, client in (("anonymous", anonymous), ("member", logged_in)):
        for name, address in scenarios:
            client.get(address)  # warm up
            timings: list[float] = []
            with CaptureQueriesContext(connection) as captured:
                response = client.get(address)
            count = len(captured)
            sql_ms = sum(float(query["time"]) for query in captured.captured_queries) * 1000
            for _ in range(repeat):
                started = time.perf_counter()
                response = client.get(address)
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code in (200, 302), response.status_code
            print(
                f"    {who:9} {name:24} p50 {statistics.median(timings):6.1f} ms · "
                f"p95 {_percentile(timings, 0.95):6.1f} ms · {count} SQL queries "
                f"({sql_ms:.1f} ms in SQL)"
            )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=2_000)
    parser.add_argument("--authors", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=30)
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

    from stadtgespraeche.discussions.models import Thread

    print(f"==> Database: {connection.vendor} ({connection.settings_dict['NAME']})")
    call_command("migrate", verbosity=0)
    thread = Thread.objects.filter(title=THREAD_TITLE).order_by("-pk").first()
    if thread is None or thread.posts.count() < args.posts:
        print(f"==> Generating a thread with {args.posts:,} posts")
        generate(posts=args.posts, authors=args.authors)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    measure(repeat=args.repeat)


if __name__ == "__main__":
    main()
