"""Load benchmark of issue 15: every key page against Django's hello-world floor.

Starts two servers with the same gunicorn options (`stadtgespraeche serve`, production
settings, 2 sync workers by default): the platform on the nationwide data set
(benchmarks/nationwide.py) and the floor app (benchmarks/floor_app.py). Then, for every
page, it runs `wrk` against the floor and right after against the page, so each share of
the floor compares two runs under the same machine load. It prints one Markdown table:
requests per second, % of the floor beside the target (≥ 50 % for anonymous pages that can
be cached, ≥ 20 % for logged-in pages), latency p50/p95/p99 under load, the server time of
one request and its SQL queries (measured in this process through Django's test client on
the same database), and the machine's one-minute load average after the run.

Needs `wrk` (Debian: `apt-get install wrk`); it is not part of the test set-up.

    python -m uv run --frozen python benchmarks/nationwide.py --scale 0.1     # once
    python -m uv run --frozen python benchmarks/load_bench.py                 # the table
    scripts/with-postgres.sh sh -c 'python -m uv run --frozen python benchmarks/nationwide.py \\
        --postgres --scale 0.1 && python -m uv run --frozen python benchmarks/load_bench.py \\
        --postgres'
    # options: --duration S --connections N --workers N --only TEXT --data-dir PATH
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.harness import (
    REPO_DIR,
    configure_django,
    free_port,
    percentile,
    production_env,
)
from benchmarks.nationwide import (
    DATA_DIR,
    ORGANISER_EMAIL,
    PERSONA_EMAIL,
    PRACTICE_SLUG_PREFIX,
)

LUA_REPORT = Path(__file__).resolve().parent / "wrk_report.lua"
ANONYMOUS_TARGET = 50.0  # % of the floor, pages that can be cached
LOGGED_IN_TARGET = 20.0
P95_TARGET_MS = 100.0


@dataclass(frozen=True)
class Page:
    name: str
    viewer: str  # anonymous, member, organiser
    path: str


@dataclass(frozen=True)
class WrkRun:
    rps: float
    p50: float
    p95: float
    p99: float
    errors: int


@dataclass(frozen=True)
class Row:
    page: Page
    run: WrkRun
    floor: WrkRun
    server_ms: float
    queries: int
    load: float

    @property
    def share(self) -> float:
        return 100 * self.run.rps / self.floor.rps if self.floor.rps else 0.0

    @property
    def target(self) -> float:
        return ANONYMOUS_TARGET if self.page.viewer == "anonymous" else LOGGED_IN_TARGET


def pages() -> list[Page]:
    """The pages of the issue's table, on rows of the generated data set."""
    from django.urls import reverse
    from django.utils import timezone

    from stadtgespraeche.discussions.models import Thread
    from stadtgespraeche.events.models import Event
    from stadtgespraeche.events.threads import EventThread
    from stadtgespraeche.knowledge.enums import EditorialState
    from stadtgespraeche.knowledge.models import Practice
    from stadtgespraeche.people.models import Profile
    from stadtgespraeche.topics.models import Topic

    event = (
        Event.objects.filter(
            confidentiality="public", status="registration_open", starts_at__gt=timezone.now()
        )
        .order_by("starts_at")
        .first()
    )
    assert event is not None, "no public upcoming event: generate the data set first"
    persona = Profile.objects.select_related("municipality").get(user__email=PERSONA_EMAIL)
    municipality = persona.municipality
    if municipality is None:
        from stadtgespraeche.municipalities.models import Municipality

        municipality = Municipality.objects.filter(kind="city").order_by("key").first()
        assert municipality is not None
    topic = Topic.objects.filter(is_active=True).order_by("pk").first()
    thread_id = (
        EventThread.objects.filter(event__confidentiality="public")
        .order_by("thread_id")
        .values_list("thread_id", flat=True)
        .first()
    )
    assert thread_id is not None, "no discussion of a public event"
    assert Thread.objects.filter(pk=thread_id).exists()
    practice = (
        Practice.objects.filter(
            state=EditorialState.PUBLISHED, slug__startswith=PRACTICE_SLUG_PREFIX
        )
        .order_by("pk")
        .first()
    )
    assert practice is not None
    people = reverse("people:people")
    slug = event.slug
    anonymous = [
        ("start page", reverse("pages:home")),
        ("event list", reverse("events:event-list")),
        ("event detail", reverse("events:event-detail", kwargs={"slug": slug})),
        ("one event's .ics", reverse("events:event-ics", kwargs={"slug": slug})),
        ("people directory", people),
        ("people, free text", f"{people}?q=Digitalisierung"),
        ("municipality", reverse("pages:municipality-detail", kwargs={"slug": municipality.slug})),
        ("topic", reverse("topics:topic-detail", kwargs={"slug": topic.slug}) if topic else "/"),
        (
            "practice",
            reverse("knowledge:practice-detail", kwargs={"slug": practice.slug}),
        ),
        ("good-practice list", reverse("knowledge:practice-list")),
        ("search", reverse("search:search") + "?q=Datenplattform"),
        ("discussion thread", reverse("discussions:thread-detail", kwargs={"pk": thread_id})),
    ]
    member = [
        ("home after login", reverse("accounts:home")),
        ("start page", reverse("pages:home")),
        ("event list", reverse("events:event-list")),
        ("event detail", reverse("events:event-detail", kwargs={"slug": slug})),
        ("people directory", people),
        ("people, free text", f"{people}?q=Digitalisierung"),
        ("search", reverse("search:search") + "?q=Datenplattform"),
        ("notification centre", reverse("notifications:centre")),
        ("discussion thread", reverse("discussions:thread-detail", kwargs={"pk": thread_id})),
        ("good-practice list", reverse("knowledge:practice-list")),
    ]
    organiser = [
        ("dashboard", reverse("dashboard:home")),
        ("dashboard: applications", reverse("dashboard:application-list")),
        ("dashboard: memberships", reverse("dashboard:membership-list")),
    ]
    return [
        *(Page(name, "anonymous", path) for name, path in anonymous),
        *(Page(name, "member", path) for name, path in member),
        *(Page(name, "organiser", path) for name, path in organiser),
    ]


def session_keys() -> dict[str, str]:
    """A database session per logged-in viewer, made like a login would make it."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from stadtgespraeche.accounts.models import User

    keys = {}
    for viewer, email in (("member", PERSONA_EMAIL), ("organiser", ORGANISER_EMAIL)):
        user = User.objects.get(email=email)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "stadtgespraeche.accounts.backends.AccountBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        assert session.session_key is not None
        keys[viewer] = session.session_key
    return keys


def server_time(page: Page, cookies: dict[str, str], repeat: int = 7) -> tuple[float, int]:
    """Median in-process time of one request and its SQL queries (Django's test client)."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if page.viewer in cookies:
        client.cookies[settings.SESSION_COOKIE_NAME] = cookies[page.viewer]
    response = client.get(page.path)
    assert response.status_code == 200, (page, response.status_code)
    times, counts = [], []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            client.get(page.path)
            times.append((time.perf_counter() - started) * 1000)
        counts.append(len(captured.captured_queries))
    return statistics.median(times), max(counts)


@contextmanager
def serving(command: list[str], env: dict[str, str], log_path: Path, port: int) -> Iterator[str]:
    with log_path.open("wb") as log:
        server = subprocess.Popen(  # noqa: S603 - our own commands
            command, cwd=REPO_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    with urlopen(f"{base}/", timeout=2):  # noqa: S310 - our own server
                        break
                except URLError as error:
                    if getattr(error, "code", None):  # an HTTP answer: the server is up
                        break
                except OSError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"server did not start, see {log_path}")
                time.sleep(0.3)
            yield base
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def wrk(url: str, *, duration: int, connections: int, cookie: str | None) -> WrkRun:
    command = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "30s",
        "-s",
        str(LUA_REPORT),
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(  # noqa: S603 - wrk from the PATH
        [*command, url], check=True, capture_output=True, text=True
    ).stdout
    report = json.loads([line for line in output.splitlines() if line.startswith("{")][-1])
    return WrkRun(
        rps=report["requests"] / (report["duration_us"] / 1e6),
        p50=report["p50"] / 1000,
        p95=report["p95"] / 1000,
        p99=report["p99"] / 1000,
        errors=report["non_2xx_3xx"] + report["socket_errors"],
    )


def table(rows: list[Row], *, title: str) -> str:
    lines = [
        f"### {title}",
        "",
        "| page | viewer | req/s | floor req/s | % of floor | target | p50 ms | p95 ms | p99 ms "
        "| 1 request ms | SQL | load |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        share_met = row.share >= row.target
        p95_met = row.run.p95 <= P95_TARGET_MS
        errors = f" ({row.run.errors} errors)" if row.run.errors else ""
        lines.append(
            f"| {row.page.name} | {row.page.viewer} | {row.run.rps:,.0f}{errors} "
            f"| {row.floor.rps:,.0f} | {row.share:.1f} {'✓' if share_met else '✗'} "
            f"| ≥ {row.target:.0f} % | {row.run.p50:.1f} | {row.run.p95:.1f} "
            f"{'✓' if p95_met else '✗'} | {row.run.p99:.1f} | {row.server_ms:.1f} "
            f"| {row.queries} | {row.load:.1f} |"
        )
    floors = [row.floor.rps for row in rows]
    if floors:
        lines += [
            "",
            f"Floor: {min(floors):,.0f}–{max(floors):,.0f} req/s (median "
            f"{statistics.median(floors):,.0f}, p95 latency median "
            f"{percentile([row.floor.p95 for row in rows], 0.5):.1f} ms).",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--postgres", action="store_true", help="use DATABASE_URL (PostgreSQL)")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--only", default="", help="only pages whose name contains this")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install wrk")
    # One secret for the servers and this process: the sessions made here must be valid there.
    env = production_env(
        args.data_dir.resolve(),
        postgres=args.postgres,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,testserver",
    )
    os.environ.update(env)
    # Before this process reads the manifest of the hashed static files.
    subprocess.run(
        [sys.executable, "-m", "stadtgespraeche", "collectstatic", "--noinput", "-v0"],
        cwd=REPO_DIR,
        env=env,
        check=True,
    )
    configure_django(data_dir=args.data_dir.resolve(), postgres=args.postgres, demo=False)
    from django.core.management import call_command
    from django.db import connection

    print(f"==> Database: {connection.vendor} ({connection.settings_dict['NAME']})")
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    cookies = session_keys()
    selected = [page for page in pages() if args.only in page.name]
    measured = {}
    for page in selected:
        measured[page] = server_time(page, cookies)
    connection.close()

    app_port, floor_port = free_port(), free_port()
    serve = [sys.executable, "-m", "stadtgespraeche", "serve", "--no-access-log"]
    serve += ["--bind", f"127.0.0.1:{app_port}", "--workers", str(args.workers)]
    floor = [sys.executable, str(REPO_DIR / "benchmarks" / "floor_app.py")]
    floor += ["--bind", f"127.0.0.1:{floor_port}", "--workers", str(args.workers)]
    logs = args.data_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    with (
        serving(serve, env, logs / "serve.log", app_port) as app,
        serving(floor, env, logs / "floor.log", floor_port) as floor_base,
    ):
        wrk(f"{floor_base}/", duration=2, connections=args.connections, cookie=None)  # warm up
        for page in selected:
            cookie = (
                f"{os.environ.get('SESSION_COOKIE_NAME', 'sessionid')}={cookies[page.viewer]}"
                if page.viewer in cookies
                else None
            )
            floor_run = wrk(
                f"{floor_base}/", duration=args.duration, connections=args.connections, cookie=None
            )
            run = wrk(
                f"{app}{page.path}",
                duration=args.duration,
                connections=args.connections,
                cookie=cookie,
            )
            server_ms, queries = measured[page]
            row = Row(page, run, floor_run, server_ms, queries, os.getloadavg()[0])
            rows.append(row)
            print(
                f"  {page.name} / {page.viewer}: {run.rps:,.0f} req/s, "
                f"{row.share:.1f} % of floor, p95 {run.p95:.1f} ms",
                flush=True,
            )
    title = (
        f"{connection.vendor}, {time.strftime('%Y-%m-%d %H:%M')}, wrk -t2 "
        f"-c{args.connections} -d{args.duration}s, {args.workers} sync workers"
    )
    print()
    print(table(rows, title=title))


if __name__ == "__main__":
    main()
