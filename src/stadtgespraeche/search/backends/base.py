from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

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
    """The stems of `text` and the stems of its compound parts (german.parts), each as a
    space-separated string."""
    stems, parts = german.stems_and_parts(text)
    return " ".join(stems), " ".join(parts)


class Candidate(NamedTuple):
    """A visible matching document of a window: its rank (lower is better) and the columns
    that order and count it. `date` only needs to sort in time order: seconds since the epoch
    on PostgreSQL, the stored text on SQLite (None: no date)."""

    id: int
    rank: float
    date: Any
    kind: str
    year: int | None


@dataclass
class Window:
    """The newest visible matches, newest first. `matches` counts the matches the reads went
    through, visible or not: all of them when fewer than the window's size exist, otherwise
    at least the size (None: not counted by this backend)."""

    candidates: list[Candidate]
    matches: int | None = None


class Backend:
    vendor = ""
    # Whether `window` counts the matches it reads (Window.matches).
    counts_matches = False

    def write(self, rows: Sequence[Row]) -> None:
        raise NotImplementedError

    def delete(self, ids: Sequence[int]) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def is_frequent(self, term: str, threshold: int) -> bool:
        """Whether the whole word `term` alone has at least `threshold` matches (visible or
        not: a cost decision that is the same for every viewer)."""
        raise NotImplementedError

    def window(
        self, parsed: ParsedQuery, groups: TagGroups, visible: Visible, *, size: int
    ) -> Window:
        """The `size` newest matches that the viewer may see (highest ids: ids follow the
        content date, services.document_id), newest first,
        each with its rank: the one read of the full-text index per query and filters."""
        raise NotImplementedError

    def ids_sql(self, ids: Sequence[int]) -> tuple[str, list[Any]]:
        """A subquery selecting `ids` as the column `id` (to join a window's documents)."""
        raise NotImplementedError
