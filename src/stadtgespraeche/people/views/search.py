"""The people directory: find councillors and coordinators of the network (everyone may
look; what a visitor finds and sees is decided by people.privacy)."""

from dataclasses import dataclass
from math import ceil
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import cached_property
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from stadtgespraeche.core.htmx import template_for
from stadtgespraeche.people import counts as directory_counts
from stadtgespraeche.people import queries
from stadtgespraeche.people.forms.search import PeopleSearchForm
from stadtgespraeche.people.models import Profile
from stadtgespraeche.people.privacy import viewer_level, visible_groups

PER_PAGE = 20
MAP_LIMIT = 100  # municipalities drawn on the map (the most results first)
# Pages offered: the first PEOPLE_TEXT_LIMIT (2,000) people of any search. A page further
# on would read (and skip) every row before it; the filters narrow a search instead.
MAX_PAGES = queries.PEOPLE_TEXT_LIMIT // PER_PAGE


class CountedPaginator(Paginator):
    """A paginator told the number of objects (counted with the map, in the same pass) and
    offering at most `max_pages` pages (a later page number shows the last of them)."""

    def __init__(
        self, object_list: Any, per_page: int, *, count: int, max_pages: int | None = None
    ) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count
        self._max_pages = max_pages

    @cached_property
    def count(self) -> int:
        return self._known_count

    @cached_property
    def num_pages(self) -> int:
        if self.count == 0 and not self.allow_empty_first_page:
            return 0
        pages = ceil(max(1, self.count - self.orphans) / self.per_page)
        return min(pages, self._max_pages) if self._max_pages else pages


@dataclass(frozen=True)
class PersonRow:
    """One result with the field groups the viewer may see."""

    profile: Profile
    groups: frozenset[str]

    @property
    def mandates(self) -> list:
        return list(self.profile.mandates.all()) if "mandates" in self.groups else []

    @property
    def interests(self) -> list:
        return list(self.profile.interests.all()) if "interests" in self.groups else []


@require_GET
def people(request: HttpRequest) -> HttpResponse:
    form = PeopleSearchForm(request.GET)
    form.is_valid()  # invalid fields are reported and ignored, the others still filter
    filters = form.filters()
    viewer = request.user
    matches = queries.match_text(viewer, filters["text"])
    results = queries.search_people(viewer, matches=matches, **filters)
    counts = directory_counts.directory_counts(
        viewer, results, filters=filters, map_limit=MAP_LIMIT
    )
    paginator = CountedPaginator(results, PER_PAGE, count=counts.total, max_pages=MAX_PAGES)
    page_obj = paginator.get_page(request.GET.get("page"))
    rows = [PersonRow(profile, visible_groups(profile, viewer)) for profile in page_obj]
    map_items = [
        (
            municipality,
            ngettext("%(count)d person", "%(count)d people", count) % {"count": count},
        )
        for municipality, count in counts.by_municipality
    ]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page_obj": page_obj,
        "rows": rows,
        "map_items": map_items,
        "map_limited": len(map_items) >= MAP_LIMIT,
        "map_limit": MAP_LIMIT,
        "query_string": query.urlencode(),
        "filtered": any(filters.values()),
        # More people than the page offers: free text found more than it reads, or the
        # pages stop before the last person.
        "more_than_found": bool(matches and matches.more),
        "shown_limit": MAX_PAGES * PER_PAGE,
        "pages_limited": bool(matches and matches.more) or counts.total > MAX_PAGES * PER_PAGE,
        "has_query": bool(query),
        "is_public_view": viewer_level(viewer) == "public",
    }
    return render(request, template_for(request, "people/people_search.html", "results"), context)
