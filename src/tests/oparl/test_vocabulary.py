"""The normalised results and paper types, with the vendor spellings of both recorded crawls
(Hürtgenwald: Sternberg, OParl 1.0; Karlsruhe: Somacos, OParl 1.1)."""

import json
from collections import Counter

import pytest

from stadtgespraeche.oparl.enums import PaperKind, ResultKind
from stadtgespraeche.oparl.vocabulary import paper_kind, paper_label, result_kind, result_label

pytestmark = pytest.mark.unit

HUERTGENWALD = [
    ("einstimmig, 0 Enthaltungen", ResultKind.UNANIMOUS),
    ("Einstimmig; 0 Enthaltungen ", ResultKind.UNANIMOUS),
    ("Einstimmig, O Enthaltungen", ResultKind.UNANIMOUS),
    ("einstimmig, 1 Enthaltung CDU-Fraktion", ResultKind.UNANIMOUS),
    ("13 Ja-Stimmen, 0 Enthaltungen, 0 Nein-Stimmen", ResultKind.UNANIMOUS),
    ("einstimmig12 Ja-Stimmen, 0 Enthaltungen, 0 Nein-Stimmen", ResultKind.UNANIMOUS),
    ("Einstimmig15-Ja-Stimmen, 0 Nein-Stimmen, 0 Enthaltungen", ResultKind.UNANIMOUS),
    ("11 Ja-Stimmen, 0 Enthaltungen, 1 Nein-Stimme", ResultKind.MAJORITY),
    ("12 Ja-Stimmen, 1 Nein-Stimme, 0 Enthaltungen", ResultKind.MAJORITY),
    ("4 Ja-Stimmen, 9 Nein-Stimmen, 0 Enthaltungen", ResultKind.REJECTED),
    ("ohne", ResultKind.NOTED),
    ("Ohne, da Mitteilungsvorlage. ", ResultKind.NOTED),
    ("Der Ausschuss nimmt die Ausführungen zur Kenntnis.", ResultKind.NOTED),
    (
        "Die anwesenden Ausschussmitglieder nehmen den Sachverhalt einstimmig zur Kenntnis.",
        ResultKind.NOTED,
    ),
    ("entfällt", ResultKind.POSTPONED),
    ("Einstimmung, 0 Enthaltungen", ResultKind.UNANIMOUS),
    ("(kein Text vorhanden)", ""),
    ("-.-", ""),
    ("JaNeinEnthaltungBM1CDU81SPD6B‘90/Die Grünen3FFH3FDP2Hr. Gilleßen1Gesamt2410", "other"),
]
KARLSRUHE = [
    ("Kenntnisnahme", ResultKind.NOTED),
    ("einstimmig beschlossen", ResultKind.UNANIMOUS),
    ("einstimmig zugestimmt", ResultKind.UNANIMOUS),
    ("mehrheitlich beschlossen", ResultKind.MAJORITY),
    ("mehrheitlich zugestimmt", ResultKind.MAJORITY),
    ("mehrheitlich abgelehnt", ResultKind.REJECTED),
    ("einstimmig abgelehnt", ResultKind.REJECTED),
    ("Stimmengleichheit - abgelehnt", ResultKind.REJECTED),
    ("vertagt", ResultKind.POSTPONED),
    ("verwiesen in Fachausschuss", ResultKind.POSTPONED),
    ("verwiesen in den Gemeinderat", ResultKind.POSTPONED),
    ("Zugestimmt zu geändertem Beschlusstext", ResultKind.ADOPTED),
    ("Zustimmung", ResultKind.ADOPTED),
    ("mit Stellungnahme einverstanden", ResultKind.ADOPTED),
    ("teilweise zugestimmt", ResultKind.ADOPTED),
    ("gewählt", ResultKind.ADOPTED),
    ("keine Abstimmung", ResultKind.NOTED),
    ("zurückgezogen", ResultKind.WITHDRAWN),
    ("erledigt", ResultKind.OTHER),
    ("vorberaten ohne Änderungen", ResultKind.OTHER),
]
OTHERS = [
    ("beschlossen", ResultKind.ADOPTED),
    ("Unverändert beschlossen", ResultKind.ADOPTED),
    ("zur Kenntnis genommen", ResultKind.NOTED),
    ("", ""),
    ("  \u00a0 ", ""),
]


@pytest.mark.parametrize(("raw", "kind"), HUERTGENWALD + KARLSRUHE + OTHERS)
def test_result_kind_of_vendor_spellings(raw, kind):
    assert result_kind(raw) == kind


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("Beschlussvorlage", PaperKind.DECISION),
        ("Tischvorlage", PaperKind.DECISION),
        ("Mitteilungsvorlage", PaperKind.INFORMATION),
        ("Informationsvorlage", PaperKind.INFORMATION),
        ("Antrag", PaperKind.MOTION),
        ("Änderungs-/Ergänzungsantrag", PaperKind.MOTION),
        ("Anfrage", PaperKind.QUESTION),
        ("Haushalt THH 4100", PaperKind.BUDGET),
        ("Offenlage", PaperKind.OTHER),
        ("", ""),
    ],
)
def test_paper_kind_of_vendor_spellings(raw, kind):
    assert paper_kind(raw) == kind


def test_labels_of_kinds_and_of_nothing():
    assert result_label(ResultKind.REJECTED) == "abgelehnt"
    assert result_label("") == ""
    assert paper_label(PaperKind.MOTION) == "Antrag"
    assert paper_label("nonsense") == ""


def _results(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    elements = data if isinstance(data, list) else data.get("data", [data])
    for element in elements:
        for item in element.get("agendaItem", []) if isinstance(element, dict) else []:
            if isinstance(item, dict) and isinstance(item.get("result"), str):
                yield item["result"]


def test_every_result_of_both_crawls_is_normalised(shared_data_dir):
    folder = shared_data_dir / "oparl"
    kinds = {}
    for name in ("huertgenwald-sternberg-oparl10", "karlsruhe-somacos-oparl11-2025"):
        counts = Counter()
        for path in sorted((folder / name).rglob("*.json")):
            for raw in _results(path):
                counts[result_kind(raw)] += 1
        kinds[name] = counts
    huertgenwald = kinds["huertgenwald-sternberg-oparl10"]
    karlsruhe = kinds["karlsruhe-somacos-oparl11-2025"]
    # Most real result texts fall into one of the named kinds; Hürtgenwald's "other" are
    # mostly vote tables flattened into one string ("JaNeinEnthaltungBM1CDU81SPD6…").
    assert huertgenwald[ResultKind.OTHER] < 0.15 * sum(huertgenwald.values())
    # Karlsruhe's "other": "erledigt" (174), "vorberaten …" (48), "Beratung im
    # Fachgremium/Arbeitskreis" (47): no decision of the kinds above.
    assert karlsruhe[ResultKind.OTHER] < 0.25 * sum(karlsruhe.values())
    assert huertgenwald[ResultKind.UNANIMOUS] > 900
    assert karlsruhe[ResultKind.REJECTED] >= 196
    assert set(huertgenwald) | set(karlsruhe) <= {"", *ResultKind.values}
