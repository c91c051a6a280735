"""Set-up shared by the benchmark scripts: one place to point Django at a benchmark database,
to build the environment of a production server, and to summarise timings.

The per-feature scripts (directory_search, events_bench, …) predate this module and keep
their own copies for now; the nationwide generator and the load benchmark use this one.
"""

from __future__ import annotations

import os
import random
import secrets
import socket
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

REPO_DIR = Path(__file__).resolve().parents[1]
RESULTS_DIR = REPO_DIR / "benchmarks" / "results"
UNUSABLE_PASSWORD = "!benchmark"  # noqa: S105 - not a hash: nobody can log in with it
# Settings variables a benchmark must not inherit from the shell that starts it.
_STRIPPED = {"DJANGO_SETTINGS_MODULE", "DEBUG", "STADTGESPRAECHE_DEMO", "DATABASE_URL"}


def ensure_importable() -> None:
    """Make `stadtgespraeche` and `benchmarks` importable when a script runs by path."""
    for path in (REPO_DIR / "src", REPO_DIR):
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))


def configure_django(*, data_dir: Path, postgres: bool, demo: bool = True) -> None:
    """Point the project's settings at the benchmark database, then set Django up.

    SQLite: the file `stadtgespraeche.sqlite3` in `data_dir` (the settings' own PRAGMAs).
    PostgreSQL: `DATABASE_URL`, e.g. from scripts/with-postgres.sh. Without `demo`, the
    production settings in the environment apply (see `production_env`).
    """
    ensure_importable()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stadtgespraeche.settings")
    if demo:
        os.environ.setdefault("STADTGESPRAECHE_DEMO", "1")
    if postgres:
        if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
            sys.exit("--postgres needs DATABASE_URL: run it through scripts/with-postgres.sh")
    else:
        os.environ.pop("DATABASE_URL", None)
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["DATA_DIR"] = str(data_dir)
    import django

    django.setup()


def production_env(data_dir: Path, *, postgres: bool, **extra: str) -> dict[str, str]:
    """The environment of a production `stadtgespraeche serve` on the benchmark data
    (no demo mode, a random secret key, plain HTTP on 127.0.0.1, no access log)."""
    env = {key: value for key, value in os.environ.items() if key not in _STRIPPED}
    if postgres:
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL="http://127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        DATA_DIR=str(data_dir),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        SERVE_ACCESS_LOG="0",
        LOG_LEVEL="WARNING",
        PYTHONPATH=os.pathsep.join(
            [str(REPO_DIR / "src"), str(REPO_DIR), env.get("PYTHONPATH", "")]
        ).rstrip(os.pathsep),
    )
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def weighted(rng: random.Random, weights: tuple[tuple[str, int], ...]) -> str:
    values, counts = zip(*weights, strict=True)
    return rng.choices(values, counts)[0]


def scaled(count: int, scale: float, *, least: int = 1) -> int:
    """`count` at `scale` (1.0 = the nationwide figures of issue 15), never below `least`."""
    return max(least, round(count * scale))


# Field types whose Python values the database driver cannot take as they are.
_PREPARED_TYPES = {
    "DateTimeField",
    "DateField",
    "TimeField",
    "DurationField",
    "DecimalField",
    "JSONField",
    "UUIDField",
}


def next_id(model: Any) -> int:
    """The first free primary key of `model`'s table (rows inserted by `insert_rows` carry
    their ids, so a generator can link rows without reading them back)."""
    from django.db.models import Max

    return int(model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def insert_rows(model: Any, rows: Iterable[Mapping[str, Any]], *, batch: int = 20_000) -> int:
    """Insert `rows` (dicts of field attnames, e.g. `profile_id`, including `id`) into the
    table of `model`, straight through the database driver: `executemany` on SQLite, `COPY`
    on PostgreSQL. Fields a row leaves out get their default (`auto_now`/`auto_now_add`:
    now). No signals, no `save()` — the same as `bulk_create`, which spends most of its time
    compiling SQL and building model instances at these sizes (10–20× slower). Returns the
    number of rows; on PostgreSQL the id sequence is moved past the inserted ids.
    """
    from django.core.management.color import no_style
    from django.db import connection
    from django.utils import timezone

    now = timezone.now()
    fields = list(model._meta.concrete_fields)
    plan = []
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            default: Any = now
        elif field.primary_key:
            default = None
        else:
            default = field.get_default()
        prepare = field.get_internal_type() in _PREPARED_TYPES
        plan.append((field.attname, default, field if prepare else None))
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(model._meta.db_table)

    def values(row: Mapping[str, Any]) -> tuple[Any, ...]:
        out = []
        for name, default, field in plan:
            value = row.get(name, default)
            if field is not None and value is not None:
                value = field.get_db_prep_save(value, connection)
            out.append(value)
        return tuple(out)

    connection.ensure_connection()
    raw = connection.connection
    count = 0
    if connection.vendor == "postgresql":
        copy_sql = f"COPY {table} ({columns}) FROM STDIN"
        with raw.cursor() as cursor, cursor.copy(copy_sql) as copy:
            for row in rows:
                copy.write_row(values(row))
                count += 1
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [model]):
                cursor.execute(statement)
        return count
    placeholders = ", ".join("?" * len(fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 - model names
    cursor = raw.cursor()
    chunk: list[tuple[Any, ...]] = []
    for row in rows:
        chunk.append(values(row))
        if len(chunk) >= batch:
            cursor.executemany(sql, chunk)
            count += len(chunk)
            chunk = []
    if chunk:
        cursor.executemany(sql, chunk)
        count += len(chunk)
    cursor.close()
    return count
