"""Named, N+1-safe reads for the public pages."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from stadtgespraeche.municipalities.models import Municipality, SmartCityProject
from stadtgespraeche.network.models import Membership
from stadtgespraeche.people import privacy
from stadtgespraeche.people.enums import AffiliationRole, FieldGroup
from stadtgespraeche.people.models import Affiliation, Mandate, Profile

# The statuses in the order a municipality's network status is summarised.
_STATUS_ORDER = ["member", "applied", "interested", "paused", "left"]


def _memberships() -> Prefetch:
    return Prefetch(
        "memberships",
        queryset=Membership.objects.select_related("series").order_by("series__name"),
    )


def network_municipalities() -> QuerySet[Municipality]:
    """Municipalities with a membership in any series, with their memberships (3 queries)."""
    return (
        Municipality.objects.filter(memberships__isnull=False)
        .distinct()
        .select_related("state")
        .prefetch_related(_memberships())
        .order_by("name", "key")
    )


def main_status(municipality: Municipality) -> str:
    """The most advanced membership status of a municipality with prefetched memberships."""
    statuses = {m.status for m in municipality.memberships.all()}
    return next((status for status in _STATUS_ORDER if status in statuses), "")


@dataclass(frozen=True)
class NetworkPerson:
    """A person listed on a municipality page: the name always (identity is visible to the
    viewer), the mandates only when the viewer may see them (else an empty list)."""

    profile: Profile
    name: str
    mandates: list[Mandate]


@dataclass(frozen=True)
class MunicipalityProfile:
    municipality: Municipality
    memberships: list[Membership]
    projects: list[SmartCityProject]
    public_coordinators: list[str]
    councillor_count: int
    people: list[NetworkPerson]


def network_people(municipality: Municipality, viewer: object) -> list[NetworkPerson]:
    """The active people whose profile names `municipality` and whose identity `viewer` may
    see (people.privacy), by name; mandates only where visible. Two queries."""
    profiles = (
        Profile.objects.filter(municipality=municipality, user__is_active=True)
        .filter(privacy.group_visible_q(FieldGroup.IDENTITY, viewer))
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "mandates",
                queryset=Mandate.objects.select_related("faction", "party", "municipality"),
            )
        )
        .order_by("user__last_name", "user__first_name", "pk")
    )
    return [
        NetworkPerson(
            profile=profile,
            name=profile.user.get_full_name() or str(profile.user),
            mandates=list(profile.mandates.all())
            if privacy.can_see(profile, FieldGroup.MANDATES, viewer)
            else [],
        )
        for profile in profiles
    ]


def municipality_profile(slug: str, viewer: object = None) -> MunicipalityProfile | None:
    """Everything the municipality page shows, or None for an unknown slug.

    Coordinators appear only when they allowed it (show_publicly) and their account is
    active, and only by name. Network people (profiles naming this municipality) are listed
    as far as `viewer` may see them (people.privacy); the councillor count stays.
    """
    municipality = (
        Municipality.objects.select_related("state", "district")
        .prefetch_related(
            _memberships(),
            Prefetch(
                "smart_city_projects",
                queryset=SmartCityProject.objects.order_by("cohort_year", "mpsc_id"),
            ),
            Prefetch(
                "smart_city_projects__members",
                queryset=Municipality.objects.order_by("name", "key"),
            ),
        )
        .filter(slug=slug)
        .first()
    )
    if municipality is None:
        return None
    active = Affiliation.objects.filter(municipality=municipality, user__is_active=True)
    coordinators = (
        active.filter(role=AffiliationRole.COORDINATOR, show_publicly=True)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user_id")
    )
    return MunicipalityProfile(
        municipality=municipality,
        memberships=list(municipality.memberships.all()),
        projects=list(municipality.smart_city_projects.all()),
        public_coordinators=[name for a in coordinators if (name := a.user.get_full_name())],
        councillor_count=active.filter(role=AffiliationRole.COUNCILLOR)
        .values("user")
        .distinct()
        .count(),
        people=network_people(municipality, viewer),
    )
