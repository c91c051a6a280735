"""Reads of the wishes app: rounds, wishes with counts, a person's votes, results."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from stadtgespraeche.accounts.models import User
from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.events.models import Event
from stadtgespraeche.municipalities.models import Municipality
from stadtgespraeche.network.enums import MembershipStatus
from stadtgespraeche.people import privacy
from stadtgespraeche.people.enums import AffiliationRole, FieldGroup
from stadtgespraeche.people.models import Affiliation, Mandate

from .enums import Phase, WishStatus
from .models import TopicWish, Vote, WishRound, WishSupport

PARTICIPANT_ROLES = (AffiliationRole.COUNCILLOR, AffiliationRole.COORDINATOR)


def all_rounds() -> QuerySet[WishRound]:
    return WishRound.objects.select_related("series", "target_event").order_by("-created_at")


def round_by_id(pk: int) -> WishRound | None:
    return all_rounds().filter(pk=pk).first()


def wishes_of(
    wish_round: WishRound, *, statuses: tuple[str, ...] | None = None
) -> QuerySet[TopicWish]:
    """The wishes of a round with vote and supporter counts, most supported first. Not by
    votes: members do not see interim results while voting (see rules.view_results)."""
    wishes = TopicWish.objects.filter(round=wish_round)
    if statuses is not None:
        wishes = wishes.filter(status__in=statuses)
    return (
        wishes.select_related(
            "author__profile", "municipality", "topic", "planned_event", "merged_into"
        )
        .annotate(
            vote_count=Count("votes", distinct=True),
            supporter_count=Count("supports", distinct=True),
        )
        .order_by("-supporter_count", "title", "pk")
    )


def open_wishes(wish_round: WishRound) -> QuerySet[TopicWish]:
    return wishes_of(wish_round, statuses=(WishStatus.OPEN,))


def wish_by_id(pk: int) -> TopicWish | None:
    return (
        TopicWish.objects.select_related(
            "round__series", "author", "municipality", "topic", "planned_event", "merged_into"
        )
        .filter(pk=pk)
        .first()
    )


def votes_used(wish_round: WishRound, user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Vote.objects.filter(round=wish_round, voter=user).count()


def my_votes_by_wish(wish_round: WishRound, user: Any) -> dict[int, int]:
    """How many of `user`'s votes lie on each wish of the round."""
    if not getattr(user, "is_authenticated", False):
        return {}
    rows = (
        Vote.objects.filter(round=wish_round, voter=user)
        .values("wish_id")
        .annotate(number=Count("pk"))
    )
    return {row["wish_id"]: row["number"] for row in rows}


def my_supported_wish_ids(wish_round: WishRound, user: Any) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        WishSupport.objects.filter(wish__round=wish_round, user=user).values_list(
            "wish_id", flat=True
        )
    )


def supporters_of(wish: TopicWish) -> QuerySet[User]:
    return (
        User.objects.filter(wish_supports__wish=wish)
        .select_related("profile")
        .order_by("last_name", "first_name", "pk")
    )


def people_to_notify(wish: TopicWish) -> QuerySet[User]:
    """Supporters and voters of `wish` (the author supports their own wish)."""
    return User.objects.filter(
        Q(wish_supports__wish=wish) | Q(wish_votes__wish=wish), is_active=True
    ).distinct()


def participant_municipalities(user: Any) -> QuerySet[Municipality]:
    """Municipalities where `user` is a councillor or coordinator."""
    if not getattr(user, "is_authenticated", False):
        return Municipality.objects.none()
    return (
        Municipality.objects.filter(
            affiliations__user=user, affiliations__role__in=PARTICIPANT_ROLES
        )
        .distinct()
        .order_by("name")
    )


def coordinated_municipalities(user: Any) -> QuerySet[Municipality]:
    if not getattr(user, "is_authenticated", False):
        return Municipality.objects.none()
    return (
        Municipality.objects.filter(
            affiliations__user=user, affiliations__role=AffiliationRole.COORDINATOR
        )
        .distinct()
        .order_by("name")
    )


def councillors_of(municipalities: QuerySet[Municipality]) -> QuerySet[User]:
    """Active councillors affiliated with one of `municipalities`."""
    return (
        User.objects.filter(
            is_active=True,
            affiliations__municipality__in=municipalities,
            affiliations__role=AffiliationRole.COUNCILLOR,
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def collecting_rounds(series: Any) -> QuerySet[WishRound]:
    """Rounds of `series` that collect wishes: where feedback wishes can be taken over."""
    return WishRound.objects.filter(series=series, phase=Phase.COLLECT).order_by("-created_at")


def round_participants(wish_round: WishRound) -> QuerySet[User]:
    """Active councillors and coordinators of the member municipalities of the round's
    series: the people a new round is announced to."""
    return (
        User.objects.filter(
            is_active=True,
            affiliations__role__in=PARTICIPANT_ROLES,
            affiliations__municipality__memberships__series=wish_round.series_id,
            affiliations__municipality__memberships__status=MembershipStatus.MEMBER,
        )
        .distinct()
        .order_by("pk")
    )


def collection_for(wish_round: WishRound, coordinator: Any) -> QuerySet[TopicWish]:
    """The wishes of the councillors (and from the municipalities) a coordinator
    coordinates: the coordinator's collection before a Stadtgespräch."""
    municipalities = coordinated_municipalities(coordinator)
    return wishes_of(wish_round).filter(
        Q(municipality__in=municipalities) | Q(author__in=councillors_of(municipalities))
    )


@dataclass
class ResultRow:
    wish: TopicWish
    votes: int
    supporters: int
    municipalities: int
    parties: int
    voters: int = 0
    people: set[int] = field(default_factory=set, repr=False)


def results(wish_round: WishRound) -> list[ResultRow]:
    """Votes and breadth per open or planned wish: how many distinct municipalities and
    parties its supporters and voters come from (affiliations and mandates). Five queries,
    whatever the number of wishes."""
    wishes = list(wishes_of(wish_round, statuses=(WishStatus.OPEN, WishStatus.PLANNED)))
    people: dict[int, set[int]] = defaultdict(set)
    voters: dict[int, set[int]] = defaultdict(set)
    ids = [wish.pk for wish in wishes]
    for wish_id, user_id in WishSupport.objects.filter(wish_id__in=ids).values_list(
        "wish_id", "user_id"
    ):
        people[wish_id].add(user_id)
    for wish_id, user_id in Vote.objects.filter(wish_id__in=ids).values_list("wish_id", "voter_id"):
        people[wish_id].add(user_id)
        voters[wish_id].add(user_id)
    everyone = set().union(*people.values()) if people else set()
    municipalities_of: dict[int, set[int]] = defaultdict(set)
    parties_of: dict[int, set[int]] = defaultdict(set)
    for user_id, municipality_id, party_id in Affiliation.objects.filter(
        user_id__in=everyone, role__in=PARTICIPANT_ROLES
    ).values_list("user_id", "municipality_id", "party_id"):
        municipalities_of[user_id].add(municipality_id)
        if party_id:
            parties_of[user_id].add(party_id)
    for user_id, party_id in Mandate.objects.filter(
        profile__user_id__in=everyone, party__isnull=False
    ).values_list("profile__user_id", "party_id"):
        parties_of[user_id].add(party_id)
    rows = []
    for wish in wishes:
        members = people[wish.pk]
        rows.append(
            ResultRow(
                wish=wish,
                votes=wish.vote_count,  # type: ignore[attr-defined]
                supporters=wish.supporter_count,  # type: ignore[attr-defined]
                municipalities=len(set().union(*(municipalities_of[p] for p in members))),
                parties=len(set().union(*(parties_of[p] for p in members))),
                voters=len(voters[wish.pk]),
                people=members,
            )
        )
    rows.sort(key=lambda row: (-row.votes, -row.municipalities, -row.parties, row.wish.title))
    return rows


def wishes_for_topic(topic: Any) -> QuerySet[TopicWish]:
    """Wishes pointing at `topic` (for the topic page), newest first."""
    return (
        TopicWish.objects.filter(topic=topic)
        .exclude(status=WishStatus.MERGED)
        .select_related("round", "municipality")
        .order_by("-created_at", "-pk")
    )


PLANNABLE_EVENT_STATUSES = (
    EventStatus.DRAFT,
    EventStatus.PUBLISHED,
    EventStatus.REGISTRATION_OPEN,
    EventStatus.REGISTRATION_CLOSED,
)


def plannable_events(series: Any) -> QuerySet[Event]:
    """Coming Stadtgespräche of `series` a wish can be planned into."""
    return Event.objects.filter(
        series=series, status__in=PLANNABLE_EVENT_STATUSES, ends_at__gte=timezone.now()
    ).order_by("starts_at")


def visible_name(person: Any, viewer: Any) -> str:
    """`person`'s name if their profile lets `viewer` see it (people.privacy), else ""."""
    if person is None:
        return ""
    if getattr(viewer, "pk", None) == person.pk:
        return person.get_full_name() or person.email
    profile = getattr(person, "profile", None) if _has_profile(person) else None
    if profile is None or not privacy.can_see(profile, FieldGroup.IDENTITY, viewer):
        return ""
    return person.get_full_name()


def _has_profile(person: Any) -> bool:
    try:
        person.profile  # noqa: B018 -- select_related cache or one query
    except ObjectDoesNotExist:
        return False
    return True


@dataclass(frozen=True)
class WishRow:
    """A wish as a list shows it: the author's name where the viewer may see it, and how
    many of the viewer's votes it holds."""

    wish: TopicWish
    author_name: str
    my_count: int


def wish_rows(
    wishes: Iterable[TopicWish], viewer: Any, my_votes: dict[int, int] | None = None
) -> list[WishRow]:
    return [
        WishRow(
            wish=wish,
            author_name=visible_name(wish.author, viewer),
            my_count=(my_votes or {}).get(wish.pk, 0),
        )
        for wish in wishes
    ]
