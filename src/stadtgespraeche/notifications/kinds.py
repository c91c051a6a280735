"""The registry of notification kinds.

`notifications` is a leaf service (docs/architecture.md): it knows nothing of the apps that
call it. Each app registers the kinds it sends, in its `AppConfig.ready()`, with a label
people see on their notification settings page:

    kinds.register("wishes.planned", _("A topic wish you support was planned"))

Registering the same key again replaces the entry (ready() may run twice in tests).
"""

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Kind:
    key: str
    label: str | Promise


_registry: dict[str, Kind] = {}


def register(key: str, label: str | Promise) -> None:
    _registry[key] = Kind(key=key, label=label)


def get(key: str) -> Kind | None:
    return _registry.get(key)


def all_kinds() -> list[Kind]:
    return sorted(_registry.values(), key=lambda kind: kind.key)
