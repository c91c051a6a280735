"""`stadtgespraeche serve` as production runs it (DEBUG off, after collectstatic): gunicorn
workers, WhiteNoise's hashed and compressed static files, the health endpoints, and the
German 503 page within two seconds when PostgreSQL does not answer (issue 13)."""

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.integration

REPO_DIR = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def production_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DEBUG", "STADTGESPRAECHE_DEMO", "DATABASE_URL"}
    }
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL="http://127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        DATA_DIR=str(data_dir),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        SERVE_ACCESS_LOG="0",
        **extra,
    )
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(  # noqa: S603 - the project's own command
        [sys.executable, "-m", "stadtgespraeche", *args],
        cwd=REPO_DIR,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )


@contextmanager
def serving(env: dict[str, str], workers: int = 2) -> Iterator[str]:
    port = _free_port()
    log_path = Path(env["DATA_DIR"]) / f"serve-{port}.log"
    log = log_path.open("wb")
    server = subprocess.Popen(  # noqa: S603 - the project's own command
        [
            sys.executable,
            "-m",
            "stadtgespraeche",
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
        ],
        cwd=REPO_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/health/live", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(log_path.read_text(encoding="utf-8", errors="replace"))
            time.sleep(0.2)
        yield base
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


@pytest.fixture(scope="module")
def collected_data_dir(tmp_path_factory) -> Path:
    """A DATA_DIR with collected static files (shared by this module's tests)."""
    data_dir = tmp_path_factory.mktemp("data")
    manage(production_env(data_dir), "collectstatic", "--noinput", "-v0")
    return data_dir


def test_serve_on_sqlite_serves_pages_health_and_hashed_compressed_static_files(
    collected_data_dir,
):
    env = production_env(collected_data_dir)
    manage(env, "migrate", "--noinput", "-v0")

    with serving(env) as base:
        ready = httpx.get(f"{base}/health/ready")
        home = httpx.get(f"{base}/")
        stylesheet = re.search(r'href="(/static/core/site\.[0-9a-f]{12}\.css)"', home.text)
        assert stylesheet, home.text[:500]
        css = httpx.get(base + stylesheet.group(1), headers={"Accept-Encoding": "gzip"})

    assert ready.status_code == 200, ready.text
    assert ready.json()["checks"]["database"]["vendor"] == "sqlite"
    assert home.status_code == 200
    assert css.status_code == 200
    assert css.headers["Content-Encoding"] == "gzip"
    assert "immutable" in css.headers["Cache-Control"]


def test_serve_with_postgresql_down_answers_the_german_503_page_within_two_seconds(
    collected_data_dir,
):
    closed_port = _free_port()  # nothing listens there: like a stopped PostgreSQL
    env = production_env(
        collected_data_dir, DATABASE_URL=f"postgres://app@127.0.0.1:{closed_port}/app"
    )

    with serving(env) as base:
        started = time.monotonic()
        home = httpx.get(f"{base}/", timeout=10)
        elapsed = time.monotonic() - started
        live = httpx.get(f"{base}/health/live")
        ready = httpx.get(f"{base}/health/ready", timeout=10)

    assert home.status_code == 503
    assert elapsed < 2
    assert "Vorübergehend nicht erreichbar" in home.text
    assert re.search(r"/static/core/site\.[0-9a-f]{12}\.css", home.text)
    assert home.headers["Retry-After"] == "30"
    assert live.status_code == 200
    assert ready.status_code == 503
    assert ready.json()["checks"]["database"] == {"ok": False, "error": "OperationalError"}
