"""PostgreSQL stopped and started again under `serve` (issue 13): while it is down the
instance is unready at once, and after its restart every worker answers again within
seconds, without a restart of the platform; kept connections that died with the old
server are replaced (CONN_HEALTH_CHECKS), so no request fails on them.

The test starts its own throwaway PostgreSQL (like scripts/with-postgres.sh), since it
stops it; it runs on the SQLite leg only.
"""

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import httpx
import pytest

from tests.operations.test_serve import production_env, serving

pytestmark = pytest.mark.integration

POSTGRES_BIN = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: p.parts[-2])


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ThrowawayPostgres:
    def __init__(self, directory: Path) -> None:
        self.bin = POSTGRES_BIN[-1]
        self.directory = directory
        self.port = _free_port()
        self.run_as: list[str] = []
        if os.getuid() == 0:  # initdb refuses root: the postgres system user (or nobody)
            try:
                entry = pwd.getpwnam("postgres")
            except KeyError:
                entry = pwd.getpwnam("nobody")
            os.chown(directory, entry.pw_uid, entry.pw_gid)
            self.run_as = ["runuser", "-u", entry.pw_name, "--"]
        self._run("initdb", "-D", str(directory / "data"), "-U", "postgres", "--auth=trust")

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run(  # noqa: S603 - the machine's PostgreSQL binaries
            [*self.run_as, str(self.bin / tool), *args],
            cwd=self.directory,
            check=True,
            capture_output=True,
            timeout=120,
        )

    def start(self) -> None:
        self._run(
            "pg_ctl", "-D", str(self.directory / "data"), "-l", str(self.directory / "log"),
            "-w", "-o",
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        )  # fmt: skip

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.directory / "data"), "-m", "fast", "-w", "stop")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"


@pytest.fixture
def postgres():
    if not POSTGRES_BIN:
        pytest.skip("PostgreSQL binaries missing (scripts/setup-test.sh installs them)")
    if os.environ.get("DATABASE_URL"):
        pytest.skip("runs on the SQLite leg only (it starts its own PostgreSQL)")
    # Under /tmp itself: pytest's temporary directories are private to the caller.
    directory = Path(tempfile.mkdtemp(prefix="stadtgespraeche-pg-test-"))
    try:
        server = ThrowawayPostgres(directory)
        server.start()
        yield server
        with contextlib.suppress(subprocess.CalledProcessError):
            server.stop()
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def _database_ok(base: str) -> bool:
    response = httpx.get(f"{base}/health/ready", timeout=10)
    return bool(response.json()["checks"]["database"]["ok"])


def test_restarted_postgresql_is_used_again_within_seconds_without_failed_requests(
    postgres, tmp_path
):
    env = production_env(tmp_path, DATABASE_URL=postgres.url)

    with serving(env, workers=2) as base:
        # Every worker holds a kept connection to the first server.
        assert all(_database_ok(base) for _ in range(8))

        postgres.stop()
        started = time.monotonic()
        down = httpx.get(f"{base}/health/ready", timeout=10)
        assert down.status_code == 503
        assert down.json()["checks"]["database"]["ok"] is False
        assert time.monotonic() - started < 2

        postgres.start()
        restarted = time.monotonic()
        answers = [_database_ok(base) for _ in range(12)]
        recovered_after = time.monotonic() - restarted

    # No request after the restart failed on a connection that died with the old server.
    assert answers == [True] * 12
    assert recovered_after < 10
