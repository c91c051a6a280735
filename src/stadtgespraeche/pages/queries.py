"""Named, N+1-safe reads for the public pages."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from stadtgespraeche.directory.enums import AffiliationRole
from stadtgespraeche.directory.models import Affiliation, Municipality, SmartCityProject
from stadtgespraeche.events.models import Membership

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
class MunicipalityProfile:
    municipality: Municipality
    memberships: list[Membership]
    projects: list[SmartCityProject]
    public_coordinators: list[str]
    councillor_count: int


def municipality_profile(slug: str) -> MunicipalityProfile | None:
    """Everything the public municipality page shows, or None for an unknown slug.

    Coordinators appear only when they allowed it (show_publicly) and their account is
    active, and only by name. Councillors are counted, never listed.
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
    )
