"""Change and cancellation notices for Stadtgespräche (issue 4, sections 4 and 6).

`services.update_event` and `services.transition_event` call into this module:

- every change of a field that the calendar shows (time, format, place, title, description)
  or of the online room raises `Event.sequence` (RFC 5545 SEQUENCE), so calendar programs
  replace their copy instead of keeping a stale one;
- a change of start/end, format, venue or online room e-mails every registered and
  waitlisted person a change notice with the updated .ics and creates an in-app
  notification (kind "events.event_changed");
- cancelling an event raises the sequence and sends a cancellation notice with the
  STATUS:CANCELLED .ics (kind "events.event_cancelled").

E-mails go out after the transaction commits, one per person in their language. The online
join link is never written into them (it appears on the event page, see `rooms`).
"""

from collections import defaultdict
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from stadtgespraeche.accounts.models import User
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.core.mail import send_templated_mail
from stadtgespraeche.events.calendar import event_calendar
from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.events.models import Event
from stadtgespraeche.notifications.services import notify
from stadtgespraeche.registrations.enums import RegistrationStatus
from stadtgespraeche.registrations.models import Registration

# Changes participants must be told about (by e-mail and notification).
NOTICE_FIELDS = ("starts_at", "ends_at", "format", "venue_address", "venue_municipality_id")
ONLINE_ROOM_FIELDS = ("online_info",)
# Further fields the calendar shows: a change raises SEQUENCE, without a notice.
CALENDAR_FIELDS = ("title", "description")

# Registrations that hold or wait for a place: they are told about changes.
NOTIFIED_STATUSES = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED)

KIND_CHANGED = "events.event_changed"
KIND_CANCELLED = "events.event_cancelled"
KINDS = {
    KIND_CHANGED: gettext_lazy("The time or place of a Stadtgespräch you registered for changed"),
    KIND_CANCELLED: gettext_lazy("A Stadtgespräch you registered for was cancelled"),
}

ICS_MIMETYPE = "text/calendar"

Snapshot = dict[str, Any]


TRACKED_FIELDS = NOTICE_FIELDS + ONLINE_ROOM_FIELDS + CALENDAR_FIELDS


def snapshot(event: Event) -> Snapshot:
    """The *stored* values of `event` that matter for calendars and notices.

    Read from the database (row locked until the end of the transaction), not from the
    instance: a ModelForm bound to the instance has already written the new values onto it
    when the view calls the service.
    """
    if event.pk is not None:
        stored = Event.objects.select_for_update().filter(pk=event.pk).values(*TRACKED_FIELDS)
        row = stored.first()
        if row is not None:
            return dict(row)
    return {name: getattr(event, name) for name in TRACKED_FIELDS}


def changed_fields(before: Snapshot, event: Event) -> list[str]:
    return [name for name, value in before.items() if getattr(event, name) != value]


def _raise_sequence(event: Event) -> None:
    Event.objects.filter(pk=event.pk).update(sequence=F("sequence") + 1)
    event.sequence = Event.objects.values_list("sequence", flat=True).get(pk=event.pk)


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


def record_event_change(event: Event, before: Snapshot, *, by: User | None) -> list[str]:
    """After `event` was saved: raise SEQUENCE and send notices as its changes require.

    Returns the changed fields (empty: nothing the calendar or the participants see).
    """
    changed = changed_fields(before, event)
    if not changed:
        return []
    _raise_sequence(event)
    if "starts_at" in changed:
        # A reminder belongs to a start time: the new date gets its own (once, see reminders).
        Registration.objects.filter(event=event, reminder_sent_at__isnull=False).update(
            reminder_sent_at=None
        )
    notice = [name for name in changed if name in NOTICE_FIELDS + ONLINE_ROOM_FIELDS]
    count = 0
    if notice:
        count = _send_notices(
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
                "previous_starts_at": before["starts_at"],
                "previous_ends_at": before["ends_at"],
            },
        )
    log_action(
        "events.event.sequence_raised",
        actor=by,
        obj=event,
        data={"sequence": event.sequence, "fields": changed, "notified": count},
    )
    return changed


def record_event_status_change(
    event: Event, *, previous: EventStatus | str, by: User | None
) -> bool:
    """After a status transition: cancelling (or re-planning a cancelled event) raises
    SEQUENCE; cancelling also tells the participants. True when the sequence was raised."""
    cancelled = event.status == EventStatus.CANCELLED
    if not cancelled and previous != EventStatus.CANCELLED:
        return False
    _raise_sequence(event)
    count = 0
    if cancelled:
        count = _send_notices(
            event,
            template="registrations/emails/event_cancelled",
            kind=KIND_CANCELLED,
            title=gettext_lazy("Cancelled: %(title)s"),
            context={},
        )
    log_action(
        "events.event.sequence_raised",
        actor=by,
        obj=event,
        data={"sequence": event.sequence, "status": str(event.status), "notified": count},
    )
    return True
