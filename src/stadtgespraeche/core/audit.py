"""The audit log's one write path. Services call `log_action()` explicitly."""

from typing import Any

from django.db import models

from .models import AuditLog


def log_action(
    action: str,
    *,
    actor: Any = None,
    obj: models.Model | None = None,
    ip_address: str | None = None,
    data: dict[str, Any] | None = None,
) -> AuditLog:
    """Record `action` (dotted, app-prefixed, e.g. "accounts.login.failed")."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditLog.objects.create(
        action=action,
        actor=actor if is_user else None,
        actor_repr=str(actor) if is_user else "",
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        ip_address=ip_address,
        data=data or {},
    )
