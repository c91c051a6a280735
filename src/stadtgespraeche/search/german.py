"""German text normalisation, applied identically at index and at query time.

Both backends index and search the *output* of this module, so language quality never
depends on what the database ships (SQLite has no German stemmer, PostgreSQL's `german`
configuration folds umlauts differently). The steps, in order:

1. Gender forms: `Bürger:innen`, `Bürger*innen`, `Bürger_innen`, `Bürger/-innen`,
   `Bürger(innen)` and `BürgerInnen` lose their marker and feminine ending, so they become
   `Bürger` (also inside compounds: `Bürger:innenbeteiligung` → `Bürgerbeteiligung`).
2. Words: lower case, runs of letters and digits; German stop words (the list of the
   `stop-words` package, BSD-3-Clause, compared in folded spelling) and a few English
   function words are dropped on both sides, so a phrase like "Stadt der Zukunft" still
   matches.
3. Stemming: the feminine endings `-in`/`-innen` of person nouns the stemmer leaves alone
   are removed (Kolleginnen → Kolleg, Studentinnen → Student), then the maintained Snowball
   German stemmer (PyStemmer, the C build of Snowball 3; MIT/BSD-3-Clause) stems the word
   *with* its umlauts, so plurals with umlaut meet their singular (Anträge → antrag,
   Städte → stadt, Themenwünsche → themenwunsch). Snowball itself reads `ae`, `oe`, `ue`
   as umlauts and removes them from its stems, so "Buergerbeteiligung" and
   "Bürgerbeteiligung" have the same stem.
4. Folding *after* stemming: `ß→ss`, other accents dropped (`é→e`), lower case.
5. Compound parts (`parts`), indexed besides the stems: the compound splitter of
   `charsplit-fst` (the CharSplit n-gram algorithm with its German data; MIT/Apache-2.0)
   splits a word into modifier and head where it is confident (score ≥ SPLIT_SCORE), the
   parts again while they are long enough, and the stems of the parts are indexed as whole
   tokens: "Beteiligungsplattform" also carries `beteil` and `plattform`, "Themenwünsche"
   `wunsch`, "Ratssitzung" `sitzung` (whose stem of the whole word is `ratssitz`). A query
   word then finds a compound through an exact token instead of a prefix expansion over
   every word that ends with it.

Changing anything here changes the stored stems: existing indexes are rebuilt by
`reindex --restart` (`check_index` tells whether that is needed, see docs/search.md).
"""

import re
import threading
import unicodedata
from functools import lru_cache

import Stemmer
from charsplit_fst import Splitter
from stop_words import get_stop_words

# Stored with the index (IndexState): bump it whenever the stored stems or the way document
# ids are made change, so that the system check asks for a `reindex --restart`.
# 2: Snowball before folding; 3: compound parts by charsplit, ids by content date.
NORMALISATION_VERSION = 3

# --- 1. gender forms ------------------------------------------------------------------------

_LOWER = "a-zäöüß"
_MARKER = ":*_/·'’"
# Each expression starts with the character it needs and looks behind for the lower-case
# letter only there: an expression that starts with a look-behind is tried at every position
# of every text, which cost more than the rest of the normalisation (same matches as
# `(?<=[a-zäöüß])[:*_/·'’]…`, tests/search/test_german.py compares them).
_GENDER_MARKED = re.compile(rf"[{_MARKER}](?<=[{_LOWER}][{_MARKER}])-?(?:innen|in)(?![{_LOWER}])")
_GENDER_MARKED_COMPOUND = re.compile(rf"[{_MARKER}](?<=[{_LOWER}][{_MARKER}])-?innen(?=[{_LOWER}])")
_GENDER_BRACKET = re.compile(rf"\((?<=[{_LOWER}]\()(?:innen|in)\)")
_GENDER_CAMEL = re.compile(rf"I(?<=[{_LOWER}]I)(?:nnen|n)(?![{_LOWER}])")
_GENDER_CAMEL_COMPOUND = re.compile(rf"Innen(?<=[{_LOWER}]Innen)(?=[{_LOWER}])")


def strip_gender_forms(text: str) -> str:
    """`Bürger:innen` → `Bürger` (case-sensitive: must run before lower-casing)."""
    text = _GENDER_MARKED_COMPOUND.sub("", text)
    text = _GENDER_MARKED.sub("", text)
    text = _GENDER_BRACKET.sub("", text)
    text = _GENDER_CAMEL_COMPOUND.sub("", text)
    return _GENDER_CAMEL.sub("", text)


# --- 2. words ------------------------------------------------------------------------------

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})


def fold(text: str) -> str:
    """Lower case with umlauts spelt out and other accents removed (`Straße` → `strasse`)."""
    text = text.lower().translate(_FOLD)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


_WORD = re.compile(r"[^\W_]+")

# English function words only: the package's English list also holds content words that
# matter here ("open", "system", "information", "computer").
_ENGLISH_STOP_WORDS = [
    "a",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "by",
    "for",
    "from",
    "in",
    "is",
    "it",
    "of",
    "on",
    "or",
    "that",
    "the",
    "this",
    "to",
    "with",
]
STOP_WORDS = frozenset(fold(word) for word in [*get_stop_words("de"), *_ENGLISH_STOP_WORDS])


@lru_cache(maxsize=262144)
def _is_stop_word(word: str) -> bool:
    return fold(word) in STOP_WORDS


def words(text: str) -> list[str]:
    """The lower-case words of `text` without stop words, in order (umlauts kept)."""
    return [
        word for word in _WORD.findall(strip_gender_forms(text).lower()) if not _is_stop_word(word)
    ]


# --- 3. stemming ----------------------------------------------------------------------------

# Feminine person nouns whose ending Snowball keeps (it removes -erin/-erinnen itself):
# Kollegin, Studentin, Polizistin, Kandidatin, Ingenieurin, Koordinatorin, Ärztin. At least
# four letters must remain, so "beginnen" stays a verb.
_FEMININE = re.compile(r"(?<=[a-zäöüß]{2}(?:nt|st|rt|ur|at|eg|og|af|or|zt))(?:innen|in)$")

_local = threading.local()


def _stemmer() -> "Stemmer.Stemmer":
    """One Snowball stemmer per thread (PyStemmer objects are not thread-safe)."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("german")
    return stemmer


@lru_cache(maxsize=262144)
def stem(word: str) -> str:
    """The stem of one word of `words()` output, folded (ASCII for German words)."""
    if len(word) <= 3 or word.isdigit():
        return fold(word)
    word = _FEMININE.sub("", word)
    return fold(_stemmer().stemWord(word))


def stems(text: str) -> list[str]:
    """The stems of the words of `text`, in order (what the index stores)."""
    return [stem(word) for word in words(text)]


# --- 5. compound parts ----------------------------------------------------------------------

# A split is taken from a score of 0.4 (CharSplit scores run from about -1.4 to 1):
# "Ratssitzung" 0.72, "Schulsanierung" 0.41; "Gemeinderat" (0.18), "beginnen" (Beg|Innen,
# 0.31) and "Entwicklung" stay whole. Parts with short stems (Vor|Lage, Vorsitz|Ende) are not
# indexed. Known false part: "Ausschuss" (Aus|Schuss, 0.53) carries `schuss`.
SPLIT_SCORE = 0.4
# Words and parts shorter than this are not split; parts whose stem is shorter than
# PART_MIN_STEM are not indexed (query.COMPOUND_MIN_LENGTH: shorter words match whole only).
SPLIT_MIN_LENGTH = 8
PART_MIN_STEM = 5
_SPLIT_DEPTH = 3
_SPELLED_UMLAUTS = (("ae", "ä"), ("oe", "ö"), ("ue", "ü"))
# Inflection endings tried off when a word does not split as it is ("Ratsinformationssystems").
_ENDINGS = ("es", "en", "s", "n", "e")
_splitter_lock = threading.Lock()
_splitter: Splitter | None = None


def _split(word: str) -> tuple[str, str] | None:
    """Modifier and head of `word` (lower case) where the splitter is confident."""
    global _splitter
    if _splitter is None:
        with _splitter_lock:
            if _splitter is None:
                _splitter = Splitter()
    spellings = [word]
    if any(spelled in word for spelled, _ in _SPELLED_UMLAUTS):
        umlauts = word
        for spelled, umlaut in _SPELLED_UMLAUTS:
            umlauts = umlauts.replace(spelled, umlaut)
        spellings.append(umlauts)  # "buergerbeteiligung" splits as "bürgerbeteiligung"
    candidates = [*spellings]
    for spelling in spellings:
        candidates += [
            spelling[: -len(ending)]
            for ending in _ENDINGS
            if spelling.endswith(ending) and len(spelling) - len(ending) >= SPLIT_MIN_LENGTH
        ]
    for candidate in candidates:
        splits = _splitter.split_compound(candidate)
        if splits and splits[0][0] >= SPLIT_SCORE:
            _, modifier, head = splits[0]
            return modifier.lower(), head.lower()
    return None


def _pieces(word: str, depth: int) -> list[str]:
    if depth == 0 or len(word) < SPLIT_MIN_LENGTH:
        return []
    split = _split(word)
    if split is None:
        return []
    found = []
    for piece in split:
        found += [piece, *_pieces(piece, depth - 1)]
    return found


@lru_cache(maxsize=262144)
def parts(word: str) -> tuple[str, ...]:
    """The stems of the compound parts of one word of `words()` output (not its own stem),
    e.g. "beteiligungsplattform" → ("beteilig", "plattform")."""
    own = stem(word)
    found: list[str] = []
    for piece in _pieces(word, _SPLIT_DEPTH):
        piece_stem = stem(piece)
        if len(piece_stem) >= PART_MIN_STEM and piece_stem != own and piece_stem not in found:
            found.append(piece_stem)
    return tuple(found)


# Word form (lower case, as `_WORD` finds it) → its stem and the stems of its parts, or None
# for a stop word: what `words`, `stem` and `parts` give for it, looked up once per form
# (indexing a million documents meets the same few hundred thousand forms again and again).
_ANALYSED: dict[str, tuple[str, tuple[str, ...]] | None] = {}
_ANALYSED_MAX = 500_000


def _analyse(word: str) -> tuple[str, tuple[str, ...]] | None:
    found: tuple[str, tuple[str, ...]] | None = None
    if not _is_stop_word(word):
        found = (stem(word), parts(word))
    if len(_ANALYSED) >= _ANALYSED_MAX:
        _ANALYSED.clear()
    _ANALYSED[word] = found
    return found


def stems_and_parts(text: str) -> tuple[list[str], list[str]]:
    """The stems of the words of `text` in order, and the stems of their compound parts
    (the same as `stem` and `parts` of every word of `words(text)`, memoised per word form)."""
    found_stems: list[str] = []
    found_parts: list[str] = []
    analysed = _ANALYSED
    for word in _WORD.findall(strip_gender_forms(text).lower()):
        try:
            found = analysed[word]
        except KeyError:
            found = _analyse(word)
        if found is not None:
            found_stems.append(found[0])
            found_parts += found[1]
    return found_stems, found_parts
