from collections.abc import Sequence

from .. import german
from ..query import ParsedQuery

# (document id, title text, body text) – original text; the backend normalises it.
Row = tuple[int, str, str]


def normalised(text: str) -> tuple[str, str]:
    """The stems of `text` and the reversed stems, each as a space-separated string."""
    stems = german.stems(text)
    return " ".join(stems), " ".join(german.reverse(stem) for stem in stems)


class Backend:
    vendor = ""

    def write(self, rows: Sequence[Row]) -> None:
        raise NotImplementedError

    def delete(self, ids: Sequence[int]) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def match(self, parsed: ParsedQuery) -> tuple[str, str, list[object], str]:
        raise NotImplementedError
