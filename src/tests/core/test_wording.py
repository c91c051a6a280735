"""German wording across every app's catalogue (DESIGN.md, glossary): one gender style."""

import re
from pathlib import Path

import pytest

import stadtgespraeche

pytestmark = pytest.mark.unit

CATALOGUES = sorted(Path(stadtgespraeche.__file__).parent.glob("*/locale/de/LC_MESSAGES/django.po"))
# Slash, star, underscore, capital-I and doublet forms; the colon form ("Koordinator:innen")
# and neutral words ("Teilnehmende", "Ratsmitglieder") are the house style.
OTHER_GENDER_FORMS = re.compile(
    r"\w/-?in(?:nen)?\b|\w\*in(?:nen)?\b|\w_in(?:nen)?\b|[a-zäöü]Innen\b"
    r"|(?P<a>\w+)in(?:nen)? (?:oder|und) (?:de[rnm] |die )?(?P=a)(?:en|e|s)?\b"
    r"|(?P<b>\w+)innen, (?P=b)(?:en|e)\b"
)


def _translations(path: Path) -> list[str]:
    texts, current, inside = [], "", False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgstr"):
            inside, current = True, line.split(" ", 1)[1].strip('"')
        elif inside and line.startswith('"'):
            current += line.strip('"')
        else:
            if inside:
                texts.append(current)
            inside = False
    if inside:
        texts.append(current)
    return texts


def test_catalogues_are_found():
    assert len(CATALOGUES) > 10


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: path.parts[-5])
def test_german_texts_use_the_colon_gender_form(catalogue):
    offending = [text for text in _translations(catalogue) if OTHER_GENDER_FORMS.search(text)]

    assert offending == []


@pytest.mark.parametrize(
    "text",
    [
        "Empfänger/in",
        "Unterstützer*innen",
        "Bürger_innen",
        "BürgerInnen",
        "Koordinatorin oder Koordinator",
        "die Autorin oder der Autor",
        "Koordinatorinnen, Koordinatoren und Ratsmitglieder",
    ],
)
def test_other_gender_forms_are_recognised(text):
    assert OTHER_GENDER_FORMS.search(text)


@pytest.mark.parametrize(
    "text", ["Koordinator:innen", "Teilnehmende", "Ratsmitglieder", "Kommunen"]
)
def test_house_style_passes(text):
    assert not OTHER_GENDER_FORMS.search(text)


def _entries(path: Path) -> dict[str, str]:
    """msgid → msgstr of one catalogue (entries without context, plural or obsolete mark)."""
    entries: dict[str, str] = {}
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    for block in blocks:
        lines = [line for line in block.splitlines() if not line.startswith("#")]
        if any(line.startswith(("msgctxt", "msgid_plural")) for line in lines):
            continue
        texts: dict[str, str] = {}
        key = ""
        for line in lines:
            if line.startswith(("msgid ", "msgstr ")):
                key, value = line.split(" ", 1)
                texts[key] = value.strip('"')
            elif line.startswith('"') and key:
                texts[key] += line.strip('"')
        if texts.get("msgid"):
            entries[texts["msgid"]] = texts.get("msgstr", "")
    return entries


@pytest.mark.parametrize("msgid", ["Feedback", "Feedback responses"])
def test_a_text_shared_by_apps_is_translated_alike(msgid):
    # Django merges the catalogues of all apps, so one msgid has one German text at run
    # time; differing entries make the page depend on the order of INSTALLED_APPS.
    translations = {
        catalogue.parts[-5]: entries[msgid]
        for catalogue in CATALOGUES
        if msgid in (entries := _entries(catalogue))
    }

    assert translations
    assert len(set(translations.values())) == 1, translations
