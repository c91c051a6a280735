"""The reminder one day before a Stadtgespräch (issue 4, section 4): a periodic job.

`send_due_reminders` runs every 15 minutes (registered in `EventsConfig.ready`). It mails
every *registered* person (not waitlisted, not cancelled) of an event that starts within
the next `REMINDER_LEAD` and has not been reminded yet.

Never twice: each registration is claimed with one conditional UPDATE
(`... SET reminder_sent_at = now WHERE pk = … AND reminder_sent_at IS NULL`); only the run
that updated the row sends the mail. A second run, also a concurrent one, finds the row
claimed (on PostgreSQL its UPDATE waits for the first transaction and then matches no row).
The mail itself goes out after the commit, so a run that fails and rolls back has sent
nothing and the next run tries again; a mail that cannot be delivered after the commit is
logged and not retried (at most once).
"""

import logging
from datetime import datetime, timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone

from stadtgespraeche.core.mail import send_templated_mail
from stadtgespraeche.events.enums import EventFormat, EventStatus
from stadtgespraeche.registrations.enums import RegistrationStatus
from stadtgespraeche.registrations.models import Registration

logger = logging.getLogger(__name__)

REMINDER_LEAD = timedelta(hours=24)
# Events in these statuses take place as planned.
REMINDED_EVENT_STATUSES = (
    EventStatus.PUBLISHED,
    EventStatus.REGISTRATION_OPEN,
    EventStatus.REGISTRATION_CLOSED,
)
# The join link is shown on the event page from this long before the start (see rooms).
JOIN_LINK_MINUTES = 30


def due_reminders(now: datetime) -> list[Registration]:
    """Registrations that should get their reminder now (not yet claimed)."""
    return list(
        Registration.objects.filter(
            status=RegistrationStatus.REGISTERED,
            reminder_sent_at__isnull=True,
            event__status__in=REMINDED_EVENT_STATUSES,
            event__starts_at__gt=now,
            event__starts_at__lte=now + REMINDER_LEAD,
            user__is_active=True,
        )
        .select_related("event", "user")
        .order_by("event__starts_at", "pk")
    )


def claim_reminder(registration: Registration, now: datetime) -> bool:
    """Mark `registration` as reminded; True only for the one caller that changed the row."""
    claimed = Registration.objects.filter(
        pk=registration.pk,
        reminder_sent_at__isnull=True,
        status=RegistrationStatus.REGISTERED,
    ).update(reminder_sent_at=now)
    return claimed == 1


def _send_reminder(registration: Registration) -> None:
    event = registration.event
    person = registration.user
    send_templated_mail(
        to=[person.email],
        template="registrations/emails/reminder",
        context={
            "event": event,
            "person": person,
            "registration": registration,
            "is_online": event.format in (EventFormat.ONLINE, EventFormat.HYBRID),
            "join_link_minutes": JOIN_LINK_MINUTES,
        },
        language=person.language,
    )


def send_due_reminders(*, now: datetime | None = None) -> int:
    """Claim and send the due reminders; return how many this run claimed."""
    now = now or timezone.now()
    sent = 0
    with transaction.atomic():
        for registration in due_reminders(now):
            if not registration.user.email or not claim_reminder(registration, now):
                continue
            transaction.on_commit(partial(_send_reminder, registration), robust=True)
            sent += 1
    if sent:
        logger.info("Claimed %d event reminders", sent)
    return sent
