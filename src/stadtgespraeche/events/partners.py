"""Partner municipalities suggested to organisers when they plan a Stadtgespräch.

Candidates are the members of the event's series, except the municipalities already hosting
or co-hosting it. Each is compared with the event's *anchor* (its first host, else the
series' organising municipality) on three grounds, and the reason is put into words:

- similar size: the same population band as the anchor (or a neighbouring one);
- project phase: the same Modellprojekte-Smart-Cities cohort year (or a neighbouring one);
- shared interests: topics of the event, or interests of the anchor's councillors, that
  councillors of the candidate are interested in — counted only from profiles whose
  interests the viewer may see (`people.privacy`).

E.g. "ähnliche Größe: 100–200 Tsd. Einwohner · Staffel 2020 · 3 gemeinsame Themen".
Reads only; a fixed number of queries whatever the number of members.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from stadtgespraeche.events.models import Event
from stadtgespraeche.municipalities.models import Municipality, SmartCityProject
from stadtgespraeche.municipalities.population import band_label, population_band
from stadtgespraeche.network import queries as network_queries
from stadtgespraeche.people import privacy
from stadtgespraeche.people.enums import FieldGroup
from stadtgespraeche.people.models import Profile

SUGGESTION_LIMIT = 8
WEIGHT_SAME_BAND = 4
WEIGHT_NEIGHBOUR_BAND = 1
WEIGHT_SAME_COHORT = 3
WEIGHT_NEIGHBOUR_COHORT = 1
WEIGHT_SHARED_TOPIC = 2


@dataclass(frozen=True)
class PartnerSuggestion:
    municipality: Municipality
    score: int
    reason: str
    shared_topics: tuple[str, ...]


def _anchor(event: Event) -> Municipality | None:
    host = event.hosts.order_by("name").first()
    return host or event.series.organiser_municipality


def _cohort_years(municipality: Municipality) -> set[int]:
    return {project.cohort_year for project in municipality.smart_city_projects.all()}


def _interest_topics(municipality_ids: Iterable[int], viewer: Any) -> dict[int, dict[int, str]]:
    """{municipality id: {topic id: title}} of the interests of active people there, as far
    as the viewer may see interests."""
    rows = (
        Profile.objects.filter(municipality_id__in=list(municipality_ids), user__is_active=True)
        .filter(privacy.group_visible_q(FieldGroup.INTERESTS, viewer))
        .filter(interests__isnull=False)
        .values_list("municipality_id", "interests__id", "interests__title")
        .distinct()
    )
    found: dict[int, dict[int, str]] = defaultdict(dict)
    for municipality_id, topic_id, title in rows:
        found[municipality_id][topic_id] = title
    return found


def _size_part(candidate_band: int | None, anchor_band: int | None) -> tuple[int, str]:
    if candidate_band is None or anchor_band is None:
        return 0, ""
    if candidate_band == anchor_band:
        return WEIGHT_SAME_BAND, _("similar size: %(band)s") % {"band": band_label(candidate_band)}
    if abs(candidate_band - anchor_band) == 1:
        return WEIGHT_NEIGHBOUR_BAND, _("neighbouring size: %(band)s") % {
            "band": band_label(candidate_band)
        }
    return 0, ""


def _cohort_part(candidate_years: set[int], anchor_years: set[int]) -> tuple[int, str]:
    same = sorted(candidate_years & anchor_years)
    if same:
        return WEIGHT_SAME_COHORT, _("cohort %(year)s") % {"year": same[0]}
    near = sorted(
        year for year in candidate_years if any(abs(year - own) == 1 for own in anchor_years)
    )
    if near:
        return WEIGHT_NEIGHBOUR_COHORT, _("neighbouring cohort %(year)s") % {"year": near[0]}
    return 0, ""


def partner_suggestions(
    event: Event, *, viewer: Any, limit: int = SUGGESTION_LIMIT
) -> list[PartnerSuggestion]:
    """The best partner municipalities for `event`, best first (ties by name)."""
    anchor = _anchor(event)
    taken = {m.pk for m in event.hosts.all()} | {m.pk for m in event.co_hosts.all()}
    if anchor is not None:
        taken.add(anchor.pk)
    projects = Prefetch(
        "smart_city_projects", queryset=SmartCityProject.objects.only("cohort_year")
    )
    candidates = list(
        network_queries.member_municipalities(event.series)
        .exclude(pk__in=taken)
        .prefetch_related(projects)
    )
    if not candidates:
        return []
    anchor_band = population_band(anchor.population) if anchor else None
    anchor_years: set[int] = set()
    if anchor is not None:
        anchor_years = set(
            SmartCityProject.objects.filter(members=anchor).values_list("cohort_year", flat=True)
        )
    interests = _interest_topics(
        [c.pk for c in candidates] + ([anchor.pk] if anchor else []), viewer
    )
    reference = dict(event.topics.values_list("pk", "title"))
    if anchor is not None:
        reference.update(interests.get(anchor.pk, {}))

    suggestions = []
    for candidate in candidates:
        parts: list[str] = []
        score = 0
        for weight, text in (
            _size_part(population_band(candidate.population), anchor_band),
            _cohort_part(_cohort_years(candidate), anchor_years),
        ):
            score += weight
            if text:
                parts.append(text)
        shared = sorted(
            title for pk, title in interests.get(candidate.pk, {}).items() if pk in reference
        )
        if shared:
            score += WEIGHT_SHARED_TOPIC * len(shared)
            parts.append(
                ngettext("%(count)s shared topic", "%(count)s shared topics", len(shared))
                % {"count": len(shared)}
            )
        if score:
            suggestions.append(
                PartnerSuggestion(candidate, score, " · ".join(parts), tuple(shared))
            )
    suggestions.sort(key=lambda s: (-s.score, s.municipality.name))
    return suggestions[:limit]
