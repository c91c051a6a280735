"""Named reads of the events app: series, memberships and membership applications."""

from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from stadtgespraeche.municipalities.models import Municipality
from stadtgespraeche.network.enums import ApplicationStatus, MembershipStatus
from stadtgespraeche.network.models import (
    Membership,
    MembershipApplication,
    MembershipChange,
    Series,
)
from stadtgespraeche.people.enums import AffiliationRole

DEFAULT_SERIES_SLUG = "smarte-stadtgespraeche"


# A municipality with one of these statuses is already in the series and cannot apply again.
IN_SERIES_STATUSES = (MembershipStatus.MEMBER, MembershipStatus.PAUSED)


def all_series() -> QuerySet[Series]:
    return Series.objects.all()


def series_accepting_applications() -> QuerySet[Series]:
    return Series.objects.filter(accepts_applications=True)


def default_series(candidates: QuerySet[Series] | None = None) -> Series | None:
    """The series "Smarte Stadtgespräche" if among `candidates`, else the first candidate."""
    candidates = Series.objects.all() if candidates is None else candidates
    series = candidates.filter(slug=DEFAULT_SERIES_SLUG).first()
    return series or candidates.first()


def _applications() -> QuerySet[MembershipApplication]:
    return MembershipApplication.objects.select_related(
        "series", "municipality", "municipality__state", "decided_by"
    )


def pending_applications(series: Series | None = None) -> QuerySet[MembershipApplication]:
    """Open applications, oldest first (first come, first served); all series when None."""
    applications = _applications().filter(status=ApplicationStatus.PENDING)
    if series is not None:
        applications = applications.filter(series=series)
    return applications.order_by("created_at", "id")


def decided_applications(series: Series | None = None) -> QuerySet[MembershipApplication]:
    """Accepted and declined applications, most recently decided first."""
    applications = _applications().exclude(status=ApplicationStatus.PENDING)
    if series is not None:
        applications = applications.filter(series=series)
    return applications.order_by("-decided_at", "-id")


def application_by_id(pk: int) -> MembershipApplication | None:
    return _applications().filter(pk=pk).first()


def has_pending_application(*, series: Series, municipality: Municipality) -> bool:
    return MembershipApplication.objects.filter(
        series=series, municipality=municipality, status=ApplicationStatus.PENDING
    ).exists()


def membership_of(*, series: Series, municipality: Municipality) -> Membership | None:
    return Membership.objects.filter(series=series, municipality=municipality).first()


def memberships_of(series: Series) -> QuerySet[Membership]:
    """Memberships of `series` by municipality name, with their history prefetched."""
    return (
        Membership.objects.filter(series=series)
        .select_related("municipality", "municipality__state")
        .prefetch_related(
            Prefetch(
                "changes",
                queryset=MembershipChange.objects.select_related("changed_by"),
            )
        )
        .order_by("municipality__name", "id")
    )


def membership_by_id(pk: int) -> Membership | None:
    return (
        Membership.objects.select_related("series", "municipality", "municipality__state")
        .filter(pk=pk)
        .first()
    )


def member_municipalities(series: Series) -> QuerySet[Municipality]:
    """Municipalities whose membership in `series` has the status "member"."""
    return (
        Municipality.objects.filter(
            memberships__series=series, memberships__status=MembershipStatus.MEMBER
        )
        .select_related("state")
        .order_by("name", "key")
    )


def membership_history(membership: Membership) -> QuerySet[MembershipChange]:
    """The steps of a membership, newest first."""
    return MembershipChange.objects.filter(membership=membership).select_related("changed_by")


def pending_application_count() -> int:
    return MembershipApplication.objects.filter(status=ApplicationStatus.PENDING).count()


def membership_counts_by_series() -> dict[int, dict[str, int]]:
    """For every series id, the number of memberships per status (one query)."""
    result: dict[int, dict[str, int]] = {}
    rows = Membership.objects.values("series_id", "status").annotate(total=Count("id")).order_by()
    for row in rows:
        counts = result.setdefault(row["series_id"], {str(s): 0 for s in MembershipStatus})
        counts[row["status"]] = row["total"]
    return result


def is_network_viewer(user: Any) -> bool:
    """Logged-in active accounts are network viewers (they see network-only content)."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def municipalities_in_series() -> QuerySet[Municipality]:
    """Municipalities that are (or were) in a series: the choices for hosts and presenters."""
    return Municipality.objects.filter(memberships__isnull=False).distinct().order_by("name")


def coordinated_member_municipalities(user: Any, series: Series) -> QuerySet[Municipality]:
    """Municipalities `user` coordinates that are members of `series`."""
    if not is_network_viewer(user):
        return Municipality.objects.none()
    return (
        Municipality.objects.filter(
            affiliations__user=user,
            affiliations__role=AffiliationRole.COORDINATOR,
            memberships__series=series,
            memberships__status=MembershipStatus.MEMBER,
        )
        .distinct()
        .order_by("name")
    )
