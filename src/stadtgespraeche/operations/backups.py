"""Backups of the database and the uploaded files into one dated archive, and restoring them
(`stadtgespraeche backup` / `restore`, docs/operations.md).

An archive `stadtgespraeche-YYYYMMDD-HHMMSS.tar.gz` holds
- `database.sqlite3` (SQLite's online backup API: consistent while the site is serving) or
  `database.pgdump` (`pg_dump --format=custom`),
- `media/` and `private/` (MEDIA_ROOT and PRIVATE_MEDIA_ROOT),
- `manifest.json`: when, which database, and the SHA-256 of every file in the archive.
Beside it `<archive>.sha256` holds the archive's own checksum in `sha256sum` format, so
`sha256sum -c` checks a copy anywhere. `restore` checks both before it changes anything.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

FORMAT_VERSION = 1
SQLITE_NAME = "database.sqlite3"
POSTGRES_NAME = "database.pgdump"
MANIFEST_NAME = "manifest.json"
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore cannot go on; the message says why."""


@dataclass(frozen=True)
class Backup:
    archive: Path
    checksum: str
    files: int


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _file_roots() -> dict[str, Path]:
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_MEDIA_ROOT)}


def _postgres_tool(name: str) -> str:
    """pg_dump/pg_restore: PG_BIN_DIR, else the newest Debian install, else the PATH."""
    configured = getattr(settings, "PG_BIN_DIR", "")
    candidates = [Path(configured) / name] if configured else []
    candidates += sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0,
        reverse=True,
    )
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} not found: install the PostgreSQL client or set PG_BIN_DIR.")
    return found


def _postgres_env() -> tuple[list[str], dict[str, str]]:
    """Connection options for the PostgreSQL tools; the password goes by environment."""
    database = settings.DATABASES["default"]
    args = ["--dbname", str(database["NAME"])]
    if database.get("HOST"):
        args += ["--host", str(database["HOST"])]
    if database.get("PORT"):
        args += ["--port", str(database["PORT"])]
    if database.get("USER"):
        args += ["--username", str(database["USER"])]
    env = dict(os.environ)
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    return args, env


def _run_postgres_tool(name: str, *options: str) -> None:
    args, env = _postgres_env()
    try:
        subprocess.run(  # noqa: S603 - a fixed tool; arguments from settings and this module
            [_postgres_tool(name), *options, *args],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{name} failed: {error.stderr.strip()}") from error


def _dump_database(target_dir: Path) -> Path:
    if connection.vendor == "sqlite":
        target = target_dir / SQLITE_NAME
        source = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]))
        copy = sqlite3.connect(str(target))
        try:
            with copy:
                source.backup(copy)
        finally:
            copy.close()
            source.close()
        return target
    if connection.vendor == "postgresql":
        target = target_dir / POSTGRES_NAME
        _run_postgres_tool("pg_dump", "--format=custom", "--no-owner", "--file", str(target))
        return target
    raise BackupError(f"Backups of {connection.vendor} databases are not supported.")


def create_backup(output_dir: Path, *, now: datetime.datetime | None = None) -> Backup:
    """Write a dated archive of the database and the uploaded files into `output_dir`."""
    now = now or timezone.now()
    output_dir.mkdir(parents=True, exist_ok=True)
    name = f"stadtgespraeche-{now.astimezone(datetime.UTC):%Y%m%d-%H%M%S}"
    archive = output_dir / f"{name}.tar.gz"
    if archive.exists():
        raise BackupError(f"{archive} exists already.")
    with tempfile.TemporaryDirectory(dir=output_dir, prefix=".backup-") as work:
        database_file = _dump_database(Path(work))
        checksums = {database_file.name: sha256_of(database_file)}
        members: list[tuple[Path, str]] = [(database_file, database_file.name)]
        for prefix, root in _file_roots().items():
            if not root.is_dir():
                continue
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    arcname = f"{prefix}/{path.relative_to(root).as_posix()}"
                    checksums[arcname] = sha256_of(path)
                    members.append((path, arcname))
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": now.isoformat(),
            "database": connection.vendor,
            "files": checksums,
        }
        manifest_path = Path(work) / MANIFEST_NAME
        manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True), "utf-8")
        partial = Path(work) / "archive.tar.gz"
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(manifest_path, MANIFEST_NAME)
            for path, arcname in members:
                tar.add(path, arcname)
        checksum = sha256_of(partial)
        partial.replace(archive)  # only complete archives get the final name
    archive.with_name(archive.name + ".sha256").write_text(
        f"{checksum}  {archive.name}\n", encoding="utf-8"
    )
    return Backup(archive=archive, checksum=checksum, files=len(members) - 1)


def _verify_archive(archive: Path) -> None:
    sidecar = archive.with_name(archive.name + ".sha256")
    if not sidecar.is_file():
        raise BackupError(f"{sidecar.name} is missing: the archive cannot be checked.")
    expected = sidecar.read_text(encoding="utf-8").split()[0]
    if sha256_of(archive) != expected:
        raise BackupError(f"{archive.name} does not match its checksum: it is damaged.")


def _extract(archive: Path, target: Path) -> dict[str, Any]:
    with tarfile.open(archive, "r:gz") as tar:
        tar.extractall(target, filter="data")
    manifest: dict[str, Any] = json.loads((target / MANIFEST_NAME).read_text("utf-8"))
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError("The archive has an unknown format.")
    for name, checksum in manifest["files"].items():
        path = target / name
        if not path.is_file() or sha256_of(path) != checksum:
            raise BackupError(f"{name} in the archive does not match the manifest.")
    return manifest


def database_is_empty() -> bool:
    return not connection.introspection.table_names()


def _restore_database(source_dir: Path, vendor: str) -> None:
    if vendor != connection.vendor:
        raise BackupError(
            f"The archive holds a {vendor} database, but DATABASE_URL selects {connection.vendor}."
        )
    connections.close_all()
    if vendor == "sqlite":
        target_name = Path(str(settings.DATABASES["default"]["NAME"]))
        target_name.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(str(source_dir / SQLITE_NAME))
        target = sqlite3.connect(str(target_name))
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
        return
    _run_postgres_tool(
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--exit-on-error",
        str(source_dir / POSTGRES_NAME),
    )


def restore_backup(archive: Path, *, force: bool = False) -> dict[str, Any]:
    """Restore database and files from `archive`; refuses a non-empty database unless forced.

    Files: MEDIA_ROOT and PRIVATE_MEDIA_ROOT are replaced by the archive's copies.
    """
    _verify_archive(archive)
    if not force and not database_is_empty():
        raise BackupError(
            "The database is not empty. Restore into an empty one, or pass --force to "
            "replace its content and the uploaded files."
        )
    staging_parent = Path(settings.DATA_DIR)
    staging_parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=staging_parent, prefix=".restore-") as work:
        staging = Path(work)
        manifest = _extract(archive, staging)
        _restore_database(staging, manifest["database"])
        for prefix, root in _file_roots().items():
            if root.exists():
                shutil.rmtree(root)
            if (staging / prefix).is_dir():
                shutil.move(str(staging / prefix), str(root))
            else:
                root.mkdir(parents=True)
    return manifest
