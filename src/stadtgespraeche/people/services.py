"""Writes of the directory app: people's affiliation with a municipality."""

import datetime
import secrets
from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from stadtgespraeche.accounts.enums import Role
from stadtgespraeche.accounts.models import Invitation, User
from stadtgespraeche.accounts.services import invite_user
from stadtgespraeche.core import indexing
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.municipalities.models import Municipality, Party
from stadtgespraeche.people import counts as directory_counts
from stadtgespraeche.people.enums import AffiliationRole, Body, FieldGroup, MandateRole, Visibility
from stadtgespraeche.people.models import Affiliation, Faction, Mandate, PendingMandate, Profile
from stadtgespraeche.people.photos import process_photo
from stadtgespraeche.topics.models import Topic

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
        municipality_name=municipality.name,
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


# --- Profiles, mandates, visibility and photos (issue "councillor network") -----------------


class ProfileError(ValueError):
    """A profile write that breaks a rule; `message` says why in words for the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def profile_municipalities(user: User) -> QuerySet[Municipality]:
    """The municipalities a person may name on their profile: those of their affiliations."""
    return Municipality.objects.filter(affiliations__user=user).distinct().order_by("name")


def default_municipality(user: User) -> Municipality | None:
    """The municipality of the person's first affiliation (the profile's default)."""
    affiliation = (
        Affiliation.objects.filter(user=user)
        .select_related("municipality")
        .order_by("created_at", "pk")
        .first()
    )
    return affiliation.municipality if affiliation is not None else None


def may_hold_mandates(user: User) -> bool:
    """Councillors record mandates; coordinators, speakers and organisers do not."""
    return str(user.role) == Role.COUNCILLOR


@transaction.atomic
def get_or_create_profile(*, user: User) -> Profile:
    """The person's profile, created with the default municipality when missing."""
    profile, created = Profile.objects.get_or_create(
        user=user, defaults={"municipality": default_municipality(user)}
    )
    if created:
        log_action("directory.profile.created", actor=user, obj=profile)
        directory_counts.forget()
        _apply_pending_mandates(profile)
    return profile


def _apply_pending_mandates(profile: Profile) -> None:
    """Turn the mandates pre-filled at the invitation into verified mandates of the new
    profile (only in the profile's municipality, only for councillors)."""
    pending = list(PendingMandate.objects.filter(user=profile.user))
    if not pending:
        return
    if may_hold_mandates(profile.user):
        for item in pending:
            if item.municipality_id != profile.municipality_id or profile.municipality is None:
                continue
            mandate = Mandate.objects.create(
                profile=profile,
                municipality=profile.municipality,
                body=Body(item.body),
                faction=_mandate_faction(
                    municipality=profile.municipality,
                    faction=None,
                    faction_name=item.faction_name,
                    party=None,
                ),
                role=MandateRole(item.role),
                committees=item.committees,
                term_start=item.term_start,
                source_url=item.source_url,
                verified_at=timezone.now(),
            )
            log_action(
                "directory.mandate.prefilled",
                actor=profile.user,
                obj=mandate,
                data={"source": item.source_url},
            )
    PendingMandate.objects.filter(pk__in=[p.pk for p in pending]).delete()


@transaction.atomic
def invite_councillor_with_mandate(
    *,
    municipality: Municipality,
    email: str,
    invited_by: User | None,
    first_name: str,
    last_name: str,
    source_url: str,
    faction_name: str = "",
    committees: str = "",
    role: MandateRole | str = MandateRole.MEMBER,
    term_start: datetime.date | None = None,
    body: Body | str = Body.CITY_COUNCIL,
) -> tuple[User, Invitation]:
    """Invite a councillor with a mandate pre-filled from the council information system.

    Nothing is added to a profile now: the mandate waits (`PendingMandate`) until the
    person accepts and gets their profile. Raises accounts.exceptions.AlreadyActive when
    the address has an active account.
    """
    user, invitation = invite_person(
        municipality=municipality,
        email=email,
        role=AffiliationRole.COUNCILLOR,
        invited_by=invited_by,
        first_name=first_name,
        last_name=last_name,
    )
    PendingMandate.objects.filter(user=user, source_url=source_url).delete()
    PendingMandate.objects.create(
        user=user,
        municipality=municipality,
        body=Body(body),
        faction_name=faction_name.strip()[:200],
        role=MandateRole(role),
        committees=committees.strip()[:500],
        term_start=term_start,
        source_url=source_url,
    )
    log_action(
        "directory.person.invited_with_mandate",
        actor=invited_by,
        obj=user,
        data={"municipality": municipality.key, "source": source_url},
    )
    return user, invitation


@transaction.atomic
def create_or_update_profile(
    *,
    user: User,
    by: User,
    first_name: str,
    last_name: str,
    municipality: Municipality | None,
    pronouns: str = "",
    bio: str = "",
    expertise: str = "",
    languages: str = "",
    phone: str = "",
    interests: Iterable[Topic] = (),
) -> Profile:
    """Write the person's name and profile fields.

    Raises ProfileError when `municipality` is not one of the person's affiliations or an
    interest is not an active topic.
    """
    if (
        municipality is not None
        and not profile_municipalities(user).filter(pk=municipality.pk).exists()
    ):
        raise ProfileError(str(_("You can only choose a municipality you act for.")))
    interests = list(interests)
    if any(not topic.is_active for topic in interests):
        raise ProfileError(str(_("Only active topics can be chosen as interests.")))
    user.first_name, user.last_name = first_name.strip(), last_name.strip()
    user.save(update_fields=["first_name", "last_name"])
    profile, created = Profile.objects.update_or_create(
        user=user,
        defaults={
            "municipality": municipality,
            "pronouns": pronouns.strip(),
            "bio": bio.strip(),
            "expertise": expertise.strip(),
            "languages": languages.strip(),
            "phone": phone.strip(),
        },
    )
    profile.interests.set(interests)
    log_action(
        "directory.profile.created" if created else "directory.profile.updated",
        actor=by,
        obj=profile,
    )
    indexing.changed(profile)
    directory_counts.forget()
    return profile


@transaction.atomic
def set_visibility(*, profile: Profile, by: User, **visibilities: Visibility | str) -> Profile:
    """Set the visibility of one or more field groups, e.g. `identity=Visibility.PUBLIC`.

    Raises ProfileError for an unknown group or value.
    """
    changed: dict[str, str] = {}
    for group, value in visibilities.items():
        if group not in FieldGroup.values or value not in Visibility.values:
            raise ProfileError(str(_("Unknown visibility setting.")))
        field = f"{group}_visibility"
        if getattr(profile, field) != value:
            setattr(profile, field, str(value))
            changed[group] = str(value)
    if changed:
        profile.save(update_fields=[f"{group}_visibility" for group in changed] + ["updated_at"])
        log_action("directory.profile.visibility_changed", actor=by, obj=profile, data=changed)
        indexing.changed(profile)
        directory_counts.forget()
    return profile


def _mandate_faction(
    *, municipality: Municipality, faction: Faction | None, faction_name: str, party: Party | None
) -> Faction | None:
    faction_name = faction_name.strip()
    if faction is not None and faction_name:
        raise ProfileError(str(_("Please either choose a faction or enter a new one, not both.")))
    if faction is not None:
        if faction.municipality_id != municipality.pk:
            raise ProfileError(str(_("This faction belongs to another municipality.")))
        return faction
    if faction_name:
        found = Faction.objects.filter(municipality=municipality, name__iexact=faction_name).first()
        if found is not None:
            return found
        return Faction.objects.create(municipality=municipality, name=faction_name, party=party)
    return None


def _check_term(term_start: datetime.date | None, term_end: datetime.date | None) -> None:
    if term_start is not None and term_end is not None and term_end < term_start:
        raise ProfileError(str(_("The term cannot end before it starts.")))


@transaction.atomic
def add_mandate(
    *,
    profile: Profile,
    by: User,
    body: Body | str,
    faction: Faction | None = None,
    faction_name: str = "",
    party: Party | None = None,
    role: MandateRole | str = MandateRole.MEMBER,
    committees: str = "",
    term_start: datetime.date | None = None,
    term_end: datetime.date | None = None,
) -> Mandate:
    """Record a mandate in the profile's municipality; a typed `faction_name` creates the
    faction (or reuses one of that name).

    Raises ProfileError when the person is no councillor, the profile has no municipality,
    the term ends before it starts, or the faction is ambiguous or foreign.
    """
    if not may_hold_mandates(profile.user):
        raise ProfileError(str(_("Only councillors can record mandates.")))
    if profile.municipality is None:
        raise ProfileError(str(_("Please choose your municipality first.")))
    _check_term(term_start, term_end)
    mandate = Mandate.objects.create(
        profile=profile,
        municipality=profile.municipality,
        body=Body(body),
        faction=_mandate_faction(
            municipality=profile.municipality,
            faction=faction,
            faction_name=faction_name,
            party=party,
        ),
        party=party,
        role=MandateRole(role),
        committees=committees.strip(),
        term_start=term_start,
        term_end=term_end,
    )
    log_action("directory.mandate.added", actor=by, obj=mandate, data={"profile": profile.pk})
    indexing.changed(profile)
    directory_counts.forget()  # the party, faction and body filters count mandates
    return mandate


@transaction.atomic
def update_mandate(
    *,
    mandate: Mandate,
    by: User,
    body: Body | str,
    faction: Faction | None = None,
    faction_name: str = "",
    party: Party | None = None,
    role: MandateRole | str = MandateRole.MEMBER,
    committees: str = "",
    term_start: datetime.date | None = None,
    term_end: datetime.date | None = None,
) -> Mandate:
    """Change a mandate; the same rules as add_mandate (raises ProfileError)."""
    _check_term(term_start, term_end)
    mandate.faction = _mandate_faction(
        municipality=mandate.municipality, faction=faction, faction_name=faction_name, party=party
    )
    mandate.body = Body(body)
    mandate.party = party
    mandate.role = MandateRole(role)
    mandate.committees = committees.strip()
    mandate.term_start, mandate.term_end = term_start, term_end
    mandate.save()
    log_action(
        "directory.mandate.updated", actor=by, obj=mandate, data={"profile": mandate.profile_id}
    )
    indexing.changed(mandate.profile)
    directory_counts.forget()
    return mandate


@transaction.atomic
def remove_mandate(*, mandate: Mandate, by: User) -> None:
    log_action(
        "directory.mandate.removed", actor=by, obj=mandate, data={"profile": mandate.profile_id}
    )
    indexing.changed(mandate.profile)
    mandate.delete()
    directory_counts.forget()


@transaction.atomic
def set_profile_photo(*, profile: Profile, by: User, upload: object) -> Profile:
    """Store the re-encoded photo (people.photos); raises photos.PhotoRejected."""
    content = process_photo(upload)
    if profile.photo:
        profile.photo.delete(save=False)
    # A random file name: even where MEDIA_ROOT is served (DEBUG, a proxy), the photo cannot
    # be found by guessing; pages use the people:profile-photo view, which checks privacy.
    path = f"profiles/{profile.user_id}/{secrets.token_urlsafe(24)}.jpg"
    profile.photo.name = profile.photo.storage.save(path, content)
    profile.save(update_fields=["photo", "updated_at"])
    log_action("directory.profile.photo_set", actor=by, obj=profile)
    return profile


@transaction.atomic
def remove_profile_photo(*, profile: Profile, by: User) -> Profile:
    """Delete the photo file (a no-op without photo)."""
    if not profile.photo:
        return profile
    profile.photo.delete(save=False)
    profile.photo = ""
    profile.save(update_fields=["photo", "updated_at"])
    log_action("directory.profile.photo_removed", actor=by, obj=profile)
    return profile
