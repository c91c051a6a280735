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

Compound parts are matched by the backends with the stems: a word's stem, reversed, is
indexed too, so a *suffix* of a compound (its head, e.g. "beteil" in "burgerbeteil") is a
prefix search on the reversed stems; a *prefix* search on the stems finds the modifier.

Changing anything here changes the stored stems: existing indexes are rebuilt by
`reindex --restart` (`check_index` tells whether that is needed, see docs/search.md).
"""

import re
import threading
import unicodedata
from functools import lru_cache

import Stemmer
from stop_words import get_stop_words

# Stored with the index (SearchIndexVersion): bump it whenever the stems change, so that
# the system check asks for a `reindex --restart`.
NORMALISATION_VERSION = 2

# --- 1. gender forms ------------------------------------------------------------------------

_LOWER = "a-zäöüß"
_GENDER_MARKED = re.compile(rf"(?<=[{_LOWER}])[:*_/·'’](?:-)?(?:innen|in)(?![{_LOWER}])")
_GENDER_MARKED_COMPOUND = re.compile(rf"(?<=[{_LOWER}])[:*_/·'’](?:-)?innen(?=[{_LOWER}])")
_GENDER_BRACKET = re.compile(rf"(?<=[{_LOWER}])\((?:innen|in)\)")
_GENDER_CAMEL = re.compile(rf"(?<=[{_LOWER}])(?:Innen|In)(?![{_LOWER}])")
_GENDER_CAMEL_COMPOUND = re.compile(rf"(?<=[{_LOWER}])Innen(?=[{_LOWER}])")


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


def words(text: str) -> list[str]:
    """The lower-case words of `text` without stop words, in order (umlauts kept)."""
    return [
        word
        for word in _WORD.findall(strip_gender_forms(text).lower())
        if fold(word) not in STOP_WORDS
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


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of one word of `words()` output, folded (ASCII for German words)."""
    if len(word) <= 3 or word.isdigit():
        return fold(word)
    word = _FEMININE.sub("", word)
    return fold(_stemmer().stemWord(word))


def stems(text: str) -> list[str]:
    """The stems of the words of `text`, in order (what the index stores)."""
    return [stem(word) for word in words(text)]


def reverse(token: str) -> str:
    return token[::-1]
