"""Highlighted snippets built in Python from the original text: escape, then mark.

The index holds stems, so the words to mark are found by stemming the original words and
comparing with the query's stems (whole word, compound head or modifier)."""

import functools
import html
import re
from collections import deque

from django.utils.safestring import SafeString, mark_safe

from . import german
from .query import ParsedQuery, matches_compound

_TOKEN = re.compile(r"[^\W_]+(?:[:*_/][^\W_]+)?")
SNIPPET_WORDS = 30


@functools.lru_cache(maxsize=65536)
def _stem_of(word: str) -> tuple[str, tuple[str, ...]] | None:
    """The stem of one word of the text and the stems of its compound parts (None for a
    stop word); words repeat a lot."""
    folded = german.words(word)
    return (german.stem(folded[0]), german.parts(folded[0])) if folded else None


def _word_matches(word: str, stems: set[str], prefix_last: str | None) -> bool:
    found = _stem_of(word)
    if found is None:
        return False
    word_stem, parts = found
    for stem in stems:
        if word_stem == stem:
            return True
        if matches_compound(stem) and (
            word_stem.startswith(stem) or any(part.startswith(stem) for part in parts)
        ):
            return True
    return bool(prefix_last and word_stem.startswith(prefix_last))


class Matcher:
    """Whether a word of a text is a hit of `parsed`, remembered per word form: the hits of a
    page (titles and bodies of 20 documents) share one matcher, so each distinct word is
    stemmed and compared once per page."""

    def __init__(self, parsed: ParsedQuery) -> None:
        self.stems = parsed.all_stems
        self.prefix_last = parsed.terms[-1] if parsed.prefix_last and parsed.terms else None
        self.known: dict[str, bool] = {}

    def __call__(self, word: str) -> bool:
        try:
            return self.known[word]
        except KeyError:
            found = self.known[word] = _word_matches(word, self.stems, self.prefix_last)
            return found


def highlight(
    text: str, parsed: ParsedQuery, *, words: int = SNIPPET_WORDS, matcher: Matcher | None = None
) -> SafeString:
    """A window of about `words` words of `text` around the first hit, HTML-escaped, with
    hits wrapped in <mark>. Without a hit: the beginning of the text. The text is read only
    up to the end of the window (the words before a hit are kept in a short queue), not
    split into all its words."""
    matches = matcher or Matcher(parsed)
    before = words // 3
    tokens = _TOKEN.finditer(text)
    head: list[re.Match[str]] = []  # the first `words` tokens: the snippet without a hit
    recent: deque[re.Match[str]] = deque(maxlen=before)
    count = 0
    window: list[re.Match[str]] | None = None
    for token in tokens:
        if count < words:
            head.append(token)
        if matches(token.group()):
            window = [*recent, token]
            start = count - len(recent)
            break
        recent.append(token)
        count += 1
    if window is None:
        if not head:
            return mark_safe("")
        window, start = head, 0
        more = count > len(head)
    else:
        for token in tokens:
            if len(window) == words:
                more = True
                break
            window.append(token)
        else:
            more = False
    # Escaped in runs between the hits (escaping is per character, so the result is the
    # same as escaping word by word).
    pieces = []
    position = window[0].start() if start > 0 else 0
    for token in window:
        if matches(token.group()):
            pieces.append(html.escape(text[position : token.start()]))
            pieces.append(f"<mark>{html.escape(token.group())}</mark>")
            position = token.end()
    pieces.append(html.escape(text[position : len(text) if not more else window[-1].end()]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if more else ""
    return mark_safe(prefix + "".join(pieces).strip() + suffix)
