"""Change and cancellation notices to the people registered for a Stadtgespräch.

`events.changes` records each change (and raises the calendar SEQUENCE); `notify_participants`
is its listener, registered in `RegistrationsConfig.ready`:

- a change of start/end, format, venue or online room e-mails every registered and
  waitlisted person a change notice with the updated .ics and creates an in-app
  notification (kind "events.event_changed"); a new start time re-arms the reminder;
- cancelling an event sends a cancellation notice with the STATUS:CANCELLED .ics
  (kind "events.event_cancelled");
- more places in a mode move waitlisted people up (`registration.promote_into_new_places`,
  with the promotion notice the waitlist always sends).

E-mails go out after the transaction commits, one per person in their language. The online
join link is never written into them (it appears on the event page, see `rooms`).
"""

from collections import defaultdict
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from stadtgespraeche.accounts.models import User
from stadtgespraeche.core.mail import send_templated_mail
from stadtgespraeche.events.calendar import event_calendar
from stadtgespraeche.events.changes import EventChange
from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.events.models import Event
from stadtgespraeche.notifications.services import notify
from stadtgespraeche.registrations.enums import RegistrationStatus
from stadtgespraeche.registrations.models import Registration
from stadtgespraeche.registrations.services.registration import promote_into_new_places

# Registrations that hold or wait for a place: they are told about changes.
NOTIFIED_STATUSES = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED)

KIND_CHANGED = "events.event_changed"
KIND_CANCELLED = "events.event_cancelled"
KINDS = {
    KIND_CHANGED: gettext_lazy("The time or place of a Stadtgespräch you registered for changed"),
    KIND_CANCELLED: gettext_lazy("A Stadtgespräch you registered for was cancelled"),
}

ICS_MIMETYPE = "text/calendar"


def _recipients(event: Event) -> list[User]:
    registrations = Registration.objects.filter(
        event=event, status__in=NOTIFIED_STATUSES
    ).select_related("user")
    return [r.user for r in registrations if r.user.is_active and r.user.email]


def _send_notices(
    event: Event, *, template: str, kind: str, title: str | Promise, context: dict[str, Any]
) -> int:
    """Mail `template` with the event's .ics to every notified person and notify them in-app.

    Returns the number of recipients. Mails are sent after the commit.
    """
    if event.status == EventStatus.DRAFT and kind == KIND_CHANGED:
        return 0
    recipients = _recipients(event)
    if not recipients:
        return 0
    ics = event_calendar(event)
    by_language: dict[str, list[User]] = defaultdict(list)
    for person in recipients:
        by_language[person.language or settings.LANGUAGE_CODE].append(person)
    for language, people in by_language.items():
        with translation.override(language):
            notify(
                people,
                kind=kind,
                title=str(title) % {"title": event.title},
                url=event.get_absolute_url(),
                key=f"{kind}:{event.pk}:{event.sequence}",
                mailed_separately=True,
            )
    filename = f"{event.slug}.ics"

    def send() -> None:
        for person in recipients:
            send_templated_mail(
                to=[person.email],
                template=template,
                context={"event": event, "person": person, **context},
                language=person.language,
                attachments=[(filename, ics, ICS_MIMETYPE)],
            )

    transaction.on_commit(send, robust=True)
    return len(recipients)


def notify_participants(event: Event, change: EventChange) -> int:
    """Listener of `events.changes`: tell the registered and waitlisted people of `change`.

    Returns how many people were told.
    """
    if change.cancelled:
        return _send_notices(
            event,
            template="registrations/emails/event_cancelled",
            kind=KIND_CANCELLED,
            title=gettext_lazy("Cancelled: %(title)s"),
            context={},
        )
    promoted = promote_into_new_places(event, by=change.by) if change.capacity_changed else []
    if "starts_at" in change.changed:
        # A reminder belongs to a start time: the new date gets its own (once, see reminders).
        Registration.objects.filter(event=event, reminder_sent_at__isnull=False).update(
            reminder_sent_at=None
        )
    notice = change.notice
    if not notice:
        return len(promoted)
    return len(promoted) + _send_notices(
        event,
        template="registrations/emails/event_changed",
        kind=KIND_CHANGED,
        title=gettext_lazy("Changed: %(title)s"),
        context={
            "time_changed": "starts_at" in notice or "ends_at" in notice,
            "place_changed": any(
                name in notice for name in ("format", "venue_address", "venue_municipality_id")
            ),
            "room_changed": "online_info" in notice,
            "previous_starts_at": change.before["starts_at"],
            "previous_ends_at": change.before["ends_at"],
        },
    )
