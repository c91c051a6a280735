from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .. import german
from ..query import ParsedQuery

# Filter values are indexed as *tokens* of a separate column (search.access), so that the
# full-text engine intersects a selective filter with the words itself.
TagGroups = list[list[str]]  # AND of OR-groups of tokens
Visible = tuple[str, list[Any]]  # SQL condition on `d` (the document row) and its params


@dataclass
class Row:
    id: int
    title: str
    body: str
    tags: list[str]


def normalised(text: str) -> tuple[str, str]:
    """The stems of `text` and the reversed stems, each as a space-separated string."""
    stems = german.stems(text)
    return " ".join(stems), " ".join(german.reverse(stem) for stem in stems)


# Ranking looks at no more than this many matches: for words found in more documents, the
# RANK_WINDOW most recently indexed matches are ranked (bounded latency at any size).
RANK_WINDOW = 2000
# Totals and facets count at most this many matches ("more than 10,000 results").
COUNT_LIMIT = 10_000


class Backend:
    vendor = ""

    def write(self, rows: Sequence[Row]) -> None:
        raise NotImplementedError

    def delete(self, ids: Sequence[int]) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def is_frequent(self, term: str) -> bool:
        """Whether the whole word `term` alone has at least RANK_WINDOW matches."""
        raise NotImplementedError

    def ranked_ids(
        self, parsed: ParsedQuery, groups: TagGroups, visible: Visible, *, limit: int, offset: int
    ) -> list[int]:
        """Ids of visible matching documents, best first (ties: newest date first)."""
        raise NotImplementedError

    def matches_sql(
        self, parsed: ParsedQuery, groups: TagGroups, visible: Visible, *, cap: int
    ) -> tuple[str, list[Any]]:
        """A subquery selecting the `id` of at most `cap` visible matching documents."""
        raise NotImplementedError
