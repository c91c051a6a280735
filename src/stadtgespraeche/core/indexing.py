"""The port through which content services tell the search index about changes.

`search` is a view-level app (docs/architecture.md), so the domain services that write
content cannot import it. Instead they call, explicitly and inside their transaction,

    indexing.changed(practice)      # after creating or editing
    indexing.removed(practice)      # after deleting or unpublishing for good

and `search` registers, in its `AppConfig.ready()`, one handler that updates its index.
An import that changes many objects of one model at once calls

    indexing.changed_many("oparl.oparlpaper", ids)

which reaches a handler's batch variant (`register_batch`) in one call, or else its
per-object handler once per id. The
handler runs after the surrounding transaction commits, so a rolled-back write never
reaches the index. Without a registered handler (e.g. `search` not installed) the calls do
nothing. No signals are involved.
"""

from collections.abc import Callable
from functools import partial

from django.db import models, transaction

Handler = Callable[[str, int, bool], None]
"""handler(model_label, pk, removed) – model_label as in `Model._meta.label_lower`."""
BatchHandler = Callable[[str, list[int]], None]
"""batch_handler(model_label, pks) – these objects changed or are gone."""

_handlers: dict[str, Handler] = {}
_batch_handlers: dict[str, BatchHandler] = {}


def register(name: str, handler: Handler) -> None:
    """Register (or replace) the handler called for every content change."""
    _handlers[name] = handler


def register_batch(name: str, handler: BatchHandler) -> None:
    """Register the batch variant of the handler `name` (used by `changed_many`)."""
    _batch_handlers[name] = handler


def unregister(name: str) -> None:
    _handlers.pop(name, None)
    _batch_handlers.pop(name, None)


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


def changed_many(model_label: str, pks: list[int]) -> None:
    """Many objects of one model changed or were deleted (e.g. by an import)."""
    if not pks:
        return
    for name, handler in list(_handlers.items()):
        batch = _batch_handlers.get(name)
        if batch is not None:
            transaction.on_commit(partial(batch, model_label, list(pks)))
            continue
        for pk in pks:
            transaction.on_commit(partial(handler, model_label, pk, False))
