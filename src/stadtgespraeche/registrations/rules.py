"""Permission predicates of registration (django-rules)."""

from typing import Any

import rules

from stadtgespraeche.events.rules import is_organiser
from stadtgespraeche.people.queries import coordinated_municipalities, is_coordinator
from stadtgespraeche.registrations import queries


@rules.predicate
def is_self_registrant(user: Any) -> bool:
    return queries.is_self_registrant(user)


@rules.predicate
def registration_is_open(user: Any, event: Any) -> bool:
    return event is not None and queries.registration_window_open(event)


@rules.predicate
def coordinates_councillors(user: Any) -> bool:
    if not is_coordinator(user):
        return False
    return queries.councillors_coordinated_by(user).exists()


@rules.predicate
def coordinates_a_municipality(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and coordinated_municipalities(user).exists()
    )


@rules.predicate
def may_see_participant_list(user: Any, event: Any) -> bool:
    return event is not None and queries.may_see_participant_list(event, user)


# A councillor registers themself while registration is open.
rules.add_perm("registrations.register_self", is_self_registrant & registration_is_open)
# A coordinator registers councillors of their own municipalities while registration is open.
rules.add_perm("registrations.register_councillors", coordinates_councillors & registration_is_open)
# Organisers see and change all registrations (add, move, cancel, attendance, export).
rules.add_perm("registrations.manage_registrations", is_organiser)
# Names of consenting participants: organisers and people holding a place.
rules.add_perm("registrations.view_participant_list", may_see_participant_list)
# A coordinator sees their councillors' registrations for the next Stadtgespräche.
rules.add_perm("registrations.view_councillor_registrations", coordinates_a_municipality)
