"""The `without_markdown` filter of search snippets: syntax goes, text and marks stay."""

import pytest
from django.utils.safestring import SafeString

from stadtgespraeche.search.templatetags.search_snippets import without_markdown

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("snippet", "plain"),
    [
        ("## Ziele des Projekts", "Ziele des Projekts"),
        ("**fett** und *kursiv* und __auch__", "fett und kursiv und auch"),
        ("siehe [Leitfaden](https://example.org/a) hier", "siehe Leitfaden hier"),
        ("a\n- eins\n* zwei\n1. drei", "a eins zwei drei"),
        ("&gt; Zitat", "Zitat"),
        ("| A | B |\n|---|:---:|\n| 1 | 2 |", "A B 1 2"),
        ("`code` und ~~alt~~", "code und alt"),
        (
            "<mark>Bürger*innen</mark> und Koordinator:innen",
            "<mark>Bürger*innen</mark> und Koordinator:innen",
        ),
        ("snake_case bleibt", "snake_case bleibt"),
        ("… **<mark>Daten</mark>**ethik …", "… <mark>Daten</mark>ethik …"),
    ],
)
def test_without_markdown_keeps_text_and_marks(snippet, plain):
    result = without_markdown(SafeString(snippet))

    assert result == plain
    assert isinstance(result, SafeString)
