"""Writes of the directory app: people's affiliation with a municipality."""

from django.db import transaction

from stadtgespraeche.accounts.enums import Role
from stadtgespraeche.accounts.models import Invitation, User
from stadtgespraeche.accounts.services import invite_user
from stadtgespraeche.core.audit import log_action

from .enums import AffiliationRole
from .models import Affiliation, Municipality, Party

_ROLE_FOR_AFFILIATION = {
    AffiliationRole.COORDINATOR: Role.COORDINATOR,
    AffiliationRole.COUNCILLOR: Role.COUNCILLOR,
    AffiliationRole.SPEAKER: Role.SPEAKER,
}


@transaction.atomic
def invite_person(
    *,
    municipality: Municipality,
    email: str,
    role: AffiliationRole | str,
    invited_by: User | None,
    first_name: str = "",
    last_name: str = "",
    party: Party | None = None,
) -> tuple[User, Invitation]:
    """Invite a person for `municipality` in `role` and record the affiliation.

    Raises accounts.exceptions.AlreadyActive when the address has an active account.
    """
    role = AffiliationRole(role)
    user, invitation = invite_user(
        email=email,
        role=_ROLE_FOR_AFFILIATION[role],
        invited_by=invited_by,
        first_name=first_name,
        last_name=last_name,
    )
    affiliation, _created = Affiliation.objects.get_or_create(
        user=user, municipality=municipality, role=role, defaults={"party": party}
    )
    log_action(
        "directory.person.invited",
        actor=invited_by,
        obj=affiliation,
        data={"municipality": municipality.key, "role": str(role)},
    )
    return user, invitation


@transaction.atomic
def add_affiliation(
    *,
    user: User,
    municipality: Municipality,
    role: AffiliationRole | str,
    party: Party | None = None,
    show_publicly: bool = False,
    by: User | None = None,
) -> Affiliation:
    """Record that an existing account acts for `municipality` in `role` (idempotent)."""
    affiliation, created = Affiliation.objects.update_or_create(
        user=user,
        municipality=municipality,
        role=AffiliationRole(role),
        defaults={"party": party, "show_publicly": show_publicly},
    )
    if created:
        log_action("directory.affiliation.added", actor=by, obj=affiliation)
    return affiliation


@transaction.atomic
def set_affiliation_public(
    affiliation: Affiliation, *, show_publicly: bool, by: User
) -> Affiliation:
    """A coordinator allows (or withdraws) showing their name on the municipality page."""
    if affiliation.show_publicly != show_publicly:
        affiliation.show_publicly = show_publicly
        affiliation.save(update_fields=["show_publicly", "updated_at"])
        log_action(
            "directory.affiliation.visibility_changed",
            actor=by,
            obj=affiliation,
            data={"show_publicly": show_publicly},
        )
    return affiliation
