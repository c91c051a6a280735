"""The digest job: daily and weekly e-mails listing notifications not yet mailed.

Registered as the periodic job "notifications.send_digests" (hourly, apps.py). Periods are
calendar days and weeks in the site's time zone (Europe/Berlin): the daily digest of day D
is due from D at NOTIFICATIONS_DIGEST_HOUR and lists the person's waiting items created
before that moment; the weekly digest is due on NOTIFICATIONS_WEEKLY_DIGEST_WEEKDAY
(0 = Monday) at the same hour. A missed run catches up at the next run.

Never twice, even when the job runs twice or concurrently:
1. For each person with waiting items, a `DigestDelivery` row (person, cadence, period) is
   created FIRST, in a savepoint; the unique constraint makes any second or concurrent run
   for the same period fail there (PostgreSQL: the second insert waits for the first
   transaction and then conflicts) and skip the person.
2. The items are claimed with UPDATE … SET emailed_at, digest WHERE emailed_at IS NULL, so
   an item already claimed by another digest or an immediate e-mail is not taken again.
3. The e-mail goes out after the transaction commits (transaction.on_commit): a rolled-back
   run sends nothing. A failed delivery is logged and not repeated (at most once).
"""

from datetime import date, datetime, time, timedelta
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from . import emails
from .enums import DIGEST_CADENCES, Cadence
from .models import DigestDelivery, Notification


def current_period(cadence: str, now: datetime) -> tuple[date, datetime]:
    """(first day, due moment) of the latest period of `cadence` that is due at `now`."""
    local = timezone.localtime(now)
    hour = settings.NOTIFICATIONS_DIGEST_HOUR
    today = local.date()
    if cadence == Cadence.DAILY:
        start = today if local.hour >= hour else today - timedelta(days=1)
    elif cadence == Cadence.WEEKLY:
        weekday = settings.NOTIFICATIONS_WEEKLY_DIGEST_WEEKDAY
        start = today - timedelta(days=(today.weekday() - weekday) % 7)
        if start == today and local.hour < hour:
            start -= timedelta(days=7)
    else:
        raise ValueError(f"{cadence!r} has no digest")
    due_at = timezone.make_aware(datetime.combine(start, time(hour=hour)))
    return start, due_at


def _waiting(cadence: str, due_at: datetime) -> QuerySet[Notification]:
    return Notification.objects.filter(
        cadence=cadence, emailed_at__isnull=True, created_at__lt=due_at
    )


def claim_digest(user_id: int, cadence: str, start: date, due_at: datetime) -> int | None:
    """Create the person's delivery for the period and claim its items; the delivery's id,
    or None when the period was claimed already (by this or a concurrent run)."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                delivery = DigestDelivery.objects.create(
                    user_id=user_id, cadence=cadence, period_start=start
                )
        except IntegrityError:
            return None
        candidates = list(
            _waiting(cadence, due_at).filter(recipient_id=user_id).values_list("pk", flat=True)
        )
        claimed = Notification.objects.filter(pk__in=candidates, emailed_at__isnull=True).update(
            emailed_at=timezone.now(), digest=delivery
        )
        delivery.item_count = claimed
        delivery.save(update_fields=["item_count"])
    return delivery.pk if claimed else None


@transaction.atomic
def send_digests(now: datetime | None = None) -> int:
    """Assemble and (after commit) send every due digest; returns how many were claimed."""
    now = now or timezone.now()
    claimed = 0
    for cadence in DIGEST_CADENCES:
        start, due_at = current_period(cadence, now)
        if due_at > now:
            continue
        people = (
            _waiting(cadence, due_at)
            .order_by("recipient_id")
            .values_list("recipient_id", flat=True)
            .distinct()
        )
        for user_id in list(people):
            delivery_id = claim_digest(user_id, cadence, start, due_at)
            if delivery_id is not None:
                transaction.on_commit(partial(emails.send_digest, delivery_id), robust=True)
                claimed += 1
    return claimed
