"""The port through which content services tell the search index about changes.

`search` is a view-level app (docs/architecture.md), so the domain services that write
content cannot import it. Instead they call, explicitly and inside their transaction,

    indexing.changed(practice)      # after creating or editing
    indexing.removed(practice)      # after deleting or unpublishing for good

and `search` registers, in its `AppConfig.ready()`, one handler that updates its index. The
handler runs after the surrounding transaction commits, so a rolled-back write never
reaches the index. Without a registered handler (e.g. `search` not installed) the calls do
nothing. No signals are involved.
"""

from collections.abc import Callable
from functools import partial

from django.db import models, transaction

Handler = Callable[[str, int, bool], None]
"""handler(model_label, pk, removed) – model_label as in `Model._meta.label_lower`."""

_handlers: dict[str, Handler] = {}


def register(name: str, handler: Handler) -> None:
    """Register (or replace) the handler called for every content change."""
    _handlers[name] = handler


def unregister(name: str) -> None:
    _handlers.pop(name, None)


def _announce(instance: models.Model, *, removed: bool) -> None:
    label, pk = instance._meta.label_lower, instance.pk
    if pk is None:
        return
    for handler in list(_handlers.values()):
        transaction.on_commit(partial(handler, label, pk, removed))


def changed(instance: models.Model) -> None:
    _announce(instance, removed=False)


def removed(instance: models.Model) -> None:
    _announce(instance, removed=True)
