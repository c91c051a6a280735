"""Benchmark of Markdown rendered at write time (issue 15, item 3): pages before and after.

Generates, into a separate database, a public discussion thread (`--posts`, default 500;
the German text of `discussions_bench`), one good practice with four long Markdown texts and
one documented event with its description, minutes and results. Then requests the pages
through the real views with Django's test client, in one process, in three modes:

- per view: what main did before, every displayed Markdown field converted and sanitised
  in the request (the `sanitised` filter is replaced by `render_markdown` of the field's
  source, looked up by its stored HTML);
- stored: this branch, the stored HTML passed through the sanitiser (nh3) again;
- stored, trusted: the stored HTML marked safe without nh3, i.e. the unsafe option, only
  to show what the read-side sanitiser costs.

Prints p50/p95 server time per page and mode, the cost per post of converting versus
sanitising, and the machine's load average. Figures: benchmarks/MARKDOWN.md.

    python -m uv run --frozen python benchmarks/markdown_bench.py                # SQLite
    scripts/with-postgres.sh \
        python -m uv run --frozen python benchmarks/markdown_bench.py --postgres

The SQLite file (benchmarks/results/markdown/stadtgespraeche.sqlite3) is kept between runs;
--fresh regenerates it.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks import harness

RESULTS_DIR = harness.RESULTS_DIR / "markdown"
SEED = 20261208
PRACTICE_SLUG = "benchmark-markdown-praxis"

PARAGRAPHS = [
    "Der Rat hat im **Frühjahr** beschlossen, die Sitzungen hybrid zu übertragen; die "
    "Verwaltung hat dafür ein [Konzept](https://example.org/konzept) vorgelegt.",
    "Wichtig war uns, dass *alle* Fraktionen früh beteiligt werden und die Technik im "
    "Ratssaal ohne zusätzliches Personal bedienbar bleibt.",
    "> Ohne klare Geschäftsordnung für hybride Sitzungen geht es nicht.",
    "- Kameras und Mikrofone im Saal\n- eine Plattform für die Online-Teilnahme\n"
    "- Schulungen für Ratsmitglieder\n- ein Leitfaden für die Sitzungsleitung",
    "1. Beschluss im Ältestenrat\n2. Probebetrieb im Ausschuss\n3. Regelbetrieb im Rat",
    "| Jahr | Sitzungen | davon hybrid |\n|---|---|---|\n| 2024 | 18 | 4 |\n| 2025 | 20 | 16 |",
    "### Kosten\n\nDie Anschaffung kostete rund 45.000 Euro, der Betrieb etwa 6.000 Euro im "
    "Jahr (`Haushaltsstelle 1.11.01`).",
]


def _long_text(rng: random.Random, paragraphs: int) -> str:
    return "\n\n".join(rng.choice(PARAGRAPHS) for _ in range(paragraphs))


def generate(*, posts: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from benchmarks import discussions_bench
    from stadtgespraeche.accounts.models import User
    from stadtgespraeche.documentation.models import Minutes
    from stadtgespraeche.events.models import Event
    from stadtgespraeche.knowledge.models import Practice
    from stadtgespraeche.municipalities.models import Municipality, State

    rng = random.Random(SEED)
    discussions_bench.generate(posts=posts, authors=max(1, posts // 10), seed=SEED)
    with transaction.atomic():
        event = Event.objects.filter(title="Benchmark-Stadtgespräch").latest("pk")
        event.description = _long_text(rng, 6)
        event.status = "documented"
        event.save()
        Minutes.objects.update_or_create(
            event=event,
            defaults={
                "body": _long_text(rng, 14),
                "results": _long_text(rng, 4),
                "published_at": timezone.now() - datetime.timedelta(days=1),
            },
        )
        state, _created = State.objects.get_or_create(
            code="99", defaults={"name": "Benchmarkland", "abbreviation": "BL"}
        )
        town, _created = Municipality.objects.get_or_create(
            key="99000000",
            defaults={
                "slug": "benchmarkstadt",
                "name": "Benchmarkstadt",
                "kind": "city",
                "state": state,
                "population": 100_000,
            },
        )
        practice = Practice.objects.create(
            title="Hybride Ratssitzungen",
            slug=f"{PRACTICE_SLUG}-{rng.randrange(10**9)}",
            summary="Wie eine Stadt ihre Ratssitzungen hybrid macht.",
            problem=_long_text(rng, 4),
            approach=_long_text(rng, 8),
            outcome=_long_text(rng, 4),
            lessons_learned=_long_text(rng, 4),
            author=User.objects.filter(email="discussion0@example.invalid").get(),
            state="published",
            published_at=timezone.now(),
        )
        practice.municipalities.set([town])


def _sources() -> dict[str, str]:
    """Stored HTML → its Markdown source, for the "per view" mode."""
    from stadtgespraeche.core.markdown import html_fields, stored_markdown_models

    found: dict[str, str] = {}
    for model in stored_markdown_models():
        for field in html_fields(model):
            rows = model._default_manager.values_list(field.attname, field.source)
            found.update(dict(rows.iterator()))
    return found


@contextlib.contextmanager
def _mode(name: str, sources: dict[str, str]) -> Iterator[None]:
    from django.utils.safestring import mark_safe

    from stadtgespraeche.core.markdown import render_markdown
    from stadtgespraeche.core.templatetags import markdown as tags

    original = tags.sanitise_html
    replacements: dict[str, Callable[[str], object]] = {
        "per view": lambda html: render_markdown(sources.get(html, html)),
        "stored": original,
        "stored, trusted": mark_safe,
    }
    tags.sanitise_html = replacements[name]  # type: ignore[assignment]
    try:
        yield
    finally:
        tags.sanitise_html = original


def measure(*, repeat: int) -> None:
    from django.db import connection
    from django.test import Client

    from stadtgespraeche.core.markdown import render_markdown, sanitise_html
    from stadtgespraeche.discussions.models import Post, Thread
    from stadtgespraeche.discussions.queries import posts_per_page
    from stadtgespraeche.events.models import Event
    from stadtgespraeche.knowledge.models import Practice

    thread = Thread.objects.filter(title="Benchmark: Hybride Ratsarbeit").latest("pk")
    practice = Practice.objects.filter(slug__startswith=PRACTICE_SLUG).latest("pk")
    event = Event.objects.filter(title="Benchmark-Stadtgespräch").latest("pk")
    total = Post.objects.filter(thread=thread).count()
    first_post = Post.objects.filter(thread=thread).order_by("created_at", "pk").first()
    assert first_post is not None
    pages = [
        (
            f"thread page ({posts_per_page()} of {total:,} posts)",
            thread.get_absolute_url(),
            first_post.body_html,
        ),
        ("good practice (4 texts)", practice.get_absolute_url(), practice.approach_html),
        ("event with minutes", event.get_absolute_url(), event.minutes.body_html),
    ]
    sources = _sources()
    client = Client()
    load = os.getloadavg()
    print(
        f"==> {connection.vendor}, {repeat} requests per page and mode, load average "
        f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    modes = ("per view", "stored", "stored, trusted")
    for label, url, shown in pages:
        timings: dict[str, list[float]] = {mode: [] for mode in modes}
        for mode in modes:
            with _mode(mode, sources):
                response = client.get(url)  # warm up
                assert response.status_code == 200, (url, response.status_code)
                assert shown in response.content.decode(), (url, "stored HTML not shown")
        for _ in range(repeat):  # the modes interleaved, so a load spike hits all alike
            for mode in modes:
                with _mode(mode, sources):
                    started = time.perf_counter()
                    client.get(url)
                    timings[mode].append((time.perf_counter() - started) * 1000)
        figures = [
            f"{mode} p50 {statistics.median(timings[mode]):5.1f} / "
            f"p95 {harness.percentile(timings[mode], 0.95):5.1f} ms"
            for mode in modes
        ]
        print(f"    {label:34} " + " · ".join(figures))
    bodies = list(Post.objects.filter(thread=thread).values_list("body", "body_html")[:200])
    convert = _per_item([lambda body=body: render_markdown(body) for body, _html in bodies])
    sanitise = _per_item([lambda html=html: sanitise_html(html) for _body, html in bodies])
    print(
        f"    per post ({len(bodies)} posts, median of 5 runs): convert and sanitise "
        f"{convert:.1f} µs · sanitise stored HTML {sanitise:.1f} µs"
    )


def _per_item(calls: list[Callable[[], object]]) -> float:
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        for call in calls:
            call()
        runs.append((time.perf_counter() - started) / len(calls) * 1e6)
    return statistics.median(runs)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--postgres", action="store_true", help="use DATABASE_URL (PostgreSQL)")
    parser.add_argument("--fresh", action="store_true", help="delete the SQLite file first")
    parser.add_argument("--data-dir", type=Path, default=RESULTS_DIR)
    args = parser.parse_args(argv)
    if args.fresh and not args.postgres:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.data_dir / 'stadtgespraeche.sqlite3'}{suffix}").unlink(missing_ok=True)
    harness.configure_django(data_dir=args.data_dir, postgres=args.postgres)

    from django.conf import settings
    from django.core.management import call_command

    from stadtgespraeche.knowledge.models import Practice

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SECURE_SSL_REDIRECT = False
    call_command("migrate", verbosity=0)
    if not Practice.objects.filter(slug__startswith=PRACTICE_SLUG).exists():
        print(f"==> Generating a thread with {args.posts:,} posts, a practice and an event")
        started = time.perf_counter()
        generate(posts=args.posts)
        print(f"    generated in {time.perf_counter() - started:.1f} s (rendering included)")
    measure(repeat=args.repeat)


if __name__ == "__main__":
    main()
