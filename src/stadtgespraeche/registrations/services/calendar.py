"""Writes for the personal calendar feed: create, regenerate and revoke its secret token."""

import secrets

from django.db import transaction
from django.utils import timezone

from stadtgespraeche.accounts.models import User
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.registrations.models import CalendarToken


def _new_token() -> str:
    return secrets.token_urlsafe(32)


@transaction.atomic
def regenerate_calendar_token(user: User) -> CalendarToken:
    """Give `user` a new feed token; a URL with the previous one stops working at once."""
    calendar_token, created = CalendarToken.objects.select_for_update().get_or_create(
        user=user, defaults={"token": _new_token()}
    )
    if not created:
        calendar_token.token = _new_token()
        calendar_token.last_used_at = None
        calendar_token.save(update_fields=["token", "last_used_at", "updated_at"])
    action = "events.calendar_token.created" if created else "events.calendar_token.regenerated"
    log_action(action, actor=user, obj=user)
    return calendar_token


@transaction.atomic
def revoke_calendar_token(user: User) -> bool:
    """Delete `user`'s feed token; False when there was none."""
    deleted, _rows = CalendarToken.objects.filter(user=user).delete()
    if not deleted:
        return False
    log_action("events.calendar_token.revoked", actor=user, obj=user)
    return True


def mark_calendar_token_used(calendar_token: CalendarToken) -> None:
    """Remember (at most hourly, one UPDATE) when a calendar program last fetched the feed."""
    now = timezone.now()
    last = calendar_token.last_used_at
    if last is not None and (now - last).total_seconds() < 3600:
        return
    CalendarToken.objects.filter(pk=calendar_token.pk).update(last_used_at=now)
    calendar_token.last_used_at = now
