"""The reads of the home after login ("Übersicht", `pages:overview`).

One function per block of the page, each in a fixed number of queries whatever the number
of items, and `overview_for(user)` composing them by role. Only the person's own data is
read: their registrations, talks, notifications, contact requests and profile; organisers
and coordinators also get what they need to do next.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.accounts.enums import Role
from stadtgespraeche.accounts.models import Invitation
from stadtgespraeche.contacts import queries as contacts_queries
from stadtgespraeche.events import queries as events_queries
from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.events.models import AgendaItem, Event, ImpulseProposal
from stadtgespraeche.network import queries as network_queries
from stadtgespraeche.network.enums import ApplicationStatus
from stadtgespraeche.notifications.models import Notification
from stadtgespraeche.people import queries as people_queries
from stadtgespraeche.people.models import Profile
from stadtgespraeche.registrations.enums import RegistrationStatus
from stadtgespraeche.registrations.models import Registration
from stadtgespraeche.rooms import queries as rooms_queries
from stadtgespraeche.wishes.enums import Phase
from stadtgespraeche.wishes.models import Vote, WishRound

# How many items each block shows; the block links to the full list.
LIMIT = 5
# Events that have ended but are neither documented nor cancelled (nor drafts).
_UNDOCUMENTED_STATUSES = (
    EventStatus.PUBLISHED,
    EventStatus.REGISTRATION_OPEN,
    EventStatus.REGISTRATION_CLOSED,
    EventStatus.HELD,
)


@dataclass(frozen=True)
class MyEvent:
    """An upcoming Stadtgespräch of the person: registered for it or speaking at it."""

    event: Event
    registration: Registration | None
    speaking: bool
    can_join: bool
    room_opens_at: datetime | None


def my_events(user: Any, *, now: datetime | None = None) -> list[MyEvent]:
    """The person's next Stadtgespräche, soonest first (2 queries)."""
    now = now or timezone.now()
    registrations = {
        registration.event_id: registration
        for registration in Registration.objects.filter(user=user, event__ends_at__gte=now)
        .exclude(status=RegistrationStatus.CANCELLED)
        .exclude(event__status=EventStatus.DRAFT)
        .select_related("event__series")
    }
    events = {registration.event_id: registration.event for registration in registrations.values()}
    speaking_ids = set()
    for item in (
        AgendaItem.objects.filter(speakers=user, event__ends_at__gte=now)
        .exclude(event__status__in=(EventStatus.DRAFT, EventStatus.CANCELLED))
        .select_related("event__series")
    ):
        events.setdefault(item.event_id, item.event)
        speaking_ids.add(item.event_id)
    rows = []
    for event in sorted(events.values(), key=lambda e: (e.starts_at, e.pk))[:LIMIT]:
        registration = registrations.get(event.pk)
        has_room = rooms_queries.has_room(event)
        opens_at, closes_at = rooms_queries.room_window(event)
        eligible = event.pk in speaking_ids or (
            registration is not None and registration.status in rooms_queries.JOINING_STATUSES
        )
        rows.append(
            MyEvent(
                event=event,
                registration=registration,
                speaking=event.pk in speaking_ids,
                can_join=has_room and eligible and opens_at <= now <= closes_at,
                room_opens_at=opens_at if has_room and eligible else None,
            )
        )
    return rows


def open_for_registration(user: Any) -> list[Event]:
    """Upcoming events with open registration the person has not registered for (1 query)."""
    registered = (
        Registration.objects.filter(user=user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .values("event")
    )
    return list(
        events_queries.upcoming_events(user)
        .filter(status=EventStatus.REGISTRATION_OPEN)
        .exclude(pk__in=registered)[:LIMIT]
    )


@dataclass(frozen=True)
class OpenRound:
    round: WishRound
    votes_used: int


def open_rounds(user: Any) -> list[OpenRound]:
    """Wish rounds collecting wishes or votes, with the person's votes spent (2 queries)."""
    rounds = list(
        WishRound.objects.filter(phase__in=(Phase.COLLECT, Phase.VOTE))
        .select_related("series")
        .order_by("-created_at", "-pk")[:LIMIT]
    )
    used = dict(
        Vote.objects.filter(voter=user, round__in=[r.pk for r in rounds])
        .values_list("round")
        .annotate(n=Count("pk"))
        .values_list("round", "n")
    )
    return [OpenRound(round=r, votes_used=used.get(r.pk, 0)) for r in rounds]


def unread_notifications(user: Any) -> tuple[list[Notification], int]:
    """The newest unread notifications (replies, changes, …) and their number (2 queries)."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    return list(unread.order_by("-created_at", "-pk")[:LIMIT]), unread.count()


@dataclass(frozen=True)
class ProfileStep:
    label: str
    url: str
    done: bool


@dataclass(frozen=True)
class ProfileProgress:
    steps: list[ProfileStep]

    @property
    def done(self) -> int:
        return sum(1 for step in self.steps if step.done)

    @property
    def percent(self) -> int:
        return round(100 * self.done / len(self.steps)) if self.steps else 100

    @property
    def complete(self) -> bool:
        return self.done == len(self.steps)

    @property
    def next_step(self) -> ProfileStep | None:
        return next((step for step in self.steps if not step.done), None)


def profile_progress(user: Any) -> ProfileProgress:
    """How complete the person's profile is, and the next step (1 query)."""
    profile = (
        Profile.objects.filter(user=user)
        .annotate(
            mandate_count=Count("mandates", distinct=True),
            interest_count=Count("interests", distinct=True),
        )
        .first()
    )
    edit = reverse("people:profile-edit")
    steps = [
        ProfileStep(
            str(_("Enter your first and last name")),
            edit,
            bool(user.first_name.strip() and user.last_name.strip()),
        ),
        ProfileStep(
            str(_("Choose your municipality")),
            edit,
            profile is not None and profile.municipality_id is not None,
        ),
    ]
    if user.role == Role.COUNCILLOR:
        steps.append(
            ProfileStep(
                str(_("Add your mandate (council, faction, party)")),
                reverse("people:mandate-add"),
                profile is not None and profile.mandate_count > 0,
            )
        )
    steps += [
        ProfileStep(
            str(_("Choose the topics that interest you")),
            edit,
            profile is not None and profile.interest_count > 0,
        ),
        ProfileStep(
            str(_("Say what you can report on")),
            edit,
            profile is not None and bool(profile.expertise.strip() or profile.bio.strip()),
        ),
        ProfileStep(
            str(_("Add a photo")),
            reverse("people:profile-photo-edit"),
            profile is not None and bool(profile.photo),
        ),
    ]
    return ProfileProgress(steps)


@dataclass(frozen=True)
class OrganiserTasks:
    applications: list[Any]
    application_count: int
    proposals: list[ImpulseProposal]
    proposal_count: int
    undocumented: list[Event]
    undocumented_count: int
    upcoming: list[Event]


# Events whose registered people an organiser may write to (dashboard:event-messages).
_MESSAGE_STATUSES = (
    EventStatus.PUBLISHED,
    EventStatus.REGISTRATION_OPEN,
    EventStatus.REGISTRATION_CLOSED,
)


def organiser_tasks(*, now: datetime | None = None) -> OrganiserTasks:
    """What the organisers decide next, and the next events to write to (7 queries)."""
    now = now or timezone.now()
    proposals = ImpulseProposal.objects.filter(status=ApplicationStatus.PENDING)
    undocumented = Event.objects.filter(ends_at__lt=now, status__in=_UNDOCUMENTED_STATUSES)
    upcoming = Event.objects.filter(ends_at__gte=now, status__in=_MESSAGE_STATUSES)
    return OrganiserTasks(
        applications=list(network_queries.pending_applications()[:LIMIT]),
        application_count=network_queries.pending_application_count(),
        proposals=list(
            proposals.select_related("event", "municipality").order_by("created_at", "pk")[:LIMIT]
        ),
        proposal_count=proposals.count(),
        undocumented=list(undocumented.order_by("-ends_at", "-pk")[:LIMIT]),
        undocumented_count=undocumented.count(),
        upcoming=list(upcoming.order_by("starts_at", "pk")[:LIMIT]),
    )


@dataclass(frozen=True)
class CoordinatorTasks:
    municipalities: list[Any]
    proposals: list[ImpulseProposal]
    open_invitations: int


def coordinator_tasks(user: Any, *, now: datetime | None = None) -> CoordinatorTasks:
    """The coordinator's municipalities, their impulses awaiting a decision and the
    invitations not yet accepted (3 queries)."""
    now = now or timezone.now()
    municipalities = list(people_queries.coordinated_municipalities(user))
    proposals = list(
        ImpulseProposal.objects.filter(
            Q(municipality__in=municipalities) | Q(proposed_by=user),
            status=ApplicationStatus.PENDING,
        )
        .select_related("event", "municipality")
        .order_by("event__starts_at", "pk")[:LIMIT]
    )
    open_invitations = (
        Invitation.objects.filter(
            user__affiliations__municipality__in=municipalities,
            accepted_at=None,
            revoked_at=None,
            expires_at__gt=now,
        )
        .values("pk")
        .distinct()
        .count()
    )
    return CoordinatorTasks(
        municipalities=municipalities, proposals=proposals, open_invitations=open_invitations
    )


@dataclass(frozen=True)
class PageLink:
    """A link to one of the person's work pages ("Meine Impulse", "Saisonberichte" …)."""

    key: str
    label: str
    url: str


def my_pages(
    user: Any,
    *,
    events: list[MyEvent],
    rounds: list[OpenRound],
    coordinator: CoordinatorTasks | None,
    organiser: OrganiserTasks | None,
) -> list[PageLink]:
    """The pages the person's role lets them use, from what the other blocks read (no
    queries): each link only where its page would not answer 403."""
    links: list[PageLink] = []
    if user.role == Role.SPEAKER or any(row.speaking for row in events):
        links.append(
            PageLink("impulses", str(_("My impulses")), reverse("documentation:speaker-items"))
        )
    if coordinator is not None and coordinator.municipalities:
        links.append(
            PageLink(
                "councillors",
                str(_("My councillors")),
                reverse("registrations:coordinator-councillors"),
            )
        )
        for municipality in coordinator.municipalities:
            links.append(
                PageLink(
                    f"profile-{municipality.slug}",
                    str(_("Public profile of %(name)s") % {"name": municipality.name}),
                    reverse("people:municipality-profile-edit", kwargs={"slug": municipality.slug}),
                )
            )
        for row in rounds:
            if row.round.collecting_is_open():
                links.append(
                    PageLink(
                        f"call-{row.round.pk}",
                        str(_("Call for topic wishes: %(round)s") % {"round": row.round.title}),
                        reverse("wishes:wish-collect", kwargs={"pk": row.round.pk}) + "#call-form",
                    )
                )
    if organiser is not None:
        links.append(PageLink("reports", str(_("Season reports")), reverse("reports:season-index")))
        for event in organiser.upcoming:
            links.append(
                PageLink(
                    f"messages-{event.pk}",
                    str(_("Message to the registered: %(title)s") % {"title": event.title}),
                    reverse("dashboard:event-messages", kwargs={"pk": event.pk}),
                )
            )
    return links


@dataclass(frozen=True)
class Overview:
    events: list[MyEvent]
    registration_open: list[Event]
    rounds: list[OpenRound]
    notifications: list[Notification]
    unread_count: int
    contact_requests: list[Any]
    profile: ProfileProgress
    organiser: OrganiserTasks | None
    coordinator: CoordinatorTasks | None
    pages: list[PageLink]


def overview_for(user: Any, *, now: datetime | None = None) -> Overview:
    """Everything of the home page for `user`, in a fixed number of queries per role."""
    now = now or timezone.now()
    events = my_events(user, now=now)
    notifications, unread_count = unread_notifications(user)
    rounds = open_rounds(user)
    organiser = organiser_tasks(now=now) if user.role == Role.ORGANISER else None
    coordinator = coordinator_tasks(user, now=now) if user.role == Role.COORDINATOR else None
    return Overview(
        events=events,
        registration_open=open_for_registration(user),
        rounds=rounds,
        notifications=notifications,
        unread_count=unread_count,
        contact_requests=contacts_queries.contacts_overview(user).incoming[:LIMIT],
        profile=profile_progress(user),
        organiser=organiser,
        coordinator=coordinator,
        pages=my_pages(
            user, events=events, rounds=rounds, coordinator=coordinator, organiser=organiser
        ),
    )
