"""Highlighted snippets built in Python from the original text: escape, then mark.

The index holds stems, so the words to mark are found by stemming the original words and
comparing with the query's stems (whole word, compound head or modifier)."""

import functools
import re

from django.utils.html import escape
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


def highlight(text: str, parsed: ParsedQuery, *, words: int = SNIPPET_WORDS) -> SafeString:
    """A window of about `words` words of `text` around the first hit, HTML-escaped, with
    hits wrapped in <mark>. Without a hit: the beginning of the text."""
    stems = parsed.all_stems
    prefix_last = parsed.terms[-1] if parsed.prefix_last and parsed.terms else None
    tokens = list(_TOKEN.finditer(text))
    if not tokens:
        return mark_safe("")
    first = next(
        (
            index
            for index, token in enumerate(tokens)
            if _word_matches(token.group(), stems, prefix_last)
        ),
        0,
    )
    start = max(0, first - words // 3)
    end = min(len(tokens), start + words)
    hit_set = {
        index
        for index in range(start, end)
        if _word_matches(tokens[index].group(), stems, prefix_last)
    }
    pieces = []
    position = tokens[start].start() if start > 0 else 0
    for index in range(start, end):
        token = tokens[index]
        pieces.append(escape(text[position : token.start()]))
        word = escape(token.group())
        pieces.append(f"<mark>{word}</mark>" if index in hit_set else word)
        position = token.end()
    if end == len(tokens):
        pieces.append(escape(text[position:]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(tokens) else ""
    return mark_safe(prefix + "".join(pieces).strip() + suffix)
