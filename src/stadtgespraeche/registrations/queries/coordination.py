"""The coordinator's view of their councillors: for each councillor, their registration
status for the next Stadtgespräche (a bounded number of queries for any number of people)."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from stadtgespraeche.accounts.models import User
from stadtgespraeche.events.enums import AttendanceMode
from stadtgespraeche.events.models import Event
from stadtgespraeche.events.queries import visible_events
from stadtgespraeche.registrations.enums import RegistrationStatus
from stadtgespraeche.registrations.models import Registration

from . import ORGANISER_CHANGE_STATUSES, councillors_coordinated_by, registration_window_open

# How many upcoming Stadtgespräche the coordinator's list shows.
UPCOMING_LIMIT = 3


@dataclass(frozen=True)
class Cell:
    """One councillor and one event: their registration (or None) and whether the
    coordinator may register them now."""

    event: Event
    registration: Registration | None
    can_register: bool
    modes: list[tuple[str, str]]


@dataclass(frozen=True)
class CouncillorRow:
    person: User
    cells: list[Cell]


def upcoming_events_for_coordinator(coordinator: Any) -> list[Event]:
    """The next Stadtgespräche the coordinator may see that take registrations (or will)."""
    return list(
        visible_events(coordinator)
        .filter(ends_at__gte=timezone.now(), status__in=ORGANISER_CHANGE_STATUSES)
        .order_by("starts_at", "pk")[:UPCOMING_LIMIT]
    )


def councillor_rows(coordinator: Any, events: list[Event]) -> list[CouncillorRow]:
    """Every councillor the coordinator coordinates, with one cell per event of `events`."""
    people = list(councillors_coordinated_by(coordinator))
    registrations: QuerySet[Registration] = Registration.objects.filter(
        event__in=events, user__in=people
    ).order_by("created_at", "pk")
    latest: dict[tuple[int, int], Registration] = {}
    for registration in registrations:  # the newest registration of a person wins
        latest[(registration.event_id, registration.user_id)] = registration
    open_events = {event.pk for event in events if registration_window_open(event)}
    modes = {
        event.pk: [(mode, str(AttendanceMode(mode).label)) for mode in event.modes]
        for event in events
    }
    rows = []
    for person in people:
        cells = []
        for event in events:
            found = latest.get((event.pk, person.pk))
            active = found is not None and found.status != RegistrationStatus.CANCELLED
            cells.append(
                Cell(
                    event=event,
                    registration=found if active else None,
                    can_register=not active and event.pk in open_events,
                    modes=modes[event.pk],
                )
            )
        rows.append(CouncillorRow(person=person, cells=cells))
    return rows
