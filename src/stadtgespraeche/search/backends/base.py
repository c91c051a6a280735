from collections.abc import Sequence
from dataclasses import dataclass

from .. import german
from ..query import ParsedQuery

# Visibility and filter values are indexed as *tokens* of a separate column, so that the
# full-text engine intersects them with the words (no join, selective filters are cheap):
#   l0 l1 l2   audience levels that see the document     u<id>  a reader (access list)
#   k<kind>    result type    y<year>    m<municipality id>    t<topic id>
TagGroups = list[list[str]]  # AND of OR-groups of tokens


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
# most recently indexed RANK_WINDOW matches are ranked (bounded latency at any size).
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

    def ranked_ids(
        self, parsed: ParsedQuery, groups: TagGroups, *, limit: int, offset: int = 0
    ) -> list[int]:
        """Ids of matching documents, best first (ties: newest date first)."""
        raise NotImplementedError

    def matches_sql(
        self, parsed: ParsedQuery, groups: TagGroups, *, cap: int
    ) -> tuple[str, list[object]]:
        """A subquery selecting the `id` of at most `cap` matching documents."""
        raise NotImplementedError
