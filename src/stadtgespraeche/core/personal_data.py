"""The registry of personal data: what each app knows about a person, and how to erase it.

`core` sits at the bottom of the import graph, so it cannot know the apps above it. Each app
that stores personal data registers, in its `AppConfig.ready()`, one section with

- an **exporter** `(user) -> dict`: everything the app holds about that person, JSON-
  serialisable, keyed by stable English snake_case keys (shown with `labels`), and
- an **eraser** `(user) -> None`: deletes or anonymises that app's personal data of the person.

`accounts.services.data_rights` builds the export ("Ihre Daten") and carries out account
deletion by iterating `sections()`. Registering twice under the same key replaces the entry,
so `ready()` running again in tests is harmless.

The audit-log section of `core` itself is defined at the end of this module.
"""

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Q
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import AuditLog

Exporter = Callable[[Any], dict[str, Any]]
Eraser = Callable[[Any], None]

# Stored texts stay in the operator's language (the audit log is not translated per reader).
DELETED_PERSON_REPR = "gelöschte Person"


@dataclass(frozen=True)
class Section:
    key: str
    title: str | Promise
    exporter: Exporter
    eraser: Eraser | None = None
    order: int = 100
    labels: Mapping[str, str | Promise] = field(default_factory=dict)

    def label(self, key: str) -> str:
        return str(self.labels.get(key, key.replace("_", " ")))


_registry: dict[str, Section] = {}


def register(
    key: str,
    *,
    title: str | Promise,
    exporter: Exporter,
    eraser: Eraser | None = None,
    order: int = 100,
    labels: Mapping[str, str | Promise] | None = None,
) -> Section:
    """Register (or replace) the personal-data section `key`. Call from AppConfig.ready()."""
    section = Section(
        key=key, title=title, exporter=exporter, eraser=eraser, order=order, labels=labels or {}
    )
    _registry[key] = section
    return section


def unregister(key: str) -> None:
    _registry.pop(key, None)


def sections() -> list[Section]:
    """The registered sections, in display order."""
    return sorted(_registry.values(), key=lambda section: (section.order, section.key))


def jsonable(value: Any) -> Any:
    """Dates as ISO strings, lazy strings as text, containers recursively."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(item) for item in value]
    return value


def export(user: Any) -> list[dict[str, Any]]:
    """Every section's data about `user`: [{"key", "title", "data"}], JSON-serialisable."""
    return [
        {"key": section.key, "title": str(section.title), "data": jsonable(section.exporter(user))}
        for section in sections()
    ]


def export_for_display(user: Any) -> list[dict[str, Any]]:
    """Every section for the readable page: [{"key", "title", "rows"}], see `display_rows`."""
    return [
        {
            "key": section.key,
            "title": str(section.title),
            "rows": display_rows(section, section.exporter(user)),
        }
        for section in sections()
    ]


def _text(value: Any) -> str:
    if value is None or value == "" or value == {}:
        return "–"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, datetime):
        return formats.localize(timezone.localtime(value) if timezone.is_aware(value) else value)
    if isinstance(value, date):
        return formats.localize(value)
    if isinstance(value, Mapping):
        return json.dumps(jsonable(value), ensure_ascii=False, sort_keys=True)
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(_text(item) for item in value) or "–"
    return str(value)


def _fields(section: Section, data: Mapping[str, Any]) -> list[dict[str, str]]:
    return [{"label": section.label(key), "text": _text(value)} for key, value in data.items()]


def display_rows(section: Section, data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Rows for the template: each has a label and one of text (a value), item_list (a list
    of values), fields (a record as label/text pairs) or records (a list of records).
    (No key is named like a dict method: templates would call `items` or `values`.)"""
    rows: list[dict[str, Any]] = []
    for key, value in data.items():
        row: dict[str, Any] = {"label": section.label(key)}
        if isinstance(value, Mapping):
            row["fields"] = _fields(section, value)
        elif isinstance(value, list | tuple) and value and isinstance(value[0], Mapping):
            row["records"] = [_fields(section, item) for item in value]
        elif isinstance(value, list | tuple):
            row["item_list"] = [_text(item) for item in value]
        else:
            row["text"] = _text(value)
        rows.append(row)
    return rows


def erase(user: Any) -> list[str]:
    """Run every section's eraser for `user`; returns the keys of the sections erased."""
    erased = []
    for section in sections():
        if section.eraser is not None:
            section.eraser(user)
            erased.append(section.key)
    return erased


# --- core's own section: audit entries about the person ------------------------------------

AUDIT_LABELS = {
    "entries": _("Entries"),
    "time": _("Time"),
    "action": _("Action"),
    "role": _("Role"),
    "object": _("Object"),
    "ip_address": _("IP address"),
    "details": _("Details"),
}


def _audit_about(user: Any) -> Q:
    about = Q(actor=user) | Q(object_type=user._meta.label, object_id=str(user.pk))
    for needle in _identifiers(user):
        about |= Q(actor_repr__icontains=needle) | Q(object_repr__icontains=needle)
    return about


def _identifiers(user: Any) -> list[str]:
    """Strings that identify the person in recorded texts (e-mail, full name)."""
    needles = [user.email] if getattr(user, "email", "") else []
    full_name = user.get_full_name() if hasattr(user, "get_full_name") else ""
    if len(full_name) >= 5:  # short names would match unrelated text
        needles.append(full_name)
    return needles


def export_audit_entries(user: Any) -> dict[str, Any]:
    entries = AuditLog.objects.filter(_audit_about(user)).order_by("created_at", "id")
    return {
        "entries": [
            {
                "time": entry.created_at,
                "action": entry.action,
                "role": _("you acted") if entry.actor_id == user.pk else _("about you"),
                "object": entry.object_repr,
                "ip_address": entry.ip_address,
                "details": entry.data,
            }
            for entry in entries
        ]
    }


def _scrub(value: Any, needles: list[str], replacement: str) -> Any:
    if isinstance(value, str):
        for needle in needles:
            if needle.lower() in value.lower():
                return replacement
        return value
    if isinstance(value, dict):
        return {key: _scrub(item, needles, replacement) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub(item, needles, replacement) for item in value]
    return value


def _emails_in(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value.strip().lower()} if "@" in value else set()
    if isinstance(value, dict):
        return set().union(*(_emails_in(item) for item in value.values()))
    if isinstance(value, list):
        return set().union(*(_emails_in(item) for item in value))
    return set()


def erase_audit_entries(user: Any) -> None:
    """Keep the entries (what happened), but not who: the actor becomes "gelöschte Person",
    and the person's e-mail addresses and name disappear from the recorded texts and details;
    the IP address of every such entry is removed.

    Besides the current address, addresses recorded in entries about the person (e.g. an
    earlier address from an e-mail change) are removed everywhere, also from entries without
    actor such as failed logins. Run before the account row is anonymised.
    """
    about = _audit_about(user)
    needles = _identifiers(user)
    for data in AuditLog.objects.filter(about).exclude(data={}).values_list("data", flat=True):
        needles += sorted(_emails_in(data) - {needle.lower() for needle in needles})
    candidates = about
    for needle in needles:
        candidates |= Q(data__icontains=needle)
    replacement = str(DELETED_PERSON_REPR)
    for entry in AuditLog.objects.filter(candidates).iterator():
        is_actor = entry.actor_id == user.pk
        is_object = entry.object_type == user._meta.label and entry.object_id == str(user.pk)
        changed = []
        if is_actor or _scrub(entry.actor_repr, needles, "") != entry.actor_repr:
            entry.actor = None
            entry.actor_repr = replacement
            changed += ["actor", "actor_repr"]
        object_repr = replacement if is_object else _scrub(entry.object_repr, needles, replacement)
        if object_repr != entry.object_repr:
            entry.object_repr = object_repr
            changed.append("object_repr")
        data = _scrub(entry.data, needles, replacement)
        if is_actor or is_object:  # any address in an entry about the person is theirs
            data = _scrub(data, ["@"], replacement)
        if data != entry.data:
            entry.data = data
            changed.append("data")
        if changed and entry.ip_address is not None:
            entry.ip_address = None
            changed.append("ip_address")
        if changed:
            entry.save(update_fields=changed)


def register_core() -> None:
    register(
        "audit",
        title=_("Audit log entries about you"),
        exporter=export_audit_entries,
        eraser=erase_audit_entries,
        order=900,
        labels=AUDIT_LABELS,
    )
