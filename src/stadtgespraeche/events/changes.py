"""What changed in a Stadtgespräch, for calendars and for whoever must be told.

`services.update_event` and `services.transition_event` call `record_event_change` and
`record_event_status_change` inside their transaction:

- every change of a field that the calendar shows (time, format, place, title, description)
  or of the online room raises `Event.sequence` (RFC 5545 SEQUENCE), so calendar programs
  replace their copy instead of keeping a stale one;
- the change is then handed to the listeners that higher apps registered at start-up
  (`register`): `registrations` tells the registered and waitlisted people
  (`registrations/services/changes.py`). Listeners run in the same transaction and return how
  many people they told; the count goes into the audit log;
- a change of a capacity is handed to the listeners as well (without a new SEQUENCE: the
  calendar does not show it): `registrations` moves waitlisted people up into new places.

An agenda item that `services.delete_agenda_item` removes is handed, before its row goes, to
the listeners of `register_agenda_item_removal`: `documentation` deletes the item's slides
(row now, file after the commit).

`events` may not import `registrations` or `documentation` (docs/architecture.md), hence the
registries; no signals are involved.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import F

from stadtgespraeche.accounts.models import User
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.events.models import AgendaItem, Event

# Changes participants must be told about (by e-mail and notification).
NOTICE_FIELDS = ("starts_at", "ends_at", "format", "venue_address", "venue_municipality_id")
ONLINE_ROOM_FIELDS = ("online_info",)
# Further fields the calendar shows: a change raises SEQUENCE, without a notice.
CALENDAR_FIELDS = ("title", "description")
SEQUENCE_FIELDS = NOTICE_FIELDS + ONLINE_ROOM_FIELDS + CALENDAR_FIELDS
# Places per attendance mode: more places let the waitlist move up.
CAPACITY_FIELDS = ("capacity_in_person", "capacity_online")
TRACKED_FIELDS = SEQUENCE_FIELDS + CAPACITY_FIELDS

Snapshot = dict[str, Any]


@dataclass(frozen=True)
class EventChange:
    """One recorded change: the changed fields (empty for a status change), the stored values
    before it, and whether the event was cancelled by it."""

    changed: tuple[str, ...]
    before: Snapshot
    cancelled: bool = False
    by: User | None = None

    @property
    def notice(self) -> tuple[str, ...]:
        """The changed fields participants are told about."""
        return tuple(name for name in self.changed if name in NOTICE_FIELDS + ONLINE_ROOM_FIELDS)

    @property
    def capacity_changed(self) -> bool:
        return any(name in CAPACITY_FIELDS for name in self.changed)


Listener = Callable[[Event, EventChange], int]
_listeners: dict[str, Listener] = {}


def register(name: str, listener: Listener) -> None:
    """Register `listener(event, change) -> number of people told` under `name`."""
    _listeners[name] = listener


AgendaItemListener = Callable[[AgendaItem], None]
_agenda_item_removal_listeners: dict[str, AgendaItemListener] = {}


def register_agenda_item_removal(name: str, listener: AgendaItemListener) -> None:
    """Register `listener(item)`, called inside the transaction that removes `item`."""
    _agenda_item_removal_listeners[name] = listener


def agenda_item_removing(item: AgendaItem) -> None:
    """Tell the listeners that `item` is about to be deleted (its row still exists)."""
    for listener in list(_agenda_item_removal_listeners.values()):
        listener(item)


def _tell(event: Event, change: EventChange) -> int:
    return sum(listener(event, change) for listener in list(_listeners.values()))


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


def record_event_change(event: Event, before: Snapshot, *, by: User | None) -> list[str]:
    """After `event` was saved: raise SEQUENCE if anything the calendar or the participants
    see changed, and tell the listeners of that and of changed capacities.

    Returns the changed fields (empty: nothing the calendar, the participants or the
    waitlist depends on).
    """
    changed = changed_fields(before, event)
    if not changed:
        return []
    sequence_changed = any(name in SEQUENCE_FIELDS for name in changed)
    if sequence_changed:
        _raise_sequence(event)
    count = _tell(event, EventChange(changed=tuple(changed), before=before, by=by))
    if sequence_changed:
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
    SEQUENCE; cancelling is also handed to the listeners. True when the sequence was raised."""
    cancelled = event.status == EventStatus.CANCELLED
    if not cancelled and previous != EventStatus.CANCELLED:
        return False
    _raise_sequence(event)
    count = _tell(event, EventChange(changed=(), before={}, cancelled=True)) if cancelled else 0
    log_action(
        "events.event.sequence_raised",
        actor=by,
        obj=event,
        data={"sequence": event.sequence, "status": str(event.status), "notified": count},
    )
    return True
