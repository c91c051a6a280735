"""Named reads of the directory app."""

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from django.db.models import (
    Case,
    Count,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Concat

from stadtgespraeche.accounts.models import User
from stadtgespraeche.core import generation
from stadtgespraeche.municipalities.models import Municipality, Party, State
from stadtgespraeche.people import text_search
from stadtgespraeche.people.enums import FieldGroup
from stadtgespraeche.people.models import Affiliation, Mandate, Profile
from stadtgespraeche.people.privacy import group_visible_q
from stadtgespraeche.topics.models import Topic


def affiliations_of(user: User) -> QuerySet[Affiliation]:
    return Affiliation.objects.filter(user=user).select_related("municipality", "party")


def coordinated_municipalities(user: User) -> QuerySet[Municipality]:
    """Municipalities for which `user` is a coordinator."""
    return Municipality.objects.filter(
        affiliations__user=user, affiliations__role="coordinator"
    ).distinct()


def is_coordinator(user: Any) -> bool:
    """Whether `user` coordinates any municipality; asked once per user instance until the
    next write (`core.generation.memo`): the permissions of one page that only coordinators
    have (propose an impulse, register councillors) each start with it."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return False
    return generation.memo(
        user,
        "_is_coordinator_memo",
        None,
        lambda: Affiliation.objects.filter(user=user, role="coordinator").exists(),
    )


PEOPLE_TEXT_MAX_LENGTH = 100


PEOPLE_TEXT_MAX_TERMS = 6

# Free text finds at most this many people (through the search index, people.text_search),
# and the directory pages through at most this many (PER_PAGE × its page limit): the cost
# of a page stays bounded at any size of the network.
PEOPLE_TEXT_LIMIT = 2000


class Relevance(IntEnum):
    """Ranks of a free-text hit, best first (lower sorts first)."""

    EXACT_NAME = 0
    NAME_PREFIX = 1
    INTEREST = 2
    OTHER = 3


def _in_visible_mandate(viewer: object, **lookups: object) -> Q:
    """Profiles with a mandate matching `lookups`, only where the viewer sees mandates."""
    mandates = Mandate.objects.filter(**lookups).values("profile_id")
    return group_visible_q(FieldGroup.MANDATES, viewer) & Q(pk__in=mandates)


def _topic_titles() -> dict[int, str]:
    """The topic catalogue (a few dozen rows), for matching words against titles in Python:
    cheaper than a subquery over all interests per word, and Unicode-aware (casefold)."""
    return {pk: title.casefold() for pk, title in Topic.objects.values_list("pk", "title")}


def _interest_title_contains(term: str, titles: dict[int, str]) -> Q:
    """Profiles interested in a topic whose title contains `term` (no rows if none does)."""
    topic_ids = [pk for pk, title in titles.items() if term.casefold() in title]
    if not topic_ids:
        return Q(pk__in=[])
    through = Profile.interests.through
    return Q(pk__in=through.objects.filter(topic_id__in=topic_ids).values("profile_id"))


def _text_q(term: str, viewer: object, titles: dict[int, str]) -> Q:
    """Profiles where `term` occurs in a field group the viewer may see. Name and
    municipality belong to the identity group, which every result is visible for anyway."""
    identity = (
        Q(user__first_name__icontains=term)
        | Q(user__last_name__icontains=term)
        | Q(municipality__name__icontains=term)
    )
    interests = group_visible_q(FieldGroup.INTERESTS, viewer) & (
        Q(expertise__icontains=term) | _interest_title_contains(term, titles)
    )
    about = group_visible_q(FieldGroup.ABOUT, viewer) & Q(bio__icontains=term)
    return identity | interests | about


def people_search_terms(text: str) -> list[str]:
    """The words of a free-text search (whitespace collapsed, at most a few words)."""
    return text.split()[:PEOPLE_TEXT_MAX_TERMS]


@dataclass(frozen=True)
class TextMatches:
    """The people a free text found in the search index: `ids` (None: no index, the
    directory falls back to `LIKE`) and whether more than PEOPLE_TEXT_LIMIT matched."""

    ids: tuple[int, ...] | None
    more: bool = False


def match_text(viewer: object, text: str) -> TextMatches | None:
    """The profiles `text` finds for `viewer` in the full-text index (None: no words)."""
    terms = people_search_terms(text[:PEOPLE_TEXT_MAX_LENGTH])
    if not terms:
        return None
    find = text_search.matcher()
    if find is None:
        return TextMatches(ids=None)
    found = find(viewer, " ".join(terms), PEOPLE_TEXT_LIMIT + 1)
    return TextMatches(ids=tuple(found[:PEOPLE_TEXT_LIMIT]), more=len(found) > PEOPLE_TEXT_LIMIT)


def _own_profile(viewer: object) -> Q:
    if getattr(viewer, "pk", None) is not None and getattr(viewer, "is_authenticated", False):
        return Q(user=viewer)
    return Q(pk__in=[])


def search_people(
    viewer: object,
    *,
    text: str = "",
    municipality: Municipality | None = None,
    state: State | None = None,
    party: Party | None = None,
    faction: str = "",
    body: str = "",
    topic: Topic | None = None,
    matches: TextMatches | None = None,
) -> QuerySet[Profile]:
    """Profiles of active people that `viewer` may find, best match first.

    Only people whose identity group the viewer may see are listed, and every filter only
    matches values in field groups the viewer may see (people.privacy), so that a filter
    never reveals a hidden value: party, faction and body need the mandates group, topic
    needs the interests group, free text only looks at visible groups. Every word of `text`
    must match somewhere. Free text is looked up in the full-text index (`match_text`, or
    `matches` when the caller already did; at most PEOPLE_TEXT_LIMIT people) where the
    viewer's audience document holds only the groups they may see; the viewer's own
    profile is matched on all of its text. Relevance: exact name > name prefix > interest
    or expertise > other text; ties by name. Without text the order is the users' own
    (last name, first name, e-mail), which an index of accounts serves: a page reads its
    rows in that order instead of sorting every visible profile. Portable (SQLite and
    PostgreSQL); the rows come with their user, municipality, mandates (party, faction)
    and interests loaded.
    """
    people = Profile.objects.filter(
        group_visible_q(FieldGroup.IDENTITY, viewer), user__is_active=True
    )
    if municipality is not None:
        people = people.filter(municipality=municipality)
    if state is not None:
        people = people.filter(municipality__state=state)
    mandate_lookups: dict[str, object] = {}
    if party is not None:
        mandate_lookups["party"] = party
    if faction:
        mandate_lookups["faction__name__icontains"] = faction
    if body:
        mandate_lookups["body"] = body
    if mandate_lookups:
        # One mandate must match all of them (a faction of that party in that body).
        people = people.filter(_in_visible_mandate(viewer, **mandate_lookups))
    if topic is not None:
        through = Profile.interests.through
        people = people.filter(
            group_visible_q(FieldGroup.INTERESTS, viewer),
            pk__in=through.objects.filter(topic=topic).values("profile_id"),
        )
    terms = people_search_terms(text[:PEOPLE_TEXT_MAX_LENGTH])
    order: list[str] = []
    if terms:
        titles = _topic_titles()
        matches = matches or match_text(viewer, text)
        text_q = Q()
        for term in terms:
            text_q &= _text_q(term, viewer, titles)
        if matches is None or matches.ids is None:
            people = people.filter(text_q)  # no search index: LIKE over the visible groups
        else:
            people = people.filter(Q(pk__in=matches.ids) | (_own_profile(viewer) & text_q))
        phrase = " ".join(terms)
        people = people.annotate(
            full_name=Concat("user__first_name", Value(" "), "user__last_name"),
            relevance=Case(
                When(
                    Q(full_name__iexact=phrase)
                    | Q(user__last_name__iexact=phrase)
                    | Q(user__first_name__iexact=phrase),
                    then=Value(Relevance.EXACT_NAME.value),
                ),
                When(
                    Q(full_name__istartswith=phrase) | Q(user__last_name__istartswith=phrase),
                    then=Value(Relevance.NAME_PREFIX.value),
                ),
                When(
                    group_visible_q(FieldGroup.INTERESTS, viewer)
                    & (Q(expertise__icontains=phrase) | _interest_title_contains(phrase, titles)),
                    then=Value(Relevance.INTEREST.value),
                ),
                default=Value(Relevance.OTHER.value),
                output_field=IntegerField(),
            ),
        )
        order.append("relevance")
    # The users' ordering (accounts: an index on these three columns).
    order += ["user__last_name", "user__first_name", "user__email"]
    return (
        people.select_related("user", "municipality", "municipality__state")
        .prefetch_related(
            Prefetch(
                "mandates",
                queryset=Mandate.objects.select_related("party", "faction").order_by(
                    "-term_start", "pk"
                ),
            ),
            Prefetch("interests", queryset=Topic.objects.order_by("title")),
        )
        .order_by(*order)
    )


@dataclass(frozen=True)
class PeopleCounts:
    """How many people a search found, in total and in the municipalities with most of them."""

    total: int
    by_municipality: list[tuple[Municipality, int]]


def count_people(people: QuerySet[Profile], *, map_limit: int) -> PeopleCounts:
    """Total and per-municipality counts of `people` (for the paginator and the map) with
    one pass over the results plus one query for the `map_limit` largest municipalities."""
    groups = list(
        people.order_by().values_list("municipality").annotate(people=Count("pk")).order_by()
    )
    total = sum(count for _, count in groups)
    largest = sorted(
        ((municipality_id, count) for municipality_id, count in groups if municipality_id),
        key=lambda group: (-group[1], group[0]),
    )[:map_limit]
    municipalities = Municipality.objects.select_related("state").in_bulk(
        [municipality_id for municipality_id, _ in largest]
    )
    return PeopleCounts(
        total=total,
        by_municipality=[
            (municipalities[municipality_id], count)
            for municipality_id, count in largest
            if municipality_id in municipalities
        ],
    )
