"""Named reads of the accounts app."""

from django.db.models import QuerySet

from .models import DeletionRequest, RecoveryCode, User


def unused_recovery_code_count(user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at=None).count()


def pending_deletion_requests() -> QuerySet[DeletionRequest]:
    """Open deletion requests, soonest due first, with the role only (no names or addresses:
    organisers need to know that people are leaving, not who, once they asked to be erased)."""
    return (
        DeletionRequest.objects.filter(cancelled_at=None, completed_at=None)
        .select_related("user")
        .only("pk", "created_at", "due_at", "user__role")
        .order_by("due_at", "pk")
    )
