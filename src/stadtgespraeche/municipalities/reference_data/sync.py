"""The parts of the reference-data loader that know no file format: reading CSV rows,
checking values, and synchronising one table on its natural key (`Sync`)."""

import csv
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models
from django.utils.text import slugify

_GERMAN_TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)
BATCH_SIZE = 500


class ReferenceDataError(Exception):
    """A reference file is missing or lacks required columns."""


@dataclass
class LoadReport:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    deleted: Counter[str] = field(default_factory=Counter)
    skipped: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(sum(counter.values()) for counter in (self.created, self.updated, self.deleted))


class BadRow(ValueError):
    pass


def german_slug(text: str) -> str:
    """A readable ASCII slug for a German name: "Würzburg" → "wuerzburg"."""
    return slugify(text.translate(_GERMAN_TRANSLITERATION))


def read_csv(path: Path, required: set[str]) -> Iterator[tuple[int, dict[str, str]]]:
    if not path.is_file():
        raise ReferenceDataError(f"{path}: file not found")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = required - set(reader.fieldnames or [])
        if missing:
            raise ReferenceDataError(f"{path.name}: missing columns {', '.join(sorted(missing))}")
        for line, row in enumerate(reader, start=2):
            yield line, {k: (v or "").strip() for k, v in row.items() if k is not None}


def natural_key(value: str, digits: int, what: str) -> str:
    if len(value) != digits or not value.isdigit():
        raise BadRow(f"{what} {value!r} is not {digits} digits")
    return value


def integer(value: str, what: str) -> int | None:
    if value == "":
        return None
    try:
        number = int(value)
    except ValueError:
        raise BadRow(f"{what} {value!r} is not a whole number") from None
    if number < 0:
        raise BadRow(f"{what} {value!r} is negative")
    return number


def coordinate(value: str, what: str, low: float, high: float) -> float | None:
    if value == "":
        return None
    try:
        number = float(value)
    except ValueError:
        raise BadRow(f"{what} {value!r} is not a number") from None
    if not low <= number <= high:
        raise BadRow(f"{what} {value!r} is outside Germany")
    return number


def text(value: str, what: str) -> str:
    if not value:
        raise BadRow(f"{what} is empty")
    return value


class Sync:
    """Create or update the rows of one model, keyed on a unique natural key field."""

    def __init__(self, model: type[models.Model], key_field: str, report: LoadReport, label: str):
        self.model = model
        self.key_field = key_field
        self.report = report
        self.label = label
        self.existing: dict[str, Any] = {
            getattr(obj, key_field): obj for obj in model._default_manager.all()
        }

    def run(
        self, rows: dict[str, dict[str, Any]], *, create_only: Iterable[str] = ()
    ) -> dict[str, Any]:
        """Synchronise `rows` (key → field attname → value); `create_only` fields are set on
        creation and never updated (slugs)."""
        create_only = set(create_only)
        to_create, to_update, changed_fields = [], [], set()
        for key, values in rows.items():
            obj = self.existing.get(key)
            if obj is None:
                to_create.append(self.model(**{self.key_field: key, **values}))
                continue
            changed = [
                name
                for name, value in values.items()
                if name not in create_only and getattr(obj, name) != value
            ]
            if changed:
                for name in changed:
                    setattr(obj, name, values[name])
                changed_fields.update(changed)
                to_update.append(obj)
        if to_create:
            self.model._default_manager.bulk_create(to_create, batch_size=BATCH_SIZE)
            # Re-read to get primary keys on every database backend.
            created_keys = [getattr(obj, self.key_field) for obj in to_create]
            for start in range(0, len(created_keys), BATCH_SIZE):
                batch = created_keys[start : start + BATCH_SIZE]
                for obj in self.model._default_manager.filter(**{f"{self.key_field}__in": batch}):
                    self.existing[getattr(obj, self.key_field)] = obj
        if to_update:
            fields = [self.model._meta.get_field(name).name for name in sorted(changed_fields)]
            self.model._default_manager.bulk_update(to_update, fields, batch_size=BATCH_SIZE)
        self.report.created[self.label] += len(to_create)
        self.report.updated[self.label] += len(to_update)
        return self.existing


def attname(model: type[models.Model], name: str) -> str:
    return model._meta.get_field(name).attname  # type: ignore[union-attr]
