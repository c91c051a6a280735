"""Named reads about registrations: counts, one's own registration, the organisers' list,
the balance by municipality and party, the participant list and whom a coordinator may
register."""

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Max, Q, QuerySet, Sum
from django.utils import timezone

from stadtgespraeche.accounts.enums import Role
from stadtgespraeche.accounts.models import User
from stadtgespraeche.core import generation
from stadtgespraeche.events.enums import AttendanceMode, EventStatus
from stadtgespraeche.events.models import Event
from stadtgespraeche.events.queries import visible_events
from stadtgespraeche.people import privacy
from stadtgespraeche.people.enums import AffiliationRole, FieldGroup
from stadtgespraeche.people.models import Affiliation, Mandate, Profile
from stadtgespraeche.people.queries import coordinated_municipalities
from stadtgespraeche.registrations.enums import PLACE_HOLDING_STATUSES, RegistrationStatus
from stadtgespraeche.registrations.models import CalendarToken, EventMessage, Registration

# Statuses in which a person counts as "in" (a place or the waitlist) and may cancel.
ACTIVE_STATUSES = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED)
# Event statuses in which organisers may still add people or move them between modes.
ORGANISER_CHANGE_STATUSES = (
    EventStatus.PUBLISHED,
    EventStatus.REGISTRATION_OPEN,
    EventStatus.REGISTRATION_CLOSED,
)


@dataclass(frozen=True)
class ModeCount:
    """The public figures of one attendance mode of an event."""

    mode: str
    label: str
    capacity: int | None
    registered: int
    waitlisted: int

    @property
    def places_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.registered, 0)

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.registered >= self.capacity


def place_holders(event: Event, mode: str) -> QuerySet[Registration]:
    return Registration.objects.filter(event=event, mode=mode, status__in=PLACE_HOLDING_STATUSES)


def mode_counts(event: Event) -> list[ModeCount]:
    """Registered and waitlisted people per mode the event offers, and per mode it no longer
    offers while people are still registered in it (the format changed), so that the counts
    agree with the list of registrations (one query)."""
    rows = (
        Registration.objects.filter(event=event)
        .values("mode")
        .annotate(
            registered=Count("pk", filter=Q(status__in=PLACE_HOLDING_STATUSES)),
            waitlisted=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
        )
        .order_by()
    )
    by_mode: dict[str, dict[str, int]] = {
        row["mode"]: {"registered": row["registered"], "waitlisted": row["waitlisted"]}
        for row in rows
    }
    return [
        ModeCount(
            mode=mode,
            label=str(AttendanceMode(mode).label),
            capacity=event.capacity_for(mode),
            registered=by_mode.get(mode, {}).get("registered", 0),
            waitlisted=by_mode.get(mode, {}).get("waitlisted", 0),
        )
        for mode in event.modes
        + tuple(
            mode
            for mode in AttendanceMode
            if mode not in event.modes and any(by_mode.get(mode, {}).values())
        )
    ]


def registration_window_open(event: Event, *, now: Any = None) -> bool:
    """Whether the event takes registrations now: status and the optional window."""
    now = now or timezone.now()
    if event.status != EventStatus.REGISTRATION_OPEN:
        return False
    if event.registration_opens_at and now < event.registration_opens_at:
        return False
    if now >= event.ends_at:
        return False
    return not (event.registration_closes_at and now >= event.registration_closes_at)


def active_registration(event: Event, user: Any) -> Registration | None:
    """`user`'s non-cancelled registration for `event` (None for anonymous visitors).

    Read once per event instance and person until the next write (`core.generation.memo`):
    the event page's room box, registration box, participant list and discussions all ask.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    return generation.memo(
        event,
        "_active_registration_memo",
        user.pk,
        lambda: (
            Registration.objects.filter(event=event, user=user)
            .exclude(status=RegistrationStatus.CANCELLED)
            .first()
        ),
    )


def waitlist_position(registration: Registration) -> int:
    """1 for the first on the waitlist of the registration's mode (first come, first served)."""
    ahead = Registration.objects.filter(
        event_id=registration.event_id,
        mode=registration.mode,
        status=RegistrationStatus.WAITLISTED,
    ).filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def next_waitlisted(event: Event, mode: str) -> Registration | None:
    return (
        Registration.objects.filter(event=event, mode=mode, status=RegistrationStatus.WAITLISTED)
        .select_related("user", "event")
        .order_by("created_at", "pk")
        .first()
    )


def registration_by_token_hash(token_hash: str) -> Registration | None:
    if not token_hash:
        return None
    return (
        Registration.objects.filter(cancel_token_hash=token_hash, status__in=ACTIVE_STATUSES)
        .select_related("event", "event__series", "user")
        .first()
    )


def registrations_of_event(
    event: Event, *, mode: str = "", status: str = ""
) -> QuerySet[Registration]:
    """The organisers' list: every registration of `event`, filtered, first come first."""
    registrations = Registration.objects.filter(event=event).select_related("user", "registered_by")
    if mode:
        registrations = registrations.filter(mode=mode)
    if status:
        registrations = registrations.filter(status=status)
    return registrations.order_by("created_at", "pk")


# --- Whom a coordinator may register -----------------------------------------------------


def councillors_coordinated_by(coordinator: Any) -> QuerySet[User]:
    """Active councillors affiliated with a municipality `coordinator` coordinates."""
    if not getattr(coordinator, "is_authenticated", False) or not coordinator.is_active:
        return User.objects.none()
    return (
        User.objects.filter(
            is_active=True,
            affiliations__role=AffiliationRole.COUNCILLOR,
            affiliations__municipality__in=coordinated_municipalities(coordinator),
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def is_self_registrant(user: Any) -> bool:
    """Councillors register themselves (coordinators and organisers register others)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and getattr(user, "role", "") == Role.COUNCILLOR
    )


# --- Balance by municipality and by party -------------------------------------------------


@dataclass(frozen=True)
class BalanceRow:
    label: str
    count: int
    share: int  # percent, rounded
    over_limit: bool


@dataclass
class Balance:
    total: int
    max_share: int
    by_municipality: list[BalanceRow] = field(default_factory=list)
    by_party: list[BalanceRow] = field(default_factory=list)

    @property
    def warnings(self) -> list[BalanceRow]:
        return [row for row in self.by_municipality + self.by_party if row.over_limit]


def _rows(counts: dict[str, int], total: int, max_share: int, unknown: str) -> list[BalanceRow]:
    rows = []
    for label, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        share = round(100 * count / total) if total else 0
        # People without a known party or municipality are no group that could dominate.
        over = label != unknown and total > 0 and count * 100 > max_share * total
        rows.append(BalanceRow(label=label, count=count, share=share, over_limit=over))
    return rows


@dataclass(frozen=True)
class Origin:
    """Where a registered person comes from, for balances and reports."""

    municipality: str | None
    party: str | None


def origins_of(user_ids: Iterable[int]) -> dict[int, Origin]:
    """Municipality and party per person (two queries, whatever the number of people).

    Municipality and party come from the person's councillor affiliation, else from their
    current mandate, else from any affiliation; organisers see every visibility level.
    """
    user_ids = list(user_ids)
    municipality_of: dict[int, str] = {}
    party_of: dict[int, str] = {}
    affiliations = (
        Affiliation.objects.filter(user_id__in=user_ids)
        .select_related("municipality", "party")
        .order_by("user_id", "role", "pk")
    )
    best: dict[int, tuple[int, Affiliation]] = {}
    for affiliation in affiliations:
        rank = 0 if affiliation.role == AffiliationRole.COUNCILLOR else 1
        if affiliation.user_id not in best or rank < best[affiliation.user_id][0]:
            best[affiliation.user_id] = (rank, affiliation)
    for user_id, (_rank, affiliation) in best.items():
        municipality_of[user_id] = affiliation.municipality.name
        if affiliation.party is not None:
            party_of[user_id] = affiliation.party.short_name
    mandates = (
        Mandate.objects.filter(profile__user_id__in=user_ids)
        .select_related("party", "municipality", "profile")
        .order_by("profile__user_id", "-term_start", "pk")
    )
    for mandate in mandates:
        user_id = mandate.profile.user_id
        if mandate.party is not None and user_id not in party_of:
            party_of[user_id] = mandate.party.short_name
        municipality_of.setdefault(user_id, mandate.municipality.name)
    return {
        user_id: Origin(municipality=municipality_of.get(user_id), party=party_of.get(user_id))
        for user_id in user_ids
    }


def balance(event: Event, *, unknown: str) -> Balance:
    """Place-holding registrations by municipality and by party (three queries)."""
    user_ids = list(
        Registration.objects.filter(event=event, status__in=PLACE_HOLDING_STATUSES).values_list(
            "user_id", flat=True
        )
    )
    origins = origins_of(user_ids)
    by_municipality: dict[str, int] = {}
    by_party: dict[str, int] = {}
    for user_id in user_ids:
        municipality = origins[user_id].municipality or unknown
        party = origins[user_id].party or unknown
        by_municipality[municipality] = by_municipality.get(municipality, 0) + 1
        by_party[party] = by_party.get(party, 0) + 1
    total = len(user_ids)
    max_share = event.series.balance_max_share
    return Balance(
        total=total,
        max_share=max_share,
        by_municipality=_rows(by_municipality, total, max_share, unknown),
        by_party=_rows(by_party, total, max_share, unknown),
    )


# --- The participant list ---------------------------------------------------------------


@dataclass(frozen=True)
class Participant:
    name: str
    municipality: str
    profile_url: str


def may_see_participant_list(event: Event, viewer: Any) -> bool:
    """Organisers and people holding a place for the event see the participant list."""
    if not getattr(viewer, "is_authenticated", False) or not viewer.is_active:
        return False
    if getattr(viewer, "is_organiser", False):
        return True
    return holds_place(event, viewer)


def participant_list(event: Event, viewer: Any) -> list[Participant]:
    """People holding a place who agreed to appear on the list (one query).

    They consented to their name on this list; municipality and profile link only where
    `people.privacy` lets `viewer` see the identity group of their profile.
    """
    registrations = list(
        Registration.objects.filter(
            event=event, status__in=PLACE_HOLDING_STATUSES, on_participant_list=True
        )
        # The profile (a reverse one-to-one) and its municipality in the same query.
        .select_related("user__profile__municipality")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    profiles: dict[int, Profile] = {}
    for registration in registrations:
        with contextlib.suppress(Profile.DoesNotExist):
            profiles[registration.user_id] = registration.user.profile
    participants = []
    for registration in registrations:
        profile = profiles.get(registration.user_id)
        shows_identity = profile is not None and privacy.can_see(
            profile, FieldGroup.IDENTITY, viewer
        )
        participants.append(
            Participant(
                name=str(registration.user),
                municipality=(
                    profile.municipality.name
                    if shows_identity and profile is not None and profile.municipality
                    else ""
                ),
                profile_url=profile.get_absolute_url()
                if shows_identity and profile is not None
                else "",
            )
        )
    return participants


# Registrations that put an event into the person's own calendar feed.
FEED_REGISTRATION_STATUSES = (
    RegistrationStatus.REGISTERED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.NO_SHOW,
)


def personal_feed_events(user: User) -> QuerySet[Event]:
    """Events `user` holds a (not cancelled) registration for and may still see.

    Each event carries `registration_status` (the person's registration). A person has at
    most one registration per event that is not cancelled (database constraint), so the
    join yields every event once.
    """
    return (
        visible_events(user)
        .filter(
            registrations__user=user,
            registrations__status__in=FEED_REGISTRATION_STATUSES,
        )
        .annotate(registration_status=F("registrations__status"))
        .order_by("starts_at", "pk")
    )


def personal_feed_fingerprint(user: User) -> str:
    """Changes whenever `user`'s personal feed would change (one aggregate query).

    Over the registrations behind `personal_feed_events`: their count (a cancelled
    registration or an event the person may no longer see drops out), the latest change of a
    registration and of an event, the events' sequences, and how many are waitlisted (the
    note in the summary). The person's language names the calendar and the note.
    """
    totals = (
        Registration.objects.filter(
            user=user,
            status__in=FEED_REGISTRATION_STATUSES,
            event__in=visible_events(user).values("pk"),
        )
        .order_by()
        .aggregate(
            count=Count("pk"),
            waitlisted=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
            registration_changed=Max("updated_at"),
            event_changed=Max("event__updated_at"),
            sequences=Sum("event__sequence"),
        )
    )
    stamps = [
        totals[name].isoformat() if totals[name] else "-"
        for name in ("registration_changed", "event_changed")
    ]
    return ":".join(
        [
            str(user.pk),
            user.language,
            str(totals["count"]),
            str(totals["waitlisted"]),
            str(totals["sequences"] or 0),
            *stamps,
        ]
    )


def calendar_token_of(user: User) -> CalendarToken | None:
    return CalendarToken.objects.filter(user=user).first()


def calendar_token_by_value(token: str) -> CalendarToken | None:
    """The token with this value whose person is active, or None."""
    if not token:
        return None
    return (
        CalendarToken.objects.select_related("user")
        .filter(token=token, user__is_active=True)
        .first()
    )


def holds_place(event: Event, user: Any) -> bool:
    """Whether `user` holds a place at `event` (registered, attended or no-show): a
    participant in the sense of `events.participation`."""
    if getattr(user, "pk", None) is None:
        return False
    registration = active_registration(event, user)
    return registration is not None and registration.status in PLACE_HOLDING_STATUSES


def messages_of_event(event: Event) -> QuerySet[EventMessage]:
    """The archive of the organisers' messages to the registered of `event`, newest first."""
    return EventMessage.objects.filter(event=event).select_related("sent_by")
