"""The port through which the people directory's free text reads the full-text index.

`search` is a view-level app (docs/architecture.md) and `people` may not import it, yet
the directory's free text must use the platform's one search index (German stems, compound
parts, umlauts and gender forms; issue 15) instead of `LIKE` over every profile. So
`search` registers, in its `AppConfig.ready()`, one matcher:

    text_search.register(matcher)

A matcher takes (viewer, text, limit) and returns the ids of at most `limit` profiles
whose index document for the viewer's audience matches every word of `text` (the last one
also as the start of a word). People are indexed once per audience with only the field
groups that audience may see (search.providers.people), so a hidden field never makes a
person findable. Without a registered matcher (`search` not installed) the directory
falls back to `LIKE` (people.queries).
"""

from collections.abc import Callable
from typing import Any

Matcher = Callable[[Any, str, int], list[int]]

_matcher: list[Matcher] = []


def register(matcher: Matcher) -> None:
    """Register (or replace) the matcher."""
    _matcher[:] = [matcher]


def unregister() -> None:
    _matcher.clear()


def matcher() -> Matcher | None:
    return _matcher[0] if _matcher else None
