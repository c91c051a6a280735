"""The season report of a series: what a season of Stadtgespräche achieved, as aggregates.

A season is a calendar year of a series: the Stadtgespräche whose start falls into that year
in Europe/Berlin (the series' own `started_on` only says when the series began). The report
reads a fixed number of queries whatever the number of sessions (a query-count test holds it
at 1 and 3 sessions), and holds no person's name and no feedback text: feedback is anonymous,
so only its count and average per session appear.

"Reached" counts the people who held a place (registered or attended; not the waitlist, the
cancelled or no-shows), by the municipality and party of `registrations.queries.origins_of`.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import Avg, Count, QuerySet, Sum
from django.db.models.functions import ExtractYear

from stadtgespraeche.documentation.models import Feedback
from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.events.models import Event
from stadtgespraeche.knowledge.enums import EditorialState
from stadtgespraeche.knowledge.models import Practice
from stadtgespraeche.network.models import Series
from stadtgespraeche.registrations.enums import RegistrationStatus
from stadtgespraeche.registrations.models import Registration
from stadtgespraeche.registrations.queries import origins_of
from stadtgespraeche.wishes.enums import WishStatus
from stadtgespraeche.wishes.models import TopicWish

BERLIN = ZoneInfo("Europe/Berlin")
HELD_STATUSES = (EventStatus.HELD, EventStatus.DOCUMENTED)
# Statuses of events that count in a season at all (drafts are plans, not part of it).
SEASON_STATUSES = tuple(status for status in EventStatus if status != EventStatus.DRAFT)
REACHED_STATUSES = (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED)
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True)
class Season:
    series: Series
    year: int

    @property
    def starts_at(self) -> datetime.datetime:
        return datetime.datetime(self.year, 1, 1, tzinfo=BERLIN)

    @property
    def ends_at(self) -> datetime.datetime:
        return datetime.datetime(self.year + 1, 1, 1, tzinfo=BERLIN)


@dataclass
class SessionRow:
    """One held Stadtgespräch of the season, with its counts."""

    event: Event
    registered: int = 0  # holding a place: registered, attended or no-show
    waitlisted: int = 0
    attended: int = 0
    no_show: int = 0
    municipalities: int = 0  # reached in this session
    parties: int = 0
    new_municipalities: int = 0  # reached for the first time this season
    new_parties: int = 0
    total_municipalities: int = 0  # reached so far this season
    total_parties: int = 0
    feedback_count: int = 0
    feedback_average: float | None = None
    feedback_total: int = 0  # sum of the ratings, for the season's average
    topics: list[str] = field(default_factory=list)

    @property
    def attendance_rate(self) -> int | None:
        """Percent of the place holders who attended; None without recorded attendance."""
        if not self.registered or not (self.attended or self.no_show):
            return None
        return round(100 * self.attended / self.registered)


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int


@dataclass(frozen=True)
class WishRow:
    title: str
    status: str
    status_label: str
    planned_event: str


@dataclass(frozen=True)
class PracticeRow:
    title: str
    municipalities: list[str]
    from_series: bool  # linked to a Stadtgespräch of this season


@dataclass
class SeasonReport:
    season: Season
    sessions: list[SessionRow]
    upcoming: int
    cancelled: int
    municipalities: list[CountRow]  # people reached per municipality, whole season
    parties: list[CountRow]
    topics: list[CountRow]  # sessions per topic
    wishes: list[WishRow]
    practices: list[PracticeRow]
    unknown: str

    @property
    def registered(self) -> int:
        return sum(row.registered for row in self.sessions)

    @property
    def attended(self) -> int:
        return sum(row.attended for row in self.sessions)

    @property
    def feedback_count(self) -> int:
        return sum(row.feedback_count for row in self.sessions)

    @property
    def feedback_average(self) -> float | None:
        count = self.feedback_count
        if not count:
            return None
        return round(sum(row.feedback_total for row in self.sessions) / count, 1)

    @property
    def wishes_planned(self) -> int:
        return sum(1 for wish in self.wishes if wish.status == WishStatus.PLANNED)

    @property
    def municipalities_reached(self) -> int:
        return sum(1 for row in self.municipalities if row.label != self.unknown)

    @property
    def parties_reached(self) -> int:
        return sum(1 for row in self.parties if row.label != self.unknown)


def season_years(series: Series) -> list[int]:
    """The seasons (years, newest first) in which `series` has Stadtgespräche."""
    events = Event.objects.filter(series=series, status__in=SEASON_STATUSES)
    years = (
        events.annotate(year=ExtractYear("starts_at", tzinfo=BERLIN))
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )
    return list(years)


def seasons_by_series() -> list[tuple[Series, list[int]]]:
    """Every series with its seasons, for the index page (two queries)."""
    series_list = list(Series.objects.order_by("name"))
    rows = (
        Event.objects.filter(status__in=SEASON_STATUSES)
        .annotate(year=ExtractYear("starts_at", tzinfo=BERLIN))
        .values_list("series_id", "year")
        .distinct()
    )
    years: dict[int, set[int]] = {}
    for series_id, year in rows:
        years.setdefault(series_id, set()).add(year)
    return [(series, sorted(years.get(series.pk, ()), reverse=True)) for series in series_list]


def _season_events(season: Season) -> QuerySet[Event]:
    return (
        Event.objects.filter(
            series=season.series,
            status__in=SEASON_STATUSES,
            starts_at__gte=season.starts_at,
            starts_at__lt=season.ends_at,
        )
        .select_related("series")
        .prefetch_related("topics")
        .order_by("starts_at", "number", "pk")
    )


def _counts(counter: Counter[str]) -> list[CountRow]:
    return [
        CountRow(label=label, count=count)
        for label, count in sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    ]


def season_report(season: Season, *, unknown: str) -> SeasonReport:
    """The report of `season` (ten queries); `unknown` labels people without a known origin."""
    events = list(_season_events(season))
    held = [event for event in events if event.status in HELD_STATUSES]
    rows = {event.pk: SessionRow(event=event) for event in held}
    for row in rows.values():
        row.topics = sorted(topic.title for topic in row.event.topics.all())

    reached: dict[int, set[int]] = {event.pk: set() for event in held}
    registrations = Registration.objects.filter(event_id__in=list(rows)).values_list(
        "event_id", "user_id", "status"
    )
    for event_id, user_id, status in registrations:
        row = rows[event_id]
        if status == RegistrationStatus.WAITLISTED:
            row.waitlisted += 1
        elif status != RegistrationStatus.CANCELLED:
            row.registered += 1
            row.attended += status == RegistrationStatus.ATTENDED
            row.no_show += status == RegistrationStatus.NO_SHOW
        if status in REACHED_STATUSES:
            reached[event_id].add(user_id)

    origins = origins_of({user_id for people in reached.values() for user_id in people})
    by_municipality: Counter[str] = Counter()
    by_party: Counter[str] = Counter()
    seen_people: set[int] = set()
    seen_municipalities: set[str] = set()
    seen_parties: set[str] = set()
    for event in held:
        row = rows[event.pk]
        people = [origins[user] for user in reached[event.pk]]
        municipalities = {origin.municipality for origin in people if origin.municipality}
        parties = {origin.party for origin in people if origin.party}
        row.municipalities, row.parties = len(municipalities), len(parties)
        row.new_municipalities = len(municipalities - seen_municipalities)
        row.new_parties = len(parties - seen_parties)
        seen_municipalities |= municipalities
        seen_parties |= parties
        row.total_municipalities, row.total_parties = len(seen_municipalities), len(seen_parties)
        for user in reached[event.pk] - seen_people:
            by_municipality[origins[user].municipality or unknown] += 1
            by_party[origins[user].party or unknown] += 1
        seen_people |= reached[event.pk]

    feedback = (
        Feedback.objects.filter(event_id__in=list(rows))
        .values("event_id")
        .annotate(count=Count("id"), average=Avg("rating"), total=Sum("rating"))
        .order_by()
    )
    for entry in feedback:
        row = rows[entry["event_id"]]
        row.feedback_count = entry["count"]
        row.feedback_average = round(entry["average"], 1)
        row.feedback_total = entry["total"]

    topics: Counter[str] = Counter(title for row in rows.values() for title in row.topics)
    return SeasonReport(
        season=season,
        sessions=[rows[event.pk] for event in held],
        upcoming=sum(
            1
            for event in events
            if event.status not in HELD_STATUSES and event.status != EventStatus.CANCELLED
        ),
        cancelled=sum(1 for event in events if event.status == EventStatus.CANCELLED),
        municipalities=_counts(by_municipality),
        parties=_counts(by_party),
        topics=_counts(topics),
        wishes=_season_wishes(season),
        practices=_season_practices(season, event_ids=[event.pk for event in events]),
        unknown=unknown,
    )


def _season_wishes(season: Season) -> list[WishRow]:
    """The topic wishes raised in the series' rounds during the season (merged ones count
    once, through the wish they were merged into)."""
    wishes = (
        TopicWish.objects.filter(
            round__series=season.series,
            created_at__gte=season.starts_at,
            created_at__lt=season.ends_at,
        )
        .exclude(status=WishStatus.MERGED)
        .select_related("planned_event")
        .order_by("status", "title", "pk")
    )
    return [
        WishRow(
            title=wish.title,
            status=wish.status,
            status_label=str(WishStatus(wish.status).label),
            planned_event=wish.planned_event.title if wish.planned_event else "",
        )
        for wish in wishes
    ]


def _season_practices(season: Season, *, event_ids: list[int]) -> list[PracticeRow]:
    """Practices published in the season (the knowledge base is shared by all series)."""
    practices = (
        Practice.objects.filter(
            state=EditorialState.PUBLISHED,
            published_at__gte=season.starts_at,
            published_at__lt=season.ends_at,
        )
        .prefetch_related("municipalities")
        .order_by("published_at", "pk")
    )
    linked = set(
        Practice.related_events.through.objects.filter(event_id__in=event_ids).values_list(
            "practice_id", flat=True
        )
    )
    return [
        PracticeRow(
            title=practice.title,
            municipalities=sorted(m.name for m in practice.municipalities.all()),
            from_series=practice.pk in linked,
        )
        for practice in practices
    ]
