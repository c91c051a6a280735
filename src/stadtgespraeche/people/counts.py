"""The directory's counts (paginator total and map), from the cache.

Without free text the counts depend only on the viewer's level (public, network,
organisers) and the chosen filters (municipality, state, party, faction, body, topic): a
grouped count over every visible profile that cost most of the people page at 200,000
councillors (issue 15). They are kept per level and combination of filters under a
version that the directory's writes bump (`forget`: a profile created, changed or erased,
a visibility or a mandate changed), so the next page counts afresh; entries also expire
after `SECONDS`, which bounds how long a change made outside this app (an account
deactivated or activated in accounts, a municipality renamed) takes to show in the
numbers. The people of a page are read live; the paginator trusts the count, so for that
long the last page can miss a newly activated account or show one result fewer than
counted. Free text is counted live: it finds at most PEOPLE_TEXT_LIMIT people
(people.queries), so its count is cheap.
"""

import hashlib
import uuid
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import QuerySet

from stadtgespraeche.people.models import Profile
from stadtgespraeche.people.privacy import viewer_level, visible_values
from stadtgespraeche.people.queries import PeopleCounts, count_people

SECONDS = 300
_VERSION_KEY = "people:directory-counts:version"


def _counted_like_their_level(viewer: Any) -> bool:
    """Whether `viewer` sees exactly what everyone of their level sees. The own profile is
    always listed to its owner, so a person whose name is hidden from their own level
    counts one more than the others and is counted alone."""
    if not getattr(viewer, "is_authenticated", False):
        return True
    identity = (
        Profile.objects.filter(user=viewer).values_list("identity_visibility", flat=True).first()
    )
    return identity is None or identity in visible_values(viewer)


def _filters_key(filters: dict[str, Any]) -> str:
    """A short, stable cache-key part for the chosen filters (objects by their pk)."""
    parts = sorted(
        f"{name}={getattr(value, 'pk', value)}" for name, value in filters.items() if value
    )
    return hashlib.sha256("&".join(parts).encode()).hexdigest()[:24]


def directory_counts(
    viewer: Any, people: QuerySet[Profile], *, filters: dict[str, Any], map_limit: int
) -> PeopleCounts:
    """Counts of `people` (the viewer's search results with `filters`, the keyword
    arguments of queries.search_people): cached per level and filters unless free text."""
    if filters.get("text") or not _counted_like_their_level(viewer):
        return count_people(people, map_limit=map_limit)
    version = cache.get(_VERSION_KEY) or "0"
    key = (
        f"people:directory-counts:{version}:{viewer_level(viewer)}:{map_limit}:"
        f"{_filters_key(filters)}"
    )
    counts = cache.get(key)
    if counts is None:
        counts = count_people(people, map_limit=map_limit)
        cache.set(key, counts, SECONDS)
    return counts


def _bump() -> None:
    cache.set(_VERSION_KEY, uuid.uuid4().hex, None)


def forget() -> None:
    """After a write that changes who is listed where: count afresh on the next page.

    Bumped at once and again after the commit, so a page that counted the old state while
    the write was in flight cannot keep its numbers under the new version.
    """
    _bump()
    transaction.on_commit(_bump)
