"""Named reads of the directory app."""

from enum import IntEnum

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Concat

from stadtgespraeche.accounts.models import User
from stadtgespraeche.topics.models import Topic

from .enums import FieldGroup
from .models import Affiliation, Mandate, Municipality, Party, Profile, State
from .privacy import group_visible_q


def search_municipalities(text: str, *, limit: int = 10) -> list[Municipality]:
    """Municipalities whose name or key matches `text`; prefix matches first, then by size."""
    text = " ".join(text.split())
    if len(text) < 2:
        return []
    if text.isdigit():
        matches = Municipality.objects.filter(key__startswith=text)
    else:
        matches = Municipality.objects.filter(name__icontains=text)
    return list(
        matches.select_related("state", "district")
        .annotate(
            prefix=Case(
                When(name__istartswith=text, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("prefix", "-population", "name")[:limit]
    )


def affiliations_of(user: User) -> QuerySet[Affiliation]:
    return Affiliation.objects.filter(user=user).select_related("municipality", "party")


def coordinated_municipalities(user: User) -> QuerySet[Municipality]:
    """Municipalities for which `user` is a coordinator."""
    return Municipality.objects.filter(
        affiliations__user=user, affiliations__role="coordinator"
    ).distinct()


# --- The people directory (search) -------------------------------------------------------

PEOPLE_TEXT_MAX_LENGTH = 100
PEOPLE_TEXT_MAX_TERMS = 6


class Relevance(IntEnum):
    """Ranks of a free-text hit, best first (lower sorts first)."""

    EXACT_NAME = 0
    NAME_PREFIX = 1
    INTEREST = 2
    OTHER = 3


def _in_visible_mandate(viewer: object, **lookups: object) -> Q:
    """Profiles with a mandate matching `lookups`, only where the viewer sees mandates."""
    mandates = Mandate.objects.filter(profile=OuterRef("pk"), **lookups)
    return group_visible_q(FieldGroup.MANDATES, viewer) & Q(Exists(mandates))


def _interest_title_contains(term: str) -> Exists:
    through = Profile.interests.through
    return Exists(through.objects.filter(profile_id=OuterRef("pk"), topic__title__icontains=term))


def _text_q(term: str, viewer: object) -> Q:
    """Profiles where `term` occurs in a field group the viewer may see. Name and
    municipality belong to the identity group, which every result is visible for anyway."""
    identity = (
        Q(user__first_name__icontains=term)
        | Q(user__last_name__icontains=term)
        | Q(municipality__name__icontains=term)
    )
    interests = group_visible_q(FieldGroup.INTERESTS, viewer) & (
        Q(expertise__icontains=term) | Q(_interest_title_contains(term))
    )
    about = group_visible_q(FieldGroup.ABOUT, viewer) & Q(bio__icontains=term)
    return identity | interests | about


def people_search_terms(text: str) -> list[str]:
    """The words of a free-text search (whitespace collapsed, at most a few words)."""
    return text.split()[:PEOPLE_TEXT_MAX_TERMS]


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
) -> QuerySet[Profile]:
    """Profiles of active people that `viewer` may find, best match first.

    Only people whose identity group the viewer may see are listed, and every filter only
    matches values in field groups the viewer may see (directory.privacy), so that a filter
    never reveals a hidden value: party, faction and body need the mandates group, topic
    needs the interests group, free text only looks at visible groups. Every word of `text`
    must match somewhere. Relevance: exact name > name prefix > interest or expertise >
    other text; ties by name. Portable (SQLite and PostgreSQL); the rows come with their
    user, municipality, mandates (party, faction) and interests loaded.
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
            Exists(through.objects.filter(profile_id=OuterRef("pk"), topic=topic)),
        )
    terms = people_search_terms(text[:PEOPLE_TEXT_MAX_LENGTH])
    order: list[str] = []
    if terms:
        for term in terms:
            people = people.filter(_text_q(term, viewer))
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
                    & (Q(expertise__icontains=phrase) | Q(_interest_title_contains(phrase))),
                    then=Value(Relevance.INTEREST.value),
                ),
                default=Value(Relevance.OTHER.value),
                output_field=IntegerField(),
            ),
        )
        order.append("relevance")
    order += ["user__last_name", "user__first_name", "pk"]
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


def people_map_counts(people: QuerySet[Profile], *, limit: int) -> list[tuple[Municipality, int]]:
    """(municipality, number of people) for the `limit` municipalities with most of
    `people`, for the map; two queries whatever the size."""
    counts = list(
        people.order_by()
        .exclude(municipality=None)
        .values("municipality")
        .annotate(people=Count("pk"))
        .order_by("-people", "municipality")[:limit]
    )
    municipalities = Municipality.objects.select_related("state").in_bulk(
        [row["municipality"] for row in counts]
    )
    return [
        (municipalities[row["municipality"]], row["people"])
        for row in counts
        if row["municipality"] in municipalities
    ]
