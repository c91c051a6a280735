"""Reads of the knowledge base: visibility, the faceted list, versions and their diff."""

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.accounts.models import User
from stadtgespraeche.municipalities.models import Municipality, State
from stadtgespraeche.municipalities.population import POPULATION_BANDS, band_label
from stadtgespraeche.people.queries import coordinated_municipalities
from stadtgespraeche.topics.models import Topic

from .enums import TEXT_FIELDS, EditorialState, PracticeStatus
from .models import Practice, PracticeVersion


def _is_member(viewer: Any) -> bool:
    return bool(getattr(viewer, "is_authenticated", False) and getattr(viewer, "is_active", False))


def is_reviewer(viewer: Any, practice: Practice) -> bool:
    """Organisers, and coordinators of one of the practice's municipalities, review it."""
    if not _is_member(viewer):
        return False
    if viewer.is_organiser:
        return True
    return practice.municipalities.filter(
        pk__in=coordinated_municipalities(viewer).values("pk")
    ).exists()


def visible_practices(viewer: Any) -> QuerySet[Practice]:
    """Published practices, plus unpublished ones the viewer wrote or reviews."""
    practices = Practice.objects.all()
    if not _is_member(viewer):
        return practices.filter(state=EditorialState.PUBLISHED)
    if viewer.is_organiser:
        return practices
    reviewed = Practice.objects.filter(
        municipalities__in=coordinated_municipalities(viewer).values("pk")
    ).values("pk")
    return practices.filter(
        Q(state=EditorialState.PUBLISHED) | Q(author=viewer) | Q(pk__in=reviewed)
    )


def practice_for(slug: str, viewer: Any) -> Practice | None:
    return (
        visible_practices(viewer)
        .select_related("author", "contact", "reviewed_by")
        .prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.select_related("state")),
            "topics",
        )
        .filter(slug=slug)
        .first()
    )


def review_queue(viewer: Any) -> QuerySet[Practice]:
    """Practices waiting for this viewer's review (organisers: all)."""
    waiting = Practice.objects.filter(state=EditorialState.IN_REVIEW)
    if not _is_member(viewer):
        return waiting.none()
    if not viewer.is_organiser:
        waiting = waiting.filter(
            pk__in=Practice.objects.filter(
                municipalities__in=coordinated_municipalities(viewer).values("pk")
            ).values("pk")
        )
    return (
        waiting.select_related("author")
        .prefetch_related("municipalities")
        .order_by("submitted_at", "pk")
    )


def written_by(viewer: User) -> QuerySet[Practice]:
    return (
        Practice.objects.filter(author=viewer)
        .prefetch_related("municipalities")
        .order_by("-updated_at", "pk")
    )


# --- The faceted list ---------------------------------------------------------------------

FACETS = ("topic", "state", "band", "status", "year")


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetedList:
    practices: QuerySet[Practice]
    total: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)


def _band_case(prefix: str = "municipalities__") -> Case:
    whens = [
        When(**{f"{prefix}population__lt": bound}, then=Value(index))
        for index, bound in enumerate(POPULATION_BANDS)
    ]
    return Case(
        When(**{f"{prefix}population__isnull": True}, then=Value(None)),
        *whens,
        default=Value(len(POPULATION_BANDS)),
        output_field=IntegerField(),
    )


def _band_q(band: int) -> Q:
    low = POPULATION_BANDS[band - 1] if band > 0 else 0
    condition = Q(municipalities__population__gte=low)
    if band < len(POPULATION_BANDS):
        condition &= Q(municipalities__population__lt=POPULATION_BANDS[band])
    return condition


def _filter_q(name: str, value: str) -> Q | None:
    """The condition of one selected facet value, or None if the value is not valid."""
    if name == "topic":
        return Q(topics__slug=value)
    if name == "state" and value.isdigit():
        return Q(municipalities__state__pk=int(value))
    if name == "band" and value.isdigit() and int(value) <= len(POPULATION_BANDS):
        return _band_q(int(value))
    if name == "status" and value in PracticeStatus.values:
        return Q(status=value)
    if name == "year" and value.isdigit():
        return Q(started_in=int(value))
    return None


def _filtered(base: QuerySet[Practice], selected: dict[str, str], skip: str = "") -> QuerySet:
    matching = base
    for name, value in selected.items():
        if name == skip:
            continue
        condition = _filter_q(name, value)
        if condition is not None:
            # Each facet filters on its own pk subquery, so m2m joins never multiply rows.
            matching = matching.filter(pk__in=Practice.objects.filter(condition).values("pk"))
    return matching


def clean_selection(raw: dict[str, str]) -> dict[str, str]:
    """Only known facets with valid values (unknown values are ignored, never a 500)."""
    return {
        name: value
        for name in FACETS
        if (value := str(raw.get(name, "")).strip()) and _filter_q(name, value) is not None
    }


def _counts(queryset: QuerySet, expression: Any) -> dict[Any, int]:
    rows = (
        queryset.order_by()
        .annotate(facet=expression)
        .values("facet")
        .annotate(n=Count("pk", distinct=True))
    )
    return {row["facet"]: row["n"] for row in rows if row["facet"] is not None}


def faceted_practices(selected: dict[str, str]) -> FacetedList:
    """Published practices matching `selected`, with the count of each facet value.

    A value's count is the number of practices the list would show if that value were
    chosen for its facet, with every other facet's selection kept (a practice with two
    municipalities in the same state counts once).
    """
    base = Practice.objects.filter(state=EditorialState.PUBLISHED)
    practices = _filtered(base, selected)
    facets: dict[str, list[FacetValue]] = {}

    topic_counts = _counts(_filtered(base, selected, "topic"), F("topics__slug"))
    topics = Topic.objects.filter(slug__in=topic_counts).order_by("title")
    facets["topic"] = [
        FacetValue(t.slug, t.title, topic_counts[t.slug], selected.get("topic") == t.slug)
        for t in topics
    ]
    state_counts = _counts(_filtered(base, selected, "state"), F("municipalities__state__pk"))
    states = State.objects.filter(pk__in=state_counts).order_by("name")
    facets["state"] = [
        FacetValue(str(s.pk), s.name, state_counts[s.pk], selected.get("state") == str(s.pk))
        for s in states
    ]
    band_counts = _counts(_filtered(base, selected, "band"), _band_case())
    facets["band"] = [
        FacetValue(str(b), band_label(b), band_counts[b], selected.get("band") == str(b))
        for b in sorted(band_counts)
    ]
    status_counts = _counts(_filtered(base, selected, "status"), F("status"))
    facets["status"] = [
        FacetValue(s.value, str(s.label), status_counts[s.value], selected.get("status") == s.value)
        for s in PracticeStatus
        if s.value in status_counts
    ]
    year_counts = _counts(_filtered(base, selected, "year"), F("started_in"))
    facets["year"] = [
        FacetValue(str(y), str(y), year_counts[y], selected.get("year") == str(y))
        for y in sorted(year_counts, reverse=True)
    ]
    listed = practices.prefetch_related("municipalities", "topics").order_by("-published_at", "pk")
    return FacetedList(practices=listed, total=practices.count(), facets=facets)


FACET_LABELS = {
    "topic": _("Topic"),
    "state": _("State"),
    "band": _("Size"),
    "status": _("Status"),
    "year": _("Started"),
}


# --- Versions ------------------------------------------------------------------------------


def versions_of(practice: Practice) -> QuerySet[PracticeVersion]:
    return practice.versions.select_related("author")


@dataclass(frozen=True)
class FieldDiff:
    name: str
    label: str
    # (operation, text) with operation "equal", "insert" or "delete"
    segments: list[tuple[str, str]]


def _as_text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)


_TOKENS = re.compile(r"\s+|[^\s]+")


def _word_diff(old: str, new: str) -> list[tuple[str, str]]:
    before, after = _TOKENS.findall(old), _TOKENS.findall(new)
    segments: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            segments.append(("equal", "".join(before[a1:a2])))
            continue
        if a2 > a1:
            segments.append(("delete", "".join(before[a1:a2])))
        if b2 > b1:
            segments.append(("insert", "".join(after[b1:b2])))
    return segments


DIFF_FIELDS: tuple[str, ...] = (*TEXT_FIELDS, "status", "started_in", "municipalities", "topics")


def diff_versions(
    older: PracticeVersion | None, newer: PracticeVersion, labels: dict[str, str]
) -> list[FieldDiff]:
    """What changed from `older` to `newer`, field by field, as word-level segments."""
    before = older.content if older else {}
    changes = []
    for name in DIFF_FIELDS:
        old, new = _as_text(before.get(name)), _as_text(newer.content.get(name))
        if old != new:
            changes.append(FieldDiff(name, labels.get(name, name), _word_diff(old, new)))
    return changes


def published_for_topic(topic: Topic, *, limit: int = 10) -> list[Practice]:
    """The newest published practices on `topic` (for the topic page)."""
    return list(
        Practice.objects.filter(state=EditorialState.PUBLISHED, topics=topic)
        .prefetch_related("municipalities")
        .order_by("-published_at", "pk")[:limit]
    )
