"""Visibility and filter tokens: what a document carries and what a viewer may match.

A document visible to audience levels min_level..max_level gets one token per level
(`l0` public, `l1` network, `l2` organisers) and one per reader (`u<user id>`); filter
values become `k<kind>`, `y<year>`, `m<municipality id>`, `t<topic id>`. A query requires
one of the viewer's tokens (`l<level>` or `u<own id>`) and every chosen filter token, so
the full-text engine itself only ever returns what the viewer may see.
"""

from typing import Any

from stadtgespraeche.directory import privacy
from stadtgespraeche.directory.enums import Visibility

from .backends.base import TagGroups
from .enums import Level

_LEVELS = {
    Visibility.PUBLIC: Level.PUBLIC,
    Visibility.NETWORK: Level.NETWORK,
    Visibility.ORGANISERS: Level.ORGANISERS,
}


def viewer_level(viewer: Any) -> int:
    return _LEVELS[privacy.viewer_level(viewer)]


def document_tokens(
    *,
    min_level: int,
    max_level: int,
    readers: set[int],
    kind: str,
    year: int | None,
    municipality_ids: set[int],
    topic_ids: set[int],
) -> list[str]:
    tokens = [f"l{level}" for level in range(min_level, min(max_level, Level.ORGANISERS) + 1)]
    tokens += [f"u{pk}" for pk in sorted(readers)]
    tokens.append(f"k{kind}")
    if year:
        tokens.append(f"y{year}")
    tokens += [f"m{pk}" for pk in sorted(municipality_ids)]
    tokens += [f"t{pk}" for pk in sorted(topic_ids)]
    return tokens


def viewer_groups(
    viewer: Any,
    *,
    kind: str = "",
    year: int | None = None,
    municipality: int | None = None,
    topic: int | None = None,
) -> TagGroups:
    """The token groups a query must match: visibility, then the chosen filters."""
    visible = [f"l{viewer_level(viewer)}"]
    if getattr(viewer, "is_authenticated", False) and getattr(viewer, "is_active", False):
        visible.append(f"u{viewer.pk}")
    groups = [visible]
    if kind:
        groups.append([f"k{kind}"])
    if year:
        groups.append([f"y{year}"])
    if municipality:
        groups.append([f"m{municipality}"])
    if topic:
        groups.append([f"t{topic}"])
    return groups
