"""The faster indexing and snippet paths give exactly what the plain definitions give.

- `german.stems_and_parts` (memoised per word form) = `stem` and `parts` of every word of
  `german.words`, on the quality set's texts, council text and gender forms, cold and warm.
- The gender-form expressions that start with their character match exactly where the
  look-behind expressions they replace matched (kept here as the reference).
- `snippets.highlight` (reads only up to the end of its window, escapes in runs, one matcher
  per page) = the earlier word-by-word highlighter (kept here as the reference).
- `services.index_objects` writes the same stored rows and full-text tokens as before.
"""

import random
import re
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe

from stadtgespraeche.search import german, query, services, snippets
from stadtgespraeche.search.models import SearchDocument, SearchReader, SearchTag
from stadtgespraeche.search.providers import Document, Provider

from .quality import CORPUS

pytestmark = pytest.mark.unit

_L = "a-zäöüß"
_REFERENCE_GENDER = [
    re.compile(rf"(?<=[{_L}])[:*_/·'’](?:-)?innen(?=[{_L}])"),
    re.compile(rf"(?<=[{_L}])[:*_/·'’](?:-)?(?:innen|in)(?![{_L}])"),
    re.compile(rf"(?<=[{_L}])\((?:innen|in)\)"),
    re.compile(rf"(?<=[{_L}])Innen(?=[{_L}])"),
    re.compile(rf"(?<=[{_L}])(?:Innen|In)(?![{_L}])"),
]
GENDER_TEXTS = [
    "Bürger:innen",
    "Bürger*innenbeteiligung",
    "BürgerInnen und KollegInnen",
    "Bürger(innen)",
    "Bürger/-innen",
    "Kolleg_in",
    "abc(in)Innen",
    "xInIn",
    "Innenstadt und Integration",
    "Ärzt·innen, Student’innen",
    "Rat:in der Stadt",
]


def _reference_gender(text):
    for expression in _REFERENCE_GENDER:
        text = expression.sub("", text)
    return text


def _texts():
    rng = random.Random(16)
    texts = [text for pair in CORPUS.values() for text in pair] + GENDER_TEXTS
    texts += [
        "Beschlussvorlage 12/2025: Haushaltssatzung, Ratsinformationssystems, Anträge der "
        "Fraktionen; Buergerbeteiligung, Straße, Café, Themenwünsche, beginnen."
    ]
    # Random strings of the characters gender forms are made of.
    alphabet = "aäIInn:*(e)-/ b·’_"
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14))) for _ in range(3000)]
    return texts


def test_gender_expressions_match_the_look_behind_reference():
    for text in _texts():
        assert german.strip_gender_forms(text) == _reference_gender(text), text


def _reference_stems_and_parts(text):
    words = german.words(text)
    return [german.stem(word) for word in words], [p for word in words for p in german.parts(word)]


@pytest.mark.parametrize("warm", [False, True])
def test_memoised_stems_and_parts_equal_the_definition(warm):
    if not warm:
        german._ANALYSED.clear()
    for text in _texts():
        assert german.stems_and_parts(text) == _reference_stems_and_parts(text), text


def test_the_word_form_memo_is_bounded(monkeypatch):
    monkeypatch.setattr(german, "_ANALYSED_MAX", 3)
    german._ANALYSED.clear()
    assert german.stems_and_parts("Anträge Städte Wünsche Ausschüsse") == (
        ["antrag", "stadt", "wunsch", "ausschuss"],
        list(german.parts("ausschüsse")),
    )
    assert len(german._ANALYSED) <= 3
    german._ANALYSED.clear()


# --- snippets -------------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_]+(?:[:*_/][^\W_]+)?")


def _reference_highlight(text, parsed, *, words=snippets.SNIPPET_WORDS):
    """The highlighter before the page-wide matcher (word by word over all words)."""
    stems = parsed.all_stems
    prefix_last = parsed.terms[-1] if parsed.prefix_last and parsed.terms else None
    tokens = list(_TOKEN.finditer(text))
    if not tokens:
        return mark_safe("")

    def hit(index):
        return snippets._word_matches(tokens[index].group(), stems, prefix_last)

    first = next((index for index in range(len(tokens)) if hit(index)), 0)
    start = max(0, first - words // 3)
    end = min(len(tokens), start + words)
    pieces = []
    position = tokens[start].start() if start > 0 else 0
    for index in range(start, end):
        token = tokens[index]
        pieces.append(escape(text[position : token.start()]))
        word = escape(token.group())
        pieces.append(f"<mark>{word}</mark>" if hit(index) else word)
        position = token.end()
    if end == len(tokens):
        pieces.append(escape(text[position:]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(tokens) else ""
    return mark_safe(prefix + "".join(pieces).strip() + suffix)


@pytest.mark.parametrize(
    "text",
    ["Haushalt", "Stadt", "Antrag Fraktion", '"öffentliche Sitzung"', "Plattform", "Zyx", "Bür"],
)
@pytest.mark.parametrize("prefix_last", [False, True])
def test_highlight_equals_the_word_by_word_reference(text, prefix_last):
    rng = random.Random(text)
    pool = [text for pair in CORPUS.values() for text in pair]
    texts = [*pool, "", " ", "…!", "Haushalt", "<b>Stadt</b> & Städte"]
    texts += [". ".join(rng.choice(pool) for _ in range(rng.randint(1, 12))) for _ in range(200)]
    parsed = query.parse(text, prefix_last=prefix_last)
    matcher = snippets.Matcher(parsed)  # shared, as on a page
    for body in texts:
        for words in (1, 3, 30, 60):
            expected = _reference_highlight(body, parsed, words=words)
            assert snippets.highlight(body, parsed, words=words, matcher=matcher) == expected
            assert snippets.highlight(body, parsed, words=words) == expected


# --- the write path -------------------------------------------------------------------------


class _Provider(Provider):
    model_label = "tests.speed"
    kind = "practice"

    def documents(self, obj):
        return obj.documents


class _Object:
    def __init__(self, pk, documents):
        self.pk = pk
        self.documents = documents


def _fulltext_rows():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT rowid, title, body, rtitle, rbody, tags FROM search_fts ORDER BY rowid"
            )
        else:
            cursor.execute(
                "SELECT document_id, vector::text, tags::text FROM search_fts ORDER BY document_id"
            )
        return cursor.fetchall()


@pytest.mark.django_db
def test_index_objects_stores_documents_tags_readers_and_tokens():
    when = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)
    title, body = CORPUS[next(iter(CORPUS))]
    objects = [
        _Object(
            1,
            [
                Document(
                    title=title,
                    body=body + " Bürger:innen",
                    url="/a/",
                    kind="practice",
                    date=when,
                    municipality_ids={7, 8},
                    topic_ids={3},
                    readers={42},
                    min_level=1,
                )
            ],
        ),
        _Object(2, [Document(title="Ohne Datum", url="/b/", kind="event")]),
    ]
    assert services.index_objects(_Provider(), objects) == 2

    first = SearchDocument.objects.get(object_id=1)
    assert (first.title, first.url, first.kind, first.date, first.year) == (
        title,
        "/a/",
        "practice",
        when,
        2025,
    )
    assert (first.min_level, first.max_level, first.variant) == (1, 2, "")
    assert first.pk == services.document_id("tests.speed", 1, "", when)
    assert sorted(SearchTag.objects.filter(document=first).values_list("kind", "value")) == [
        ("m", 7),
        ("m", 8),
        ("t", 3),
    ]
    assert list(SearchReader.objects.filter(document=first).values_list("user_id", flat=True)) == [
        42
    ]
    second = SearchDocument.objects.get(object_id=2)
    assert (second.date, second.year) == (None, None)

    rows = {row[0]: row[1:] for row in _fulltext_rows()}
    assert set(rows) == {first.pk, second.pk}
    title_stems, title_parts = german.stems_and_parts(title)
    body_stems, body_parts = german.stems_and_parts(body + " Bürger:innen")
    if connection.vendor == "sqlite":
        assert rows[first.pk][:4] == (
            " ".join(title_stems),
            " ".join(body_stems),
            " ".join(title_parts),
            " ".join(body_parts),
        )
        assert set(rows[first.pk][4].split()) == {"kpractice", "y2025", "m7", "m8", "t3"}
    else:
        # The batch statement makes the same vector as the SQL of one row.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT (setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector("
                "'simple', %s), 'B') || setweight(to_tsvector('simple', %s), 'C') || "
                "setweight(to_tsvector('simple', %s), 'D'))::text",
                [
                    " ".join(title_stems),
                    " ".join(body_stems),
                    " ".join(part[::-1] for part in title_parts),
                    " ".join(part[::-1] for part in body_parts),
                ],
            )
            assert rows[first.pk][0] == cursor.fetchone()[0]
        assert "'y2025'" in rows[first.pk][1]

    # Reindexing the same objects replaces them: the same ids, rows and tokens.
    before = _fulltext_rows()
    assert services.index_objects(_Provider(), objects) == 2
    assert _fulltext_rows() == before
    assert SearchTag.objects.count() == 3
