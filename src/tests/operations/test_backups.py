"""`stadtgespraeche backup` and `restore` (issue 13): a backup restored into an empty data
directory (and an empty database) holds the same rows and the same uploaded files."""

import hashlib
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.operations.test_serve import REPO_DIR, production_env

pytestmark = pytest.mark.integration

CREATE_CONTENT = """
from stadtgespraeche.accounts.models import User
from stadtgespraeche.core.audit import log_action
for number in range(3):
    user = User.objects.create_user(f"rat{number}@example.org", "ein-passwort-42",
                                    first_name=f"Rätin {number}")
    log_action("tests.backup", actor=user, obj=user)
"""


def manage(env, *args, check=True):
    return subprocess.run(  # noqa: S603 - the project's own command
        [sys.executable, "-m", "stadtgespraeche", *args],
        cwd=REPO_DIR,
        env=env,
        check=check,
        capture_output=True,
        text=True,
        timeout=600,
    )


def dump(env) -> str:
    return manage(
        env,
        "dumpdata",
        "--indent",
        "1",
        "--exclude",
        "sessions",
        "--exclude",
        "django_tasks_database",
    ).stdout


def files_of(data_dir: Path) -> dict[str, str]:
    return {
        path.relative_to(data_dir).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in ("media", "private")
        for path in sorted((data_dir / folder).rglob("*"))
        if path.is_file()
    }


def _postgres_urls() -> tuple[str, str]:
    """Two fresh databases on the PostgreSQL leg's server."""
    import psycopg

    base = os.environ["DATABASE_URL"]
    suffix = secrets.token_hex(4)
    names = (f"backup_source_{suffix}", f"backup_target_{suffix}")
    with psycopg.connect(base, autocommit=True) as admin:
        for name in names:
            admin.execute(f"CREATE DATABASE {name}")
    parts = urlsplit(base)
    source, target = (urlunsplit(parts._replace(path=f"/{name}")) for name in names)
    return source, target


def _drop_postgres(*urls: str) -> None:
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as admin:
        for url in urls:
            admin.execute(f"DROP DATABASE IF EXISTS {urlsplit(url).path.lstrip('/')} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_urls(request):
    if request.param == "sqlite":
        yield "", ""
        return
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("PostgreSQL backups are tested on the PostgreSQL leg")
    urls = _postgres_urls()
    yield urls
    _drop_postgres(*urls)


def test_backup_restores_into_an_empty_data_directory(tmp_path, database_urls):
    source_url, target_url = database_urls
    source_dir, target_dir, backups = tmp_path / "source", tmp_path / "target", tmp_path / "b"
    source = production_env(source_dir, DATABASE_URL=source_url, BACKUP_DIR=str(backups))
    target = production_env(target_dir, DATABASE_URL=target_url)
    source_dir.mkdir()
    manage(source, "migrate", "--noinput", "-v0")
    manage(source, "shell", "-c", CREATE_CONTENT)
    (source_dir / "media" / "people").mkdir(parents=True)
    (source_dir / "media" / "people" / "foto.jpg").write_bytes(b"\xff\xd8\xff" + os.urandom(2048))
    (source_dir / "private" / "documentation").mkdir(parents=True)
    (source_dir / "private" / "documentation" / "protokoll.pdf").write_bytes(b"%PDF-1.4 x")

    output = manage(source, "backup").stdout

    [archive] = backups.glob("*.tar.gz")
    assert re.fullmatch(r"stadtgespraeche-\d{8}-\d{6}\.tar\.gz", archive.name)
    checksum = (backups / f"{archive.name}.sha256").read_text().split()
    assert checksum == [hashlib.sha256(archive.read_bytes()).hexdigest(), archive.name]
    assert "2 files" in output

    restored = manage(target, "restore", str(archive))

    assert "Restored" in restored.stdout
    assert files_of(target_dir) == files_of(source_dir)
    assert len(files_of(target_dir)) == 2
    source_rows = dump(source)
    assert "rat2@example.org" in source_rows
    assert dump(target) == source_rows


def test_restore_refuses_a_damaged_archive_and_a_database_that_is_not_empty(tmp_path):
    source_dir, backups = tmp_path / "source", tmp_path / "b"
    source = production_env(source_dir, DATABASE_URL="", BACKUP_DIR=str(backups))
    source_dir.mkdir()
    manage(source, "migrate", "--noinput", "-v0", "accounts")
    manage(source, "backup")
    [archive] = backups.glob("*.tar.gz")

    not_empty = manage(source, "restore", str(archive), check=False)
    assert not_empty.returncode != 0
    assert "not empty" in not_empty.stderr

    damaged = archive.read_bytes()
    archive.write_bytes(damaged[:-10] + b"0123456789")
    target = production_env(tmp_path / "target", DATABASE_URL="")
    refused = manage(target, "restore", str(archive), check=False)
    assert refused.returncode != 0
    assert "does not match its checksum" in refused.stderr
