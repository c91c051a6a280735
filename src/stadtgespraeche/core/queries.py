from django.db.models import QuerySet

from .models import AuditLog


def audit_entries(*, action_prefix: str = "", actor_query: str = "") -> QuerySet[AuditLog]:
    """Audit log entries, newest first, optionally filtered by action prefix and actor."""
    entries = AuditLog.objects.all()
    if action_prefix:
        entries = entries.filter(action__startswith=action_prefix)
    if actor_query:
        entries = entries.filter(actor_repr__icontains=actor_query)
    return entries
