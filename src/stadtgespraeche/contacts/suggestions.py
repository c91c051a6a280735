"""Peer suggestions ("Gesprächspartner:innen") and organisers' group suggestions.

Matching is split in two: a query narrows the candidates in SQL (profiles sharing at least
one interest, annotated with the number of shared interests, ordered and limited to a few
hundred), then pure functions score them and put the reason into words. Only what the
viewer may see (`people.privacy`) is used: identity and interests must be visible, the
party is used and mentioned only if the mandates group is visible.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from stadtgespraeche.accounts.enums import Role
from stadtgespraeche.contacts.models import (
    Block,
    ContactRequest,
    ContactRequestStatus,
    HiddenSuggestion,
)
from stadtgespraeche.municipalities.population import band_label, population_band
from stadtgespraeche.people import privacy
from stadtgespraeche.people.enums import FieldGroup
from stadtgespraeche.people.models import Mandate, Profile
from stadtgespraeche.topics.models import Topic

# Candidates kept after the SQL step, and suggestions shown.
CANDIDATE_LIMIT = 300


PREFIX_LIMIT = 2_000


SUGGESTION_LIMIT = 12


TOPICS_NAMED = 3


# Score weights: shared topics dominate, then cross-party, then similar size.
WEIGHT_TOPIC = 12


WEIGHT_OTHER_PARTY = 6


WEIGHT_SAME_BAND = 4


WEIGHT_NEIGHBOUR_BAND = 1


Interests = Profile.interests.through


_OPEN = {"status__in": [ContactRequestStatus.PENDING, ContactRequestStatus.ACCEPTED]}


@dataclass(frozen=True)
class Candidate:
    """What the scoring knows of one candidate (only what the viewer may see)."""

    profile_id: int
    shared_topics: tuple[str, ...]
    parties: frozenset[str] = frozenset()  # empty if unknown or not visible to the viewer
    band: int | None = None


@dataclass(frozen=True)
class Suggestion:
    profile_id: int
    score: int
    reason: str
    profile: Any = None


def score(candidate: Candidate, *, own_parties: frozenset[str], own_band: int | None) -> int:
    value = WEIGHT_TOPIC * len(candidate.shared_topics)
    if own_parties and candidate.parties and not (own_parties & candidate.parties):
        value += WEIGHT_OTHER_PARTY
    if own_band is not None and candidate.band is not None:
        if candidate.band == own_band:
            value += WEIGHT_SAME_BAND
        elif abs(candidate.band - own_band) == 1:
            value += WEIGHT_NEIGHBOUR_BAND
    return value


def reason(candidate: Candidate, *, own_parties: frozenset[str], own_band: int | None) -> str:
    """E.g. "3 gemeinsame Themen: Open Data, Datenethik, … · andere Partei (GRÜNE) ·
    ähnliche Größe: 100–200 Tsd. Einwohner"."""
    count = len(candidate.shared_topics)
    named = ", ".join(candidate.shared_topics[:TOPICS_NAMED])
    if count > TOPICS_NAMED:
        named += ", …"
    parts = [
        ngettext(
            "%(count)s shared topic: %(topics)s",
            "%(count)s shared topics: %(topics)s",
            count,
        )
        % {"count": count, "topics": named}
    ]
    if own_parties and candidate.parties and not (own_parties & candidate.parties):
        parts.append(_("other party (%(party)s)") % {"party": ", ".join(sorted(candidate.parties))})
    elif own_parties and candidate.parties:
        parts.append(_("same party"))
    if own_band is not None and candidate.band == own_band:
        parts.append(_("similar size: %(band)s") % {"band": band_label(own_band)})
    return " · ".join(parts)


def rank(
    candidates: Iterable[Candidate],
    *,
    own_parties: frozenset[str],
    own_band: int | None,
    limit: int = SUGGESTION_LIMIT,
) -> list[Suggestion]:
    """The best `limit` candidates, best first (ties: more shared topics, then lower id)."""
    scored = [
        (score(c, own_parties=own_parties, own_band=own_band), len(c.shared_topics), c)
        for c in candidates
    ]
    scored.sort(key=lambda item: (-item[0], -item[1], item[2].profile_id))
    return [
        Suggestion(
            profile_id=c.profile_id,
            score=value,
            reason=reason(c, own_parties=own_parties, own_band=own_band),
        )
        for value, _count, c in scored[:limit]
    ]


def _current_mandates(today: date | None = None) -> QuerySet[Mandate]:
    today = today or timezone.localdate()
    return Mandate.objects.filter(Q(term_end__isnull=True) | Q(term_end__gte=today))


def party_names(profile_ids: Sequence[int]) -> dict[int, frozenset[str]]:
    """Short names of the parties of each profile's current mandates (one query)."""
    parties: dict[int, set[str]] = defaultdict(set)
    rows = (
        _current_mandates()
        .filter(profile_id__in=profile_ids, party__isnull=False)
        .values_list("profile_id", "party__short_name")
    )
    for profile_id, short_name in rows:
        parties[profile_id].add(short_name)
    return {key: frozenset(value) for key, value in parties.items()}


def _eligible_q(profile: Profile, viewer: Any, *, prefix: str = "") -> Q:
    """Other councillors (active, with a municipality other than `profile`'s) whose identity
    and interests `viewer` may see, neither blocked either way nor hidden by `viewer`, and not
    already a contact or asked for contact (they are in "Meine Kontakte")."""
    excluded = (
        Q(**{f"{prefix}user__in": Block.objects.filter(blocker=viewer).values("blocked")})
        | Q(**{f"{prefix}user__in": Block.objects.filter(blocked=viewer).values("blocker")})
        | Q(**{f"{prefix}user__in": HiddenSuggestion.objects.filter(user=viewer).values("hidden")})
        | Q(
            **{
                f"{prefix}user__in": ContactRequest.objects.filter(sender=viewer, **_OPEN).values(
                    "recipient"
                )
            }
        )
        | Q(
            **{
                f"{prefix}user__in": ContactRequest.objects.filter(
                    recipient=viewer, **_OPEN
                ).values("sender")
            }
        )
        | Q(**{f"{prefix}municipality": profile.municipality_id})
        | Q(**{f"{prefix}pk": profile.pk})
    )
    return (
        privacy.group_visible_q(FieldGroup.IDENTITY, viewer, prefix=prefix)
        & privacy.group_visible_q(FieldGroup.INTERESTS, viewer, prefix=prefix)
        & Q(
            **{
                f"{prefix}user__is_active": True,
                f"{prefix}user__role": Role.COUNCILLOR,
                f"{prefix}municipality__isnull": False,
            }
        )
        & ~excluded
    )


def _candidate_rows(profile: Profile, viewer: Any, topic_ids: list[int]) -> list[dict[str, Any]]:
    """SQL narrowing: other councillors' profiles sharing at least one interest, with the
    number of shared interests, best first, at most CANDIDATE_LIMIT.

    Two steps keep this fast at 200,000 profiles: count shared interests on the M2M table
    alone (no joins; its (profile, topic) index covers the query) for the best PREFIX_LIMIT
    profiles, then apply the eligibility filter (privacy, blocks, …) to those ids only. Most
    profiles are eligible; if too few of the prefix are, one joined query does it all."""
    ranked = list(
        Interests.objects.filter(topic_id__in=topic_ids)
        .values("profile_id")
        .annotate(shared=Count("topic_id"))
        .order_by("-shared", "profile_id")[:PREFIX_LIMIT]
    )
    shared = {row["profile_id"]: row["shared"] for row in ranked}
    eligible = Profile.objects.filter(_eligible_q(profile, viewer), pk__in=list(shared)).values(
        "pk", "municipality__population", "mandates_visibility"
    )
    rows = sorted(
        (
            {
                "profile_id": row["pk"],
                "population": row["municipality__population"],
                "mandates_visibility": row["mandates_visibility"],
                "shared": shared[row["pk"]],
            }
            for row in eligible
        ),
        key=lambda row: (-row["shared"], row["profile_id"]),
    )[:CANDIDATE_LIMIT]
    if len(rows) == CANDIDATE_LIMIT or len(ranked) < PREFIX_LIMIT:
        return rows
    joined = (
        Interests.objects.filter(_eligible_q(profile, viewer, prefix="profile__"))
        .filter(topic_id__in=topic_ids)
        .values("profile_id", "profile__municipality__population", "profile__mandates_visibility")
        .annotate(shared=Count("topic_id"))
        .order_by("-shared", "profile_id")[:CANDIDATE_LIMIT]
    )
    return [
        {
            "profile_id": row["profile_id"],
            "population": row["profile__municipality__population"],
            "mandates_visibility": row["profile__mandates_visibility"],
            "shared": row["shared"],
        }
        for row in joined
    ]


def peer_suggestions(
    profile: Profile, *, viewer: Any = None, limit: int = SUGGESTION_LIMIT
) -> list[Suggestion]:
    """Suggested peers for `profile`'s person, best first, each with its reason and the
    candidate's profile (user and municipality loaded). Constant number of queries."""
    viewer = viewer if viewer is not None else profile.user
    own_topics = dict(profile.interests.values_list("pk", "title"))
    if not own_topics or profile.municipality_id is None:
        return []
    rows = _candidate_rows(profile, viewer, list(own_topics))
    if not rows:
        return []
    ids = [row["profile_id"] for row in rows]
    shared: dict[int, list[str]] = defaultdict(list)
    for profile_id, topic_id in Interests.objects.filter(
        profile_id__in=ids, topic_id__in=list(own_topics)
    ).values_list("profile_id", "topic_id"):
        shared[profile_id].append(own_topics[topic_id])
    parties = party_names([*ids, profile.pk])
    level_values = privacy.visible_values(viewer)
    candidates = [
        Candidate(
            profile_id=row["profile_id"],
            shared_topics=tuple(sorted(shared[row["profile_id"]])),
            parties=(
                parties.get(row["profile_id"], frozenset())
                if row["mandates_visibility"] in level_values
                else frozenset()
            ),
            band=population_band(row["population"]),
        )
        for row in rows
    ]
    own_band = population_band(profile.municipality.population if profile.municipality else None)
    suggestions = rank(
        candidates, own_parties=parties.get(profile.pk, frozenset()), own_band=own_band, limit=limit
    )
    profiles = Profile.objects.select_related("user", "municipality").in_bulk(
        [s.profile_id for s in suggestions]
    )
    return [
        Suggestion(
            profile_id=s.profile_id, score=s.score, reason=s.reason, profile=profiles[s.profile_id]
        )
        for s in suggestions
    ]


def hidden_suggestions(user: Any) -> QuerySet[HiddenSuggestion]:
    return HiddenSuggestion.objects.filter(user=user).select_related(
        "hidden__profile", "hidden__profile__municipality"
    )


@dataclass(frozen=True)
class GroupMember:
    profile_id: int
    municipality_id: int
    party: str | None = None


@dataclass
class Group:
    members: list[GroupMember] = field(default_factory=list)
    capacity: int = 0

    @property
    def municipality_count(self) -> int:
        return len({m.municipality_id for m in self.members})

    @property
    def parties(self) -> list[str]:
        return sorted({m.party for m in self.members if m.party})

    @property
    def has_shared_municipality(self) -> bool:
        return self.municipality_count < len(self.members)


def form_groups(people: Sequence[GroupMember], *, size: int) -> list[Group]:
    """Greedy grouping: ceil(n / size) groups whose sizes differ by at most one (none larger
    than `size`); nobody shares a group with someone of the same municipality where that can
    be avoided, and parties are spread as widely as possible."""
    if not people or size < 1:
        return []
    count = -(-len(people) // size)
    base, extra = divmod(len(people), count)
    groups = [Group(capacity=base + (1 if index < extra else 0)) for index in range(count)]
    municipality_sizes = Counter(p.municipality_id for p in people)
    party_sizes = Counter(p.party for p in people)
    # Hardest first: people of large municipalities and frequent parties.
    ordered = sorted(
        people,
        key=lambda p: (-municipality_sizes[p.municipality_id], -party_sizes[p.party], p.profile_id),
    )
    for person in ordered:
        open_groups = [g for g in groups if len(g.members) < g.capacity]

        def penalty(group: Group, person: GroupMember = person) -> tuple[int, int, int]:
            same_place = sum(m.municipality_id == person.municipality_id for m in group.members)
            same_party = sum(
                person.party is not None and m.party == person.party for m in group.members
            )
            return (same_place, same_party, len(group.members))

        best = min(open_groups, key=penalty)
        best.members.append(person)
    return groups


def group_reason(group: Group, *, topic: str) -> str:
    parts = [
        _("all interested in %(topic)s") % {"topic": topic},
        ngettext("%(count)s municipality", "%(count)s municipalities", group.municipality_count)
        % {"count": group.municipality_count},
    ]
    if group.parties:
        parts.append(
            ngettext("%(count)s party", "%(count)s parties", len(group.parties))
            % {"count": len(group.parties)}
            + f" ({', '.join(group.parties)})"
        )
    if group.has_shared_municipality:
        parts.append(_("two people from the same municipality (not avoidable)"))
    return " · ".join(parts)


@dataclass(frozen=True)
class GroupSuggestion:
    members: list[tuple[Profile, str]]  # each profile with its party ("" if none or hidden)
    reason: str


def suggested_groups(topic: Topic, *, size: int, viewer: Any) -> list[GroupSuggestion]:
    """Groups of councillors interested in `topic` (organisers see all profiles)."""
    visible = privacy.group_visible_q(FieldGroup.IDENTITY, viewer) & privacy.group_visible_q(
        FieldGroup.INTERESTS, viewer
    )
    profiles = list(
        Profile.objects.filter(
            visible,
            interests=topic,
            user__is_active=True,
            user__role=Role.COUNCILLOR,
            municipality__isnull=False,
        )
        .select_related("user", "municipality")
        .order_by("pk")
    )
    by_id = {p.pk: p for p in profiles}
    parties = party_names(list(by_id))
    level_values = privacy.visible_values(viewer)
    shown_party = {
        p.pk: min(parties[p.pk])
        for p in profiles
        if p.pk in parties and (p.mandates_visibility in level_values or p.user_id == viewer.pk)
    }
    people = [
        GroupMember(
            profile_id=p.pk, municipality_id=p.municipality_id or 0, party=shown_party.get(p.pk)
        )
        for p in profiles
    ]
    return [
        GroupSuggestion(
            members=[(by_id[m.profile_id], m.party or "") for m in group.members],
            reason=group_reason(group, topic=topic.title),
        )
        for group in form_groups(people, size=size)
    ]
