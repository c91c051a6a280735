"""The registry of followable models.

`notifications` imports none of the apps whose objects people follow. Each app registers
its followable models in its `AppConfig.ready()`, with a predicate saying who may follow
one object (typically: who may see it):

    register_followable(Topic, can_follow=lambda user, topic: user.is_authenticated)

The follow endpoint accepts only registered models (by content type) and asks the predicate.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

CanFollow = Callable[[Any, Any], bool]


@dataclass(frozen=True)
class Followable:
    model: type[models.Model]
    can_follow: CanFollow


_registry: dict[str, Followable] = {}


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def register_followable(model: type[models.Model], *, can_follow: CanFollow) -> None:
    """Register (or replace) a followable model. Call from AppConfig.ready()."""
    _registry[_label(model)] = Followable(model=model, can_follow=can_follow)


def get(model: type[models.Model]) -> Followable | None:
    return _registry.get(_label(model))


def is_followable(obj: models.Model) -> bool:
    return get(type(obj)) is not None


def can_follow(user: Any, obj: models.Model) -> bool:
    entry = get(type(obj))
    if entry is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(entry.can_follow(user, obj))


def resolve(content_type_id: int, object_id: int) -> models.Model | None:
    """The registered object behind (content type, id); None for unknown or unregistered."""
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)
    except ContentType.DoesNotExist:
        return None
    model = content_type.model_class()
    if model is None or get(model) is None:
        return None
    return model._default_manager.filter(pk=object_id).first()
