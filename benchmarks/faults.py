"""Fault scripts of issue 13 against real `serve` processes; they print their figures.

Each scenario builds a production-like instance (DEBUG off, collected static files) in a
temporary DATA_DIR, seeds people, open events and an event discussion with the test
factories, and drives it over HTTP from client threads:

    kill-server  20 clients register for events and post in a discussion while `serve`
                 (2 workers) runs; the whole server (master and workers) gets SIGKILL
                 mid-load. Every acknowledged write (a 302 answer) must be in the database
                 afterwards, and the database must pass its integrity check.
    db-stop      the same load against PostgreSQL, which is stopped (pg_ctl -m fast) and
                 started again: every request while it is down answers 503 within 2 s,
                 and after the restart every client writes again within 10 s.
    disk-full    (root only) MEDIA_ROOT on a 2 MiB tmpfs; 20 clients upload 300 KiB
                 event documents until the disk is full: no 5xx, a clear German message,
                 no partly written file left, integrity ok.
    scale-out    two `serve` and two `worker` processes on one PostgreSQL and a local SMTP
                 sink; 40 registrations through both servers; every confirmation mail
                 must arrive exactly once.

    python -m uv run --frozen python benchmarks/faults.py kill-server [--postgres]
    python -m uv run --frozen python benchmarks/faults.py db-stop
    python -m uv run --frozen python benchmarks/faults.py disk-full
    python -m uv run --frozen python benchmarks/faults.py scale-out

Scenarios with PostgreSQL start their own throwaway server (the machine's binaries).
Figures of every run: benchmarks/OPERATIONS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

REPO_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_DIR / "src"))

from tests.operations.test_database_recovery import ThrowawayPostgres  # noqa: E402
from tests.operations.test_serve import _free_port, manage, production_env  # noqa: E402

PASSWORD = "Stadtgespraeche-2026!"  # noqa: S105 - of the generated people
CLIENTS = 20

SEED = """
import json
from stadtgespraeche.discussions.services import accept_code_of_conduct
from tests.factories.accounts import UserFactory
from tests.factories.discussions import EventThreadFactory
from tests.registrations.helpers import open_event
people = [
    UserFactory(email=f"rat{{n}}@example.org", password={password!r}) for n in range({people})
]
for person in people:
    accept_code_of_conduct(person)
events = [open_event(capacity_online=None, capacity_in_person=None) for _ in range({events})]
thread = EventThreadFactory(event=events[0]).thread
print("SEED" + json.dumps({{"emails": [p.email for p in people], "events": [e.slug for e in events],
    "event_ids": [e.pk for e in events], "thread": thread.pk}}))
"""

CHECK = """
import json
from stadtgespraeche.discussions.models import Post
from stadtgespraeche.registrations.models import Registration
regs = [[r.user.email, r.event.slug] for r in Registration.objects.select_related("user", "event")]
print("CHECK" + json.dumps({"registrations": regs,
    "posts": list(Post.objects.values_list("pk", flat=True))}))
"""


def shell(env: dict[str, str], code: str, marker: str) -> dict:
    result = subprocess.run(  # noqa: S603 - the project's own command
        [sys.executable, "-m", "stadtgespraeche", "shell", "-c", code],
        cwd=REPO_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith(marker))
    return json.loads(line[len(marker) :])


def prepare(env: dict[str, str], *, people: int, events: int) -> dict:
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    return shell(env, SEED.format(password=PASSWORD, people=people, events=events), "SEED")


class Server:
    """`stadtgespraeche serve` in its own process group (so SIGKILL reaches every worker)."""

    def __init__(self, env: dict[str, str], workers: int = 2) -> None:
        self.env = env
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(env["DATA_DIR"]) / f"serve-{self.port}.log"
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(  # noqa: S603 - the project's own command
            [sys.executable, "-m", "stadtgespraeche", "serve", "--bind",
             f"127.0.0.1:{self.port}", "--workers", str(workers)],
            cwd=REPO_DIR, env=env, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 90
        while True:
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{self.base}/health/live", timeout=1).status_code == 200:
                    return
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(self.log_path.read_text(errors="replace"))
            time.sleep(0.2)

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.log.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


class Person:
    """One browser: its own cookies (sent by hand: the cookies are Secure, the test is HTTP)."""

    def __init__(self, base: str, email_address: str, timeout: float = 10) -> None:
        self.base = base
        self.email = email_address
        self.cookies: dict[str, str] = {}
        self.http = httpx.Client(base_url=base, timeout=timeout, follow_redirects=False)

    def _headers(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}

    def _keep(self, response: httpx.Response) -> httpx.Response:
        for header in response.headers.get_list("set-cookie"):
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response

    def get(self, path: str) -> httpx.Response:
        return self._keep(self.http.get(path, headers=self._headers()))

    def post(self, path: str, data: dict, files: dict | None = None) -> httpx.Response:
        if "csrftoken" not in self.cookies:
            self.get("/konto/anmelden/")
        data = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **data}
        return self._keep(self.http.post(path, data=data, files=files, headers=self._headers()))

    def login(self) -> None:
        self.get("/konto/anmelden/")
        response = self.post("/konto/anmelden/", {"email": self.email, "password": PASSWORD})
        if response.status_code != 302:
            raise RuntimeError(f"login of {self.email}: {response.status_code}")


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    registrations: list[tuple[str, str]] = field(default_factory=list)
    posts: list[int] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)

    def status(self, key: str) -> None:
        with self.lock:
            self.statuses[key] = self.statuses.get(key, 0) + 1


def _write_loop(person: Person, seed: dict, tally: Tally, stop: threading.Event,
                on_answer: Callable[[str, float], None] | None = None) -> None:  # fmt: skip
    """Alternately register for the next event and post in the discussion until `stop`."""
    events = iter(seed["events"])
    number = 0
    while not stop.is_set():
        number += 1
        slug = next(events, None)
        started = time.monotonic()
        try:
            if slug is not None and number % 2:
                response = person.post(
                    f"/netzwerk/termine/{slug}/anmelden/", {"registration-mode": "online"}
                )
                if response.status_code == 302:
                    with tally.lock:
                        tally.registrations.append((person.email, slug))
            else:
                response = person.post(
                    f"/diskussionen/{seed['thread']}/beitrag/",
                    {"body": f"Beitrag {number} von {person.email}"},
                )
                match = re.search(
                    r"/beitraege/(\d+)/|#post-(\d+)", response.headers.get("location", "")
                )
                if response.status_code == 302 and match:
                    with tally.lock:
                        tally.posts.append(int(match.group(1) or match.group(2)))
            tally.status(str(response.status_code))
            if on_answer:
                on_answer(str(response.status_code), time.monotonic() - started)
        except httpx.TransportError as error:
            tally.status(type(error).__name__)
            if on_answer:
                on_answer(type(error).__name__, time.monotonic() - started)
            time.sleep(0.05)


def _integrity(env: dict[str, str], database: ThrowawayPostgres | None = None) -> str:
    """SQLite: PRAGMA integrity_check; PostgreSQL: pg_amcheck over every table and index."""
    if database is not None:
        result = subprocess.run(  # noqa: S603 - the machine's PostgreSQL binaries
            [*database.run_as, str(database.bin / "pg_amcheck"), "--heapallindexed",
             "--install-missing", "-h", "127.0.0.1", "-p", str(database.port), "-U", "postgres",
             "postgres"],
            capture_output=True, text=True, timeout=600, cwd=database.directory,
        )  # fmt: skip
        verdict = "ok" if result.returncode == 0 else f"FAILED {result.stdout[-500:]}"
        return f"pg_amcheck --heapallindexed: {verdict}"
    with sqlite3.connect(Path(env["DATA_DIR"]) / "stadtgespraeche.sqlite3") as connection:
        return (
            "PRAGMA integrity_check: " + connection.execute("PRAGMA integrity_check").fetchone()[0]
        )


@contextlib.contextmanager
def postgres() -> Iterator[ThrowawayPostgres]:
    directory = Path(tempfile.mkdtemp(prefix="stadtgespraeche-pg-faults-"))
    server = ThrowawayPostgres(directory)
    server.start()
    try:
        yield server
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            server.stop()
        shutil.rmtree(directory, ignore_errors=True)


def _people(base: str, seed: dict) -> list[Person]:
    people = [Person(base, address) for address in seed["emails"][:CLIENTS]]
    for person in people:
        person.login()
    return people


def kill_server(args: argparse.Namespace) -> None:
    with contextlib.ExitStack() as stack:
        data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        extra = {"DISCUSSIONS_POST_RATE_LIMIT": "100000"}
        database = stack.enter_context(postgres()) if args.postgres else None
        if database is not None:
            extra["DATABASE_URL"] = database.url
        env = production_env(data_dir, **extra)
        seed = prepare(env, people=CLIENTS, events=200)
        server = Server(env)
        people = _people(server.base, seed)
        tally, stop = Tally(), threading.Event()
        threads = [
            threading.Thread(target=_write_loop, args=(p, seed, tally, stop)) for p in people
        ]
        for thread in threads:
            thread.start()
        time.sleep(args.seconds)
        server.kill()
        killed_at = time.monotonic()
        time.sleep(1)
        stop.set()
        for thread in threads:
            thread.join()
        found = shell(env, CHECK, "CHECK")
        stored_regs = {tuple(pair) for pair in found["registrations"]}
        stored_posts = set(found["posts"])
        lost_regs = [pair for pair in tally.registrations if pair not in stored_regs]
        lost_posts = [pk for pk in tally.posts if pk not in stored_posts]
        restarted = Server(env)
        after = httpx.get(f"{restarted.base}/health/ready", timeout=10).status_code
        restarted.stop()
        print(
            f"database: {'PostgreSQL' if args.postgres else 'SQLite'}; {CLIENTS} clients, "
            f"SIGKILL to serve (master + 2 workers) after {args.seconds} s of load"
        )
        print(f"answers: {dict(sorted(tally.statuses.items()))}")
        print(
            f"acknowledged registrations: {len(tally.registrations)}, lost: {len(lost_regs)}; "
            f"stored: {len(stored_regs)}"
        )
        print(
            f"acknowledged posts: {len(tally.posts)}, lost: {len(lost_posts)}; "
            f"stored: {len(stored_posts)}"
        )
        print(_integrity(env, database))
        print(f"restarted serve: /health/ready {after}, {time.monotonic() - killed_at:.1f} s after")
        if lost_regs or lost_posts:
            raise SystemExit(1)


def db_stop(args: argparse.Namespace) -> None:
    with contextlib.ExitStack() as stack:
        data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        database = stack.enter_context(postgres())
        env = production_env(
            data_dir, DATABASE_URL=database.url, DISCUSSIONS_POST_RATE_LIMIT="100000"
        )
        seed = prepare(env, people=CLIENTS, events=400)
        server = Server(env)
        people = _people(server.base, seed)
        answers: list[tuple[float, str, float]] = []
        lock = threading.Lock()

        def record(status: str, seconds: float) -> None:
            with lock:
                answers.append((time.monotonic(), status, seconds))

        tally, stop = Tally(), threading.Event()
        threads = [
            threading.Thread(target=_write_loop, args=(p, seed, tally, stop, record))
            for p in people
        ]
        for thread in threads:
            thread.start()
        time.sleep(args.seconds)
        stopped_at = time.monotonic()
        database.stop()
        time.sleep(args.down)
        restart_at = time.monotonic()
        database.start()
        started_at = time.monotonic()
        time.sleep(15)
        stop.set()
        for thread in threads:
            thread.join()
        server.stop()
        while_down = [a for a in answers if stopped_at + 0.5 < a[0] - a[2] and a[0] < restart_at]
        down_statuses: dict[str, int] = {}
        for _, status, _ in while_down:
            down_statuses[status] = down_statuses.get(status, 0) + 1
        slowest_down = max((a[2] for a in while_down), default=0.0)
        first_ok = min(
            (a[0] for a in answers if a[0] > started_at and a[1] in {"302", "200"}), default=None
        )
        # After the restart: per client, the first answer that wrote again.
        print(
            f"{CLIENTS} clients against serve (2 workers) on PostgreSQL; stopped after "
            f"{args.seconds} s for {args.down} s (pg_ctl -m fast), then started "
            f"({started_at - restart_at:.1f} s to start)"
        )
        print(f"answers while down: {down_statuses}; slowest {slowest_down:.2f} s")
        print(
            f"first write after the restart: "
            f"{(first_ok - started_at) if first_ok else float('nan'):.2f} s"
        )
        failed_after = [a[0] - started_at for a in answers
                        if a[0] > started_at and a[1] not in {"302", "200"}]  # fmt: skip
        print(f"failed answers after the restart: {len(failed_after)}, the last "
              f"{max(failed_after, default=0.0):.2f} s after it")  # fmt: skip
        late = [a for a in answers if a[0] > started_at + 10 and a[1] not in {"302", "200"}]
        print(f"failed answers later than 10 s after the restart: {len(late)}")
        print(f"all answers: {dict(sorted(tally.statuses.items()))}")
        print(_integrity(env, database))


DISK_SEED = """
import json
from django.urls import reverse
from stadtgespraeche.people.enums import AffiliationRole
from tests.factories.accounts import CoordinatorFactory
from tests.factories.knowledge import PracticeFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.people import AffiliationFactory
city = MunicipalityFactory()
people = [
    CoordinatorFactory(email=f"koordination{{n}}@example.org", password={password!r})
    for n in range({people})
]
for person in people:
    AffiliationFactory(user=person, municipality=city, role=AffiliationRole.COORDINATOR)
practice = PracticeFactory(municipalities=[city])
print("SEED" + json.dumps({{"emails": [p.email for p in people],
    "upload": reverse("knowledge:attachment-upload", args=[practice.slug])}}))
"""

ATTACHMENTS = """
import json
from stadtgespraeche.knowledge.models import PracticeAttachment
rows = [[a.title, a.file.name, a.size] for a in PracticeAttachment.objects.all()]
print("CHECK" + json.dumps(rows))
"""


def _pdf(size: int, label: str) -> bytes:
    head = f"%PDF-1.4\n% {label}\n".encode()
    return head + b"%" * (size - len(head) - 6) + b"\n%%EOF"


def disk_full(args: argparse.Namespace) -> None:
    if os.geteuid() != 0:
        raise SystemExit("disk-full mounts a tmpfs and must run as root")
    with contextlib.ExitStack() as stack:
        data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        private = data_dir / "private"
        private.mkdir()
        subprocess.run(  # noqa: S603 - fixed arguments
            ["/usr/bin/mount", "-t", "tmpfs", "-o", f"size={args.size}", "tmpfs", str(private)],
            check=True,
        )
        stack.callback(subprocess.run, ["/usr/bin/umount", str(private)], check=False)
        env = production_env(data_dir)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        seed = shell(env, DISK_SEED.format(password=PASSWORD, people=CLIENTS), "SEED")
        server = Server(env)
        stack.callback(server.stop)
        people = _people(server.base, seed)
        tally = Tally()
        acknowledged: list[tuple[str, int]] = []
        messages_507: list[bool] = []

        def uploader(person: Person) -> None:
            for number in range(args.uploads):
                title = f"{person.email} {number}"
                content = _pdf(args.file_kib * 1024, title)
                try:
                    response = person.post(
                        seed["upload"],
                        {"title": title},
                        files={"file": (f"bericht-{number}.pdf", content, "application/pdf")},
                    )
                except httpx.TransportError as error:
                    tally.status(type(error).__name__)
                    continue
                tally.status(str(response.status_code))
                with tally.lock:
                    if response.status_code == 302:
                        acknowledged.append((title, len(content)))
                    elif response.status_code == 507:
                        messages_507.append("Speicherplatz erschöpft" in response.text)

        threads = [threading.Thread(target=uploader, args=(p,)) for p in people]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        stored = shell(env, ATTACHMENTS, "CHECK")
        files = {
            str(path.relative_to(private)): path.stat().st_size
            for path in private.rglob("*")
            if path.is_file()
        }
        by_title = {title: (name, size) for title, name, size in stored}
        missing = [t for t, size in acknowledged if by_title.get(t, ("", -1))[1] != size]
        broken = [n for _, (n, size) in by_title.items() if files.get(n) != size]
        orphans = sorted(set(files) - {name for name, _ in by_title.values()})
        usage = shutil.disk_usage(private)
        print(
            f"{CLIENTS} clients upload {args.uploads} PDFs of {args.file_kib} KiB each into a "
            f"{args.size} tmpfs (private files)"
        )
        print(f"answers: {dict(sorted(tally.statuses.items()))}")
        print(f"507 pages with the German message: {sum(messages_507)} of {len(messages_507)}")
        print(
            f"acknowledged uploads: {len(acknowledged)}; rows: {len(stored)}; missing or "
            f"wrong size: {len(missing)}; rows whose file is short or absent: {len(broken)}"
        )
        print(
            f"files on the disk: {len(files)}; without a row (incl. partial): {len(orphans)} "
            f"{orphans[:5]}; free: {usage.free // 1024} KiB of {usage.total // 1024} KiB"
        )
        print(_integrity(env))
        if missing or broken or orphans or not all(messages_507):
            raise SystemExit(1)


class SmtpSink:
    """A minimal SMTP server on a thread: accepts every message and counts its recipients."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.received: list[tuple[float, list[str], bytes]] = []
        self.lock = threading.Lock()
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        self.ready.wait(10)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(
            asyncio.start_server(self._session, "127.0.0.1", self.port)
        )
        self.ready.set()
        with contextlib.suppress(RuntimeError):
            self.loop.run_forever()
        server.close()

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        async def reply(line: str) -> None:
            writer.write(line.encode() + b"\r\n")
            await writer.drain()

        await reply("220 sink ESMTP")
        recipients: list[str] = []
        while line := await reader.readline():
            command = line.decode(errors="replace").strip()
            verb = command[:4].upper()
            if verb in {"EHLO", "HELO"}:
                await reply("250 sink")
            elif verb == "MAIL":
                recipients = []
                await reply("250 ok")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip(" <>"))
                await reply("250 ok")
            elif verb == "DATA":
                await reply("354 end with .")
                body = b""
                while (chunk := await reader.readline()) not in {b".\r\n", b""}:
                    body += chunk
                with self.lock:
                    self.received.append((time.monotonic(), recipients, body))
                await reply("250 queued")
            elif verb == "QUIT":
                await reply("221 bye")
                break
            else:
                await reply("250 ok")
        writer.close()

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)


class Worker:
    def __init__(self, env: dict[str, str], name: str) -> None:
        self.log = (Path(env["DATA_DIR"]) / f"worker-{name}.log").open("wb")
        self.process = subprocess.Popen(  # noqa: S603 - the project's own command
            [sys.executable, "-m", "stadtgespraeche", "worker", "--no-startup-delay",
             "--interval", "0.5", "--worker-id", name],
            cwd=REPO_DIR, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def scale_out(args: argparse.Namespace) -> None:
    with contextlib.ExitStack() as stack:
        data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        database = stack.enter_context(postgres())
        sink = SmtpSink()
        stack.callback(sink.stop)
        env = production_env(data_dir, DATABASE_URL=database.url)
        env.update(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(sink.port),
        )
        seed = prepare(env, people=args.people, events=1)
        servers = [Server(env), Server(env)]
        for server in servers:
            stack.callback(server.stop)
        workers = [Worker(env, "worker-a"), Worker(env, "worker-b")]
        for worker in workers:
            stack.callback(worker.stop)
        slug = seed["events"][0]
        statuses: dict[str, int] = {}
        registered: list[str] = []
        lock = threading.Lock()

        # Argon2 logins are deliberately slow: at most 8 at a time on the 2-core machine.
        gate = threading.Semaphore(8)

        def register(number: int, address: str) -> None:
            person = Person(servers[number % 2].base, address, timeout=60)
            try:
                with gate:
                    person.login()
                    answer = str(
                        person.post(
                            f"/netzwerk/termine/{slug}/anmelden/", {"registration-mode": "online"}
                        ).status_code
                    )
            except (httpx.TransportError, RuntimeError) as error:
                answer = type(error).__name__
            with lock:
                statuses[answer] = statuses.get(answer, 0) + 1
                if answer == "302":
                    registered.append(address)

        started = time.monotonic()
        threads = [
            threading.Thread(target=register, args=pair) for pair in enumerate(seed["emails"])
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        requests_done = time.monotonic() - started
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            with sink.lock:
                if len(sink.received) >= len(registered):
                    break
            time.sleep(0.5)
        all_in = time.monotonic() - started
        time.sleep(10)  # would a second worker deliver anything twice?
        with sink.lock:
            recipients = [r for _, rs, _ in sink.received for r in rs]
        worker_lines = [w.log.name for w in workers]
        per_worker = []
        for name in worker_lines:
            with open(name, "rb") as log:
                per_worker.append(log.read().count(b"deliver_mail"))
        counts: dict[str, int] = {}
        for recipient in recipients:
            counts[recipient] = counts.get(recipient, 0) + 1
        twice = {r: c for r, c in counts.items() if c > 1}
        missing = sorted(set(registered) - set(counts))
        unexpected = sorted(set(counts) - set(registered))
        print(
            f"2 x serve (2 workers each) + 2 x worker on one PostgreSQL; {args.people} "
            f"registrations alternately through both servers; SMTP sink on :{sink.port}"
        )
        print(f"answers: {statuses}; all requests answered after {requests_done:.1f} s")
        print(
            f"mails received: {len(recipients)}; people with a mail: {len(counts)}; "
            f"missing: {len(missing)}; more than once: {len(twice)}; unexpected: {len(unexpected)}"
        )
        print(
            f"all mails in after {all_in:.1f} s from the first request; worker log lines "
            f"naming deliver_mail: {per_worker}"
        )
        if missing or twice or unexpected:
            raise SystemExit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    sub = parser.add_subparsers(dest="scenario", required=True)
    kill = sub.add_parser("kill-server")
    kill.add_argument("--postgres", action="store_true")
    kill.add_argument("--seconds", type=float, default=15.0)
    stop = sub.add_parser("db-stop")
    stop.add_argument("--seconds", type=float, default=5.0)
    stop.add_argument("--down", type=float, default=5.0)
    full = sub.add_parser("disk-full")
    full.add_argument("--size", default="2m")
    full.add_argument("--uploads", type=int, default=3)
    full.add_argument("--file-kib", type=int, default=300)
    scale = sub.add_parser("scale-out")
    scale.add_argument("--people", type=int, default=40)
    args = parser.parse_args()
    scenarios = {
        "kill-server": kill_server,
        "db-stop": db_stop,
        "disk-full": disk_full,
        "scale-out": scale_out,
    }
    scenarios[args.scenario](args)


if __name__ == "__main__":
    main()
