"""Named reads of the events app: series, memberships and membership applications."""

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from stadtgespraeche.directory.enums import AffiliationRole
from stadtgespraeche.directory.models import Municipality

from .enums import ApplicationStatus, Confidentiality, EventStatus, MembershipStatus
from .models import (
    AgendaItem,
    Event,
    ImpulseProposal,
    Membership,
    MembershipApplication,
    MembershipChange,
    Series,
)

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


def membership_counts(series: Series) -> dict[str, int]:
    """Number of memberships of `series` per status; every status present, zero if none."""
    counts = {str(status): 0 for status in MembershipStatus}
    rows = (
        Membership.objects.filter(series=series)
        .values("status")
        .annotate(total=Count("id"))
        .order_by()
    )
    for row in rows:
        counts[row["status"]] = row["total"]
    return counts


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


# Statuses in which an event is not shown outside the organisation area.
HIDDEN_EVENT_STATUSES = (EventStatus.DRAFT,)


def is_network_viewer(user: Any) -> bool:
    """Logged-in active accounts see network-only events."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_organiser_viewer(user: Any) -> bool:
    return is_network_viewer(user) and bool(getattr(user, "is_organiser", False))


def visible_events(viewer: Any) -> QuerySet[Event]:
    """Events `viewer` may see: drafts only for organisers, network events for members."""
    events = Event.objects.select_related("series")
    if is_organiser_viewer(viewer):
        return events
    events = events.exclude(status__in=HIDDEN_EVENT_STATUSES)
    if not is_network_viewer(viewer):
        events = events.filter(confidentiality=Confidentiality.PUBLIC)
    return events


def upcoming_events(viewer: Any) -> QuerySet[Event]:
    return visible_events(viewer).filter(ends_at__gte=timezone.now()).order_by("starts_at")


def past_events(viewer: Any) -> QuerySet[Event]:
    return visible_events(viewer).filter(ends_at__lt=timezone.now()).order_by("-starts_at")


def all_events() -> QuerySet[Event]:
    """All events for the organisers' list, newest first."""
    return Event.objects.select_related("series").order_by("-starts_at")


def agenda_of(event: Event) -> QuerySet[AgendaItem]:
    return (
        AgendaItem.objects.filter(event=event)
        .select_related("municipality")
        .prefetch_related("speakers")
        .order_by("starts_at", "id")
    )


def next_event_number(series: Series) -> int:
    last = Event.objects.filter(series=series).order_by("-number").first()
    return 1 if last is None else last.number + 1


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


def pending_proposals(event: Event) -> QuerySet[ImpulseProposal]:
    return (
        ImpulseProposal.objects.filter(event=event, status=ApplicationStatus.PENDING)
        .select_related("municipality", "proposed_by")
        .order_by("created_at", "id")
    )


def event_list_counts(viewer: Any) -> tuple[int, int]:
    """(upcoming, past) numbers of events `viewer` may see, in one query (for the paging)."""
    now = timezone.now()
    totals = visible_events(viewer).aggregate(
        upcoming=Count("pk", filter=Q(ends_at__gte=now)),
        past=Count("pk", filter=Q(ends_at__lt=now)),
    )
    return totals["upcoming"], totals["past"]
