"""The registry of notification kinds.

`notifications` is a leaf service (docs/architecture.md): it knows nothing of the apps that
call it. Each app registers the kinds it sends, in its `AppConfig.ready()`, with a label
people see on their notification settings page:

    kinds.register("wishes.planned", _("A topic wish you support was planned"))

Registering the same key again replaces the entry (ready() may run twice in tests).

`default` is the e-mail cadence of people who have not chosen one (see enums.Cadence):
"immediately" unless the kind says otherwise (e.g. "daily" for frequent, low-urgency kinds).
"""

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Kind:
    key: str
    label: str | Promise
    default: str = "immediately"


_registry: dict[str, Kind] = {}


def register(key: str, label: str | Promise, *, default: str = "immediately") -> None:
    if default not in {"immediately", "daily", "weekly", "off"}:
        raise ValueError(f"Unknown default cadence {default!r} for notification kind {key!r}")
    _registry[key] = Kind(key=key, label=label, default=default)


def get(key: str) -> Kind | None:
    return _registry.get(key)


def default_for(key: str) -> str:
    kind = _registry.get(key)
    return kind.default if kind else "immediately"


def all_kinds() -> list[Kind]:
    return sorted(_registry.values(), key=lambda kind: kind.key)
