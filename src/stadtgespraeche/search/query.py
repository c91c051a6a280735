"""Parsing what a person typed into terms and phrases of stems (backend-independent)."""

import re
from dataclasses import dataclass, field

from . import german

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
# Stems at least this long also match as parts of compounds (head: suffix, modifier: prefix).
COMPOUND_MIN_LENGTH = 5

_PHRASE = re.compile(r'"([^"]*)"')


@dataclass
class ParsedQuery:
    terms: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    prefix_last: bool = False
    # Terms looked up as whole words only (no compound parts): set by
    # queries.prepare() for words so frequent that their whole-word matches fill the
    # ranking window anyway (keeps frequent words cheap).
    whole_word_terms: set[str] = field(default_factory=set)
    prepared: bool = False

    def compound(self, term: str) -> bool:
        """Whether `term` also matches as a part of compounds."""
        return matches_compound(term) and term not in self.whole_word_terms

    def __bool__(self) -> bool:
        return bool(self.terms or self.phrases)

    @property
    def all_stems(self) -> set[str]:
        return set(self.terms) | {stem for phrase in self.phrases for stem in phrase}


def parse(text: str, *, prefix_last: bool = False) -> ParsedQuery:
    """Split `text` into phrases (in double quotes) and single words, as stems."""
    text = text[:MAX_QUERY_LENGTH]
    parsed = ParsedQuery()
    for phrase in _PHRASE.findall(text):
        phrase_stems = german.stems(phrase)
        if len(phrase_stems) == 1:
            parsed.terms.append(phrase_stems[0])
        elif phrase_stems:
            parsed.phrases.append(phrase_stems[:MAX_TERMS])
    rest = _PHRASE.sub(" ", text).replace('"', " ")
    for term in german.stems(rest):
        if term not in parsed.terms:
            parsed.terms.append(term)
    parsed.terms = parsed.terms[:MAX_TERMS]
    parsed.phrases = parsed.phrases[:2]
    # Completion only makes sense when the text ends inside a word.
    parsed.prefix_last = bool(prefix_last and parsed.terms and text and not text[-1].isspace())
    return parsed


def matches_compound(stem: str) -> bool:
    return len(stem) >= COMPOUND_MIN_LENGTH
