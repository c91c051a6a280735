"""Named reads of the events app: visible events, agenda, proposals and calendar feeds."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import CharField, Count, Max, Q, QuerySet, Sum, Value
from django.utils import timezone

from stadtgespraeche.events.enums import Confidentiality, EventStatus
from stadtgespraeche.events.models import AgendaItem, Event, ImpulseProposal
from stadtgespraeche.network.enums import ApplicationStatus
from stadtgespraeche.network.models import (
    Series,
)
from stadtgespraeche.network.queries import is_network_viewer

# Statuses in which an event is not shown outside the organisation area.
HIDDEN_EVENT_STATUSES = (EventStatus.DRAFT,)


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


def _viewer_key(viewer: Any) -> int | None:
    return viewer.pk if getattr(viewer, "is_authenticated", False) else None


def is_visible_to(event: Event, viewer: Any) -> bool:
    """Whether `viewer` may see `event`, asked once per event instance and viewer.

    The detail page's template tags (follow button, discussions) each ask; the answer is
    kept on the instance, and `visible_event` records it for the event it found.
    """
    memo: dict[int | None, bool] = event.__dict__.setdefault("_visible_to", {})
    key = _viewer_key(viewer)
    if key not in memo:
        memo[key] = visible_events(viewer).filter(pk=event.pk).exists()
    return memo[key]


def visible_event(viewer: Any, slug: str) -> Event | None:
    """The event with `slug` if `viewer` may see it, remembered as visible to them."""
    event = visible_events(viewer).filter(slug=slug).first()
    if event is not None:
        event.__dict__.setdefault("_visible_to", {})[_viewer_key(viewer)] = True
    return event


def is_members_only_for(viewer: Any, slug: str) -> bool:
    """Whether a logged-out `viewer` asks for a network event they would see once logged in.

    Such a visitor is asked to log in instead of getting a 404 (drafts stay a 404).
    """
    if getattr(viewer, "is_authenticated", False):
        return False
    return (
        Event.objects.filter(slug=slug)
        .exclude(status__in=HIDDEN_EVENT_STATUSES)
        .exclude(confidentiality=Confidentiality.PUBLIC)
        .exists()
    )


def upcoming_events(viewer: Any) -> QuerySet[Event]:
    return visible_events(viewer).filter(ends_at__gte=timezone.now()).order_by("starts_at")


def past_events(viewer: Any) -> QuerySet[Event]:
    return visible_events(viewer).filter(ends_at__lt=timezone.now()).order_by("-starts_at")


def all_events() -> QuerySet[Event]:
    """All events for the organisers' list, newest first."""
    return Event.objects.select_related("series").order_by("-starts_at")


def agenda_items_outside(event: Event) -> list[AgendaItem]:
    """The agenda items of `event` that start before it or end after it (e.g. once shortened)."""
    return [
        item
        for item in AgendaItem.objects.filter(event=event).order_by("starts_at", "id")
        if item.starts_at < event.starts_at
        or item.starts_at + timedelta(minutes=item.duration) > event.ends_at
    ]


def agenda_of(event: Event) -> QuerySet[AgendaItem]:
    return (
        AgendaItem.objects.filter(event=event)
        .select_related("municipality")
        .prefetch_related("speakers")
        .order_by("starts_at", "id")
    )


def page_agenda(event: Event) -> list[AgendaItem]:
    """The agenda with its speakers, kept on the event instance for the rest of the page
    (`is_speaker_at` reads the speakers from it instead of asking again)."""
    agenda: list[AgendaItem] = list(agenda_of(event))
    event.__dict__["_page_agenda"] = agenda
    return agenda


def is_speaker_at(event: Event, user: Any) -> bool:
    """Whether `user` speaks at `event`; asked once per event instance and person (the
    event page's room and question boxes both ask), from the page's agenda if it was read."""
    if not getattr(user, "is_authenticated", False):
        return False
    agenda: list[AgendaItem] | None = event.__dict__.get("_page_agenda")
    if agenda is not None:
        return any(speaker.pk == user.pk for item in agenda for speaker in item.speakers.all())
    memo: dict[int, bool] = event.__dict__.setdefault("_speaker_memo", {})
    if user.pk not in memo:
        memo[user.pk] = AgendaItem.objects.filter(event=event, speakers=user).exists()
    return memo[user.pk]


@dataclass(frozen=True)
class Label:
    """A host municipality or topic of an event as the page names it."""

    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class EventLabels:
    hosts: list[Label]
    co_hosts: list[Label]
    topics: list[Label]


def labels_of(event: Event) -> EventLabels:
    """Hosts, co-hosts and topics of `event` in one query (a UNION of the three links),
    each in the order of its model (municipalities by name and key, topics by title)."""
    text = CharField()
    parts = [
        Event.hosts.through.objects.filter(event_id=event.pk).values_list(
            Value("1", output_field=text), "municipality__name", "municipality__key"
        ),
        Event.co_hosts.through.objects.filter(event_id=event.pk).values_list(
            Value("2", output_field=text), "municipality__name", "municipality__key"
        ),
        Event.topics.through.objects.filter(event_id=event.pk).values_list(
            Value("3", output_field=text), "topic__title", "topic__title"
        ),
    ]
    rows = parts[0].union(parts[1], parts[2], all=True)
    found: dict[str, list[tuple[str, str]]] = {"1": [], "2": [], "3": []}
    for kind, name, key in rows:
        found[kind].append((name, key))
    hosts, co_hosts, topics = ([Label(name) for name, _key in sorted(found[k])] for k in "123")
    return EventLabels(hosts=hosts, co_hosts=co_hosts, topics=topics)


def next_event_number(series: Series) -> int:
    last = Event.objects.filter(series=series).order_by("-number").first()
    return 1 if last is None else last.number + 1


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


def series_by_slug(slug: str) -> Series | None:
    return Series.objects.filter(slug=slug).first()


def series_feed_events(series: Series) -> QuerySet[Event]:
    """What an anonymous visitor may see of `series`: the feed URL is public."""
    return visible_events(AnonymousUser()).filter(series=series).order_by("starts_at", "pk")


def feed_fingerprint(events: QuerySet[Event]) -> str:
    """Changes whenever a feed of `events` would change (one aggregate query).

    `updated_at` covers saved changes, the count covers added, removed or hidden events,
    the sum of sequences covers raises done with UPDATE (services_changes).
    """
    totals = events.order_by().aggregate(
        changed=Max("updated_at"), count=Count("pk"), sequences=Sum("sequence")
    )
    changed = totals["changed"].isoformat() if totals["changed"] else "-"
    return f"{totals['count']}:{totals['sequences'] or 0}:{changed}"
