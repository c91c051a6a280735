"""German text normalisation, applied identically at index and at query time.

Both backends index and search the *output* of this module, so language quality never
depends on what the database ships (SQLite has no German stemmer, PostgreSQL's `german`
configuration folds umlauts differently). The steps, in order:

1. Gender forms: `Bürger:innen`, `Bürger*innen`, `Bürger_innen`, `Bürger/-innen`,
   `Bürger(innen)` and `BürgerInnen` lose their marker and feminine ending, so they become
   `Bürger` (also inside compounds: `Bürger:innenbeteiligung` → `Bürgerbeteiligung`).
2. Folding: lower case, `ä→ae`, `ö→oe`, `ü→ue`, `ß→ss`, other accents dropped (`é→e`).
   So "Buergerbeteiligung" and "Bürgerbeteiligung" become the same word.
3. Words: runs of letters and digits; German stop words are dropped (on both sides, so a
   phrase like "Stadt der Zukunft" still matches).
4. Stemming: the feminine endings `-in`/`-innen` of person nouns are removed (Bürgerinnen →
   Bürger), then a German Snowball stemmer (Beteiligungen → beteilig).

Compound parts are matched by the backends with the stems: a word's stem, reversed, is
indexed too, so a *suffix* of a compound (its head, e.g. "beteil" in "buergerbeteil") is a
prefix search on the reversed stems; a *prefix* search on the stems finds the modifier.
"""

import re
import unicodedata
from functools import lru_cache

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


# --- 2. folding -----------------------------------------------------------------------------

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})


def fold(text: str) -> str:
    """Lower case with umlauts spelt out and other accents removed."""
    text = text.lower().translate(_FOLD)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# --- 3. words -------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+")

STOP_WORDS = frozenset(
    fold(word)
    for word in [
        "aber",
        "alle",
        "allem",
        "allen",
        "aller",
        "alles",
        "als",
        "also",
        "am",
        "an",
        "ander",
        "andere",
        "anderem",
        "anderen",
        "anderer",
        "anderes",
        "auch",
        "auf",
        "aus",
        "bei",
        "beim",
        "bin",
        "bis",
        "bist",
        "da",
        "damit",
        "dann",
        "das",
        "dass",
        "dem",
        "den",
        "denn",
        "der",
        "des",
        "die",
        "dies",
        "diese",
        "diesem",
        "diesen",
        "dieser",
        "dieses",
        "doch",
        "dort",
        "du",
        "durch",
        "ein",
        "eine",
        "einem",
        "einen",
        "einer",
        "eines",
        "er",
        "es",
        "etwa",
        "euch",
        "euer",
        "für",
        "hat",
        "hatte",
        "hier",
        "ich",
        "ihr",
        "im",
        "in",
        "ins",
        "ist",
        "ja",
        "jede",
        "jedem",
        "jeden",
        "jeder",
        "jedes",
        "kann",
        "kein",
        "keine",
        "man",
        "mit",
        "muss",
        "nach",
        "nicht",
        "noch",
        "nun",
        "nur",
        "ob",
        "oder",
        "ohne",
        "sehr",
        "sein",
        "seine",
        "sich",
        "sie",
        "sind",
        "so",
        "sowie",
        "über",
        "um",
        "und",
        "uns",
        "unter",
        "vom",
        "von",
        "vor",
        "war",
        "was",
        "weil",
        "welche",
        "wenn",
        "werden",
        "wie",
        "wir",
        "wird",
        "wo",
        "zu",
        "zum",
        "zur",
        "zwischen",
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
)


def words(text: str) -> list[str]:
    """The folded words of `text` without stop words, in order."""
    return [
        word for word in _WORD.findall(fold(strip_gender_forms(text))) if word not in STOP_WORDS
    ]


# --- 4. stemming ----------------------------------------------------------------------------

_VOWELS = frozenset("aeiouy")
_S_ENDING = frozenset("bdfghklmnrt")
_ST_ENDING = frozenset("bdfghklmnt")
# Feminine person nouns: Bürgerin, Studentin, Polizistin, Ingenieurin, Kandidatin, Kollegin.
_FEMININE = re.compile(r"(?<=er|nt|st|rt|ur|at|eg|og|af)(?:innen|in)$")


def _regions(word: str) -> tuple[int, int]:
    """Snowball R1 and R2 (R1 starts at least at position 3)."""

    def after_vowel_consonant(start: int) -> int:
        for index in range(start + 1, len(word)):
            if word[index] not in _VOWELS and word[index - 1] in _VOWELS:
                return index + 1
        return len(word)

    r1 = after_vowel_consonant(0)
    r2 = after_vowel_consonant(r1)
    return max(r1, 3), r2


def _snowball(word: str) -> str:
    """The German Snowball stemmer (on folded words, so without the umlaut step)."""
    # u and y between vowels are consonants: mark them in upper case.
    chars = list(word)
    for index in range(1, len(chars) - 1):
        if chars[index] in "uy" and chars[index - 1] in _VOWELS and chars[index + 1] in _VOWELS:
            chars[index] = chars[index].upper()
    word = "".join(chars)
    r1, r2 = _regions(word)

    # Step 1
    for suffix in ("ern", "em", "er"):
        if word.endswith(suffix):
            if len(word) - len(suffix) >= r1:
                word = word[: -len(suffix)]
            break
    else:
        for suffix in ("en", "es", "e"):
            if word.endswith(suffix):
                if len(word) - len(suffix) >= r1:
                    word = word[: -len(suffix)]
                    if word.endswith("niss"):
                        word = word[:-1]
                break
        else:
            if (
                word.endswith("s")
                and len(word) - 1 >= r1
                and len(word) >= 2
                and word[-2] in _S_ENDING
            ):
                word = word[:-1]

    # Step 2
    for suffix in ("est", "en", "er"):
        if word.endswith(suffix):
            if len(word) - len(suffix) >= r1:
                word = word[: -len(suffix)]
            break
    else:
        if (
            word.endswith("st")
            and len(word) - 2 >= r1
            and len(word) >= 6
            and word[-3] in _ST_ENDING
        ):
            word = word[:-2]

    # Step 3: derivational suffixes
    def in_r2(suffix_length: int) -> bool:
        return len(word) - suffix_length >= r2

    for suffix in ("isch", "lich", "heit", "keit", "end", "ung", "ig", "ik"):
        if not word.endswith(suffix):
            continue
        size = len(suffix)
        if suffix in ("end", "ung"):
            if in_r2(size):
                word = word[:-size]
                if word.endswith("ig") and in_r2(2) and not word.endswith("eig"):
                    word = word[:-2]
        elif suffix in ("ig", "ik", "isch"):
            if in_r2(size) and not word[:-size].endswith("e"):
                word = word[:-size]
        elif suffix in ("lich", "heit"):
            if in_r2(size):
                word = word[:-size]
                for before in ("er", "en"):
                    if word.endswith(before) and len(word) - 2 >= r1:
                        word = word[:-2]
                        break
        elif suffix == "keit" and in_r2(size):
            word = word[:-size]
            for before in ("lich", "ig"):
                if word.endswith(before) and in_r2(len(before)):
                    word = word[: -len(before)]
                    break
        break
    return word.lower()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of one folded word (`words()` output)."""
    if len(word) <= 3 or word.isdigit():
        return word
    if len(word) > 7:
        word = _FEMININE.sub("", word)
    return _snowball(word)


def stems(text: str) -> list[str]:
    """The stems of the words of `text`, in order (what the index stores)."""
    return [stem(word) for word in words(text)]


def reverse(token: str) -> str:
    return token[::-1]
