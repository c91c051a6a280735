"""Who may do what for a municipality."""

from typing import Any

import rules

from stadtgespraeche.accounts.rules import is_coordinator, is_organiser
from stadtgespraeche.municipalities.models import Municipality
from stadtgespraeche.people.enums import AffiliationRole
from stadtgespraeche.people.models import Affiliation


@rules.predicate
def is_coordinator_of(user: Any, municipality: Municipality | None) -> bool:
    """`user` is an active coordinator with a coordinator affiliation for `municipality`."""
    if municipality is None or not is_coordinator(user):
        return False
    return Affiliation.objects.filter(
        user=user, municipality=municipality, role=AffiliationRole.COORDINATOR
    ).exists()


# Opening the invitation pages at all (without a municipality yet).
rules.add_perm("people.invite_person", is_organiser | is_coordinator)


# Inviting for one municipality.
rules.add_perm("people.invite_councillor", is_organiser | is_coordinator_of)


rules.add_perm("people.invite_coordinator", is_organiser)


# The public profile of a municipality (text, contact, logo): its coordinators.
rules.add_perm("people.edit_municipality_profile", is_coordinator_of)
