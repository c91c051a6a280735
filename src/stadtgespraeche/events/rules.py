"""Permission predicates of Stadtgespräche: planning and impulse proposals (django-rules)."""

from typing import Any

import rules

from stadtgespraeche.events.enums import PROPOSAL_EVENT_STATUSES
from stadtgespraeche.network import queries as network_queries
from stadtgespraeche.people import queries as people_queries


@rules.predicate
def is_organiser(user: Any) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and getattr(user, "is_organiser", False)
    )


# Stadtgespräche: organisers plan, edit, change the status and edit the agenda.
rules.add_perm("events.manage_events", is_organiser)


@rules.predicate
def is_event_in_planning(user: Any, event: Any) -> bool:
    return event is not None and event.status in PROPOSAL_EVENT_STATUSES


@rules.predicate
def coordinates_member_municipality(user: Any, event: Any) -> bool:
    if event is None or not people_queries.is_coordinator(user):
        return False
    return network_queries.coordinated_member_municipalities(user, event.series).exists()


# A coordinator of a member municipality proposes an impulse for an event in planning.
rules.add_perm("events.propose_impulse", coordinates_member_municipality & is_event_in_planning)
