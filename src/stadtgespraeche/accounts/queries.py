"""Named reads of the accounts app."""

from .models import RecoveryCode, User


def unused_recovery_code_count(user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at=None).count()
