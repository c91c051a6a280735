"""Reading the council's persons, factions and memberships for pre-filling invitations.

Current memberships (no end date, or one in the future) of the persons of a municipality's
council; a faction is an organisation whose classification or type names a "Fraktion"
(OPARL.md 6.9: classification before type). The data are a suggestion: the coordinator
checks them and the person confirms by accepting the invitation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from stadtgespraeche.people.enums import MandateRole

from .models import OparlMembership, OparlOrganization, OparlPerson

FACTION_WORDS = ("fraktion",)
PARTY_WORDS = ("partei",)


def is_faction(organization: OparlOrganization) -> bool:
    kind = (organization.classification or organization.organization_type).casefold()
    return any(word in kind for word in FACTION_WORDS)


def mandate_role(membership_role: str) -> str:
    """The platform's mandate role for the role text of a faction membership."""
    text = membership_role.casefold()
    if "vorsitz" in text and ("stellv" in text or "vertret" in text):
        return MandateRole.DEPUTY_FACTION_CHAIR
    if "vorsitz" in text:
        return MandateRole.FACTION_CHAIR
    return MandateRole.MEMBER


@dataclass
class CouncilPerson:
    pk: int
    name: str
    given_name: str
    family_name: str
    source_url: str
    faction: str = ""
    role: str = MandateRole.MEMBER
    since: dt.date | None = None
    committees: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)


def _current(today: dt.date) -> Q:
    return Q(end_date__isnull=True) | Q(end_date__gte=today)


def _add(person: CouncilPerson, membership: OparlMembership) -> None:
    organization = membership.organization
    if organization is None or organization.is_placeholder:
        return
    if is_faction(organization):
        if not person.faction:
            person.faction = organization.name
            person.role = mandate_role(membership.role)
            person.since = membership.start_date
        return
    label = organization.name
    if membership.role and membership.role.casefold() != "mitglied":
        label = f"{label} ({membership.role})"
    person.committees.append(label)
    if membership.role and membership.role not in person.roles:
        person.roles.append(membership.role)


def council_people(municipality_id: int) -> list[CouncilPerson]:
    """The persons with a current membership in the municipality's council (1 query)."""
    memberships = (
        OparlMembership.objects.filter(
            endpoint__municipality_id=municipality_id,
            deleted=False,
            person__deleted=False,
            person__is_placeholder=False,
        )
        .filter(_current(timezone.localdate()))
        .select_related("person", "organization")
        .order_by("person__family_name", "person__name", "person_id", "organization__name")
    )
    people: dict[int, CouncilPerson] = {}
    for membership in memberships:
        person = membership.person
        if person is None:
            continue
        row = people.get(person.pk)
        if row is None:
            row = people[person.pk] = _row(person)
        _add(row, membership)
    return list(people.values())


def _row(person: OparlPerson) -> CouncilPerson:
    return CouncilPerson(
        pk=person.pk,
        name=person.name or f"{person.given_name} {person.family_name}".strip(),
        given_name=person.given_name,
        family_name=person.family_name,
        source_url=person.web or person.oparl_id,
    )


def council_person(person: OparlPerson) -> CouncilPerson:
    """One person with their current memberships (1 query)."""
    row = _row(person)
    memberships = (
        OparlMembership.objects.filter(person=person, deleted=False)
        .filter(_current(timezone.localdate()))
        .select_related("organization")
        .order_by("organization__name")
    )
    for membership in memberships:
        _add(row, membership)
    return row
