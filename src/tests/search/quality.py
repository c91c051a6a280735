"""The German search-quality set: a small corpus and queries with their expected hits.

Each query lists the documents that must be found (`expected`) and may list documents that
must not be found (`absent`). Run on both backends by test_quality.py, which also reports
recall@10 and MRR over the queries with expected documents (`metrics`)."""

from collections.abc import Callable

CORPUS: dict[str, tuple[str, str]] = {
    "beteiligung": (
        "Digitale Bürgerbeteiligung in Kaiserslautern",
        "Die Stadt nutzt eine Beteiligungsplattform, auf der Bürgerinnen und Bürger Vorschläge "
        "zum Haushalt einreichen. Die Beteiligungen wurden ausgewertet.",
    ),
    "souveraenitaet": (
        "Datensouveränität der Kommunen",
        "Offene Standards und eigene Rechenzentren sichern die digitale Souveränität. "
        "Open Source statt Abhängigkeit von einzelnen Anbietern.",
    ),
    "hybrid": (
        "Hybride Ratssitzungen",
        "Ratsmitglieder nehmen per Videokonferenz an Sitzungen des Stadtrats teil. "
        "Die Geschäftsordnung regelt Abstimmungen im hybriden Format.",
    ),
    "plattform": (
        "Urbane Datenplattform Bamberg",
        "Sensoren liefern Daten über Parkplätze, Luftqualität und Verkehr. Die Plattform "
        "stellt offene Daten bereit.",
    ),
    "ethik": (
        "Datenethik und künstliche Intelligenz",
        "Leitlinien für den verantwortungsvollen Einsatz von Algorithmen in der Verwaltung; "
        "ein Ethikbeirat berät den Stadtrat.",
    ),
    "gender": (
        "Workshop für Bürger:innen",
        "Einladung an alle Einwohner*innen und Expert_innen zu einem offenen Austausch.",
    ),
    "mobilitaet": (
        "Smarte Mobilität im ländlichen Raum",
        "Rufbusse, Carsharing und eine Mobilitäts-App verbinden die Dörfer mit der Kreisstadt.",
    ),
    "klima": (
        "Klimaschutz durch Digitalisierung",
        "Intelligente Straßenbeleuchtung spart Energie. Die Stadtwerke messen den Verbrauch.",
    ),
    "verwaltung": (
        "Onlinezugangsgesetz in der Verwaltung",
        "Verwaltungsleistungen werden digitalisiert, damit Anträge online gestellt werden können.",
    ),
    "strategie": (
        "Smart-City-Strategie der Metropolregion Rhein-Neckar",
        "Die Strategie bündelt Projekte der Städte und Gemeinden der Region.",
    ),
    "bildung": (
        "Digitale Bildung an Schulen",
        "Tablets, WLAN und Fortbildungen für Lehrerinnen und Lehrer.",
    ),
    "zukunft": (
        "Die Stadt der Zukunft",
        "Wie sich Straßen, Plätze und Gebäude durch Digitalisierung verändern.",
    ),
    "wasser": (
        "Sensoren für Hochwasserschutz",
        "Pegelstände werden in Echtzeit gemessen; Warnungen gehen an die Feuerwehr.",
    ),
    # Council papers and network texts (umlaut plurals, inflections, council vocabulary)
    "antraege": (
        "Anträge der Fraktionen zum Doppelhaushalt 2025/2026",
        "Die Fraktionen stellten zahlreiche Änderungsanträge. Der Gemeinderat beschloss die "
        "Mittel für die Schulsanierung.",
    ),
    "wuensche": (
        "Themenwünsche für das nächste Stadtgespräch",
        "Teilnehmende sammeln Vorschläge; die Koordinator:innen stimmen über die Themen ab.",
    ),
    "staedte": (
        "Kleine Städte und große Gemeinden im Vergleich",
        "Wie Landkreise und Bundesländer die Digitalisierung kleiner Kommunen fördern.",
    ),
    "ausschuesse": (
        "Sitzung der Ausschüsse für Umwelt und Verkehr",
        "Die Ausschüsse beraten die Beschlussvorlagen der Verwaltung vor der Sitzung des "
        "Gemeinderats.",
    ),
    "vorlage": (
        "Beschlussvorlage: Einführung eines digitalen Ratsinformationssystems",
        "Die Verwaltung empfiehlt dem Hauptausschuss, die Vorlage anzunehmen. Kosten: "
        "120.000 Euro jährlich.",
    ),
    "haushaltsplan": (
        "Haushaltsplan und Haushaltssatzung",
        "Der Kämmerer bringt den Entwurf ein; die Beratungen beginnen im November.",
    ),
    "beginn": (
        "Beginn der Bauarbeiten am Rathausplatz",
        "Die Arbeiten starten am Montag; Anwohnerinnen und Anwohner werden informiert.",
    ),
    "baeume": (
        "Stadtbäume und Grünflächen",
        "Sensoren messen die Bodenfeuchte unter Bäumen; das Grünflächenamt gießt gezielt.",
    ),
    "oeffentlich": (
        "Öffentlichkeitsarbeit der Stadtverwaltung",
        "Pressemitteilungen, soziale Medien und öffentliche Sitzungen.",
    ),
    "zuschuesse": (
        "Zuschüsse für Vereine",
        "Eine Förderrichtlinie regelt, wie Vereine Geld für ihre Digitalisierung erhalten.",
    ),
    "studierende": (
        "Studentinnen und Studenten gestalten Apps",
        "Hochschule und Stadt arbeiten zusammen: Studierende entwickeln Anwendungen für "
        "offene Verwaltungsdaten.",
    ),
    "kollegen": (
        "Austausch unter Kolleg*innen aus den Landkreisen",
        "Bürgermeister:innen und Amtsleiter berichten von ihren Erfahrungen mit der E-Akte.",
    ),
    "breitband": (
        "Breitbandausbau im Landkreis",
        "Glasfaser für Schulen, Gewerbegebiete und Haushalte; Fördermittel des Bundes.",
    ),
    "anfrage": (
        "Anfrage zur Verkehrsberuhigung in der Innenstadt",
        "Die Fraktion fragt nach Tempo 30 und Radwegen; die Antwort der Verwaltung liegt vor.",
    ),
    "niederschrift": (
        "Niederschrift der Gemeinderatssitzung",
        "Tagesordnung, Beschlüsse und Abstimmungsergebnisse der öffentlichen Sitzung.",
    ),
}

# (query, expected keys, keys that must not be found)
QUERIES: list[tuple[str, set[str], set[str]]] = [
    # Umlaut and ß folding
    ("Bürgerbeteiligung", {"beteiligung"}, {"hybrid"}),
    ("Buergerbeteiligung", {"beteiligung"}, set()),
    ("bürgerbeteiligung", {"beteiligung"}, set()),
    ("BÜRGERBETEILIGUNG", {"beteiligung"}, set()),
    ("Datensouveraenitaet", {"souveraenitaet"}, set()),
    ("Strassenbeleuchtung", {"klima"}, set()),
    ("Straßenbeleuchtung", {"klima"}, set()),
    ("Mobilitaet", {"mobilitaet"}, set()),
    # Gender forms
    ("Bürger:innenbeteiligung", {"beteiligung"}, set()),
    ("Bürger*innenbeteiligung", {"beteiligung"}, set()),
    ("Bürger:innen", {"beteiligung", "gender"}, set()),
    ("Bürger*innen", {"beteiligung", "gender"}, set()),
    ("BürgerInnen", {"beteiligung", "gender"}, set()),
    ("Bürger_innen", {"beteiligung", "gender"}, set()),
    ("Bürgerinnen", {"beteiligung", "gender"}, set()),
    ("Bürger", {"beteiligung", "gender"}, set()),
    ("Einwohner", {"gender"}, set()),
    ("Expertinnen", {"gender"}, set()),
    ("Lehrer", {"bildung"}, set()),
    # Stemming
    ("Beteiligung", {"beteiligung"}, set()),
    ("Beteiligungen", {"beteiligung"}, set()),
    ("Ratssitzung", {"hybrid"}, set()),
    ("Sitzung", {"hybrid"}, set()),
    ("Sensor", {"plattform", "wasser"}, set()),
    ("Algorithmen", {"ethik"}, set()),
    ("Schule", {"bildung"}, set()),
    ("Kommune", {"souveraenitaet"}, set()),
    ("digitalisiert", {"verwaltung"}, set()),
    ("Verwaltungen", {"verwaltung", "ethik"}, set()),
    ("Abstimmung", {"hybrid"}, set()),
    # Compound parts
    ("Souveränität", {"souveraenitaet"}, set()),
    ("Plattform", {"plattform", "beteiligung"}, set()),
    ("Datenplattform", {"plattform"}, {"beteiligung"}),
    ("Beleuchtung", {"klima"}, set()),
    ("Schutz", {"wasser", "klima"}, set()),
    ("Hochwasser", {"wasser"}, set()),
    ("Ethik", {"ethik"}, set()),
    ("Konferenz", {"hybrid"}, set()),
    # Several words and phrases
    ("offene Daten", {"plattform"}, set()),
    ('"Stadt der Zukunft"', {"zukunft"}, set()),
    ('"offene Standards"', {"souveraenitaet"}, {"plattform"}),
    ('"Daten offene"', set(), {"plattform"}),
    ("Smart City Strategie", {"strategie"}, set()),
    ("Rhein-Neckar", {"strategie"}, set()),
    ("künstliche Intelligenz", {"ethik"}, set()),
    ("Kaiserslautern Haushalt", {"beteiligung"}, {"plattform"}),
    ("Bamberg Kaiserslautern", set(), {"beteiligung", "plattform"}),
    ("Feuerwehr", {"wasser"}, set()),
    # Umlaut plurals meet their singular
    ("Wunsch", {"wuensche"}, set()),
    ("Wünsche", {"wuensche"}, set()),
    ("Themenwunsch", {"wuensche"}, set()),
    ("Antrag", {"antraege", "verwaltung"}, {"anfrage"}),
    ("Anträge", {"antraege", "verwaltung"}, set()),
    ("Änderungsantrag", {"antraege"}, set()),
    ("Stadt", {"staedte"}, set()),
    ("Städte", {"staedte", "strategie"}, set()),
    ("Ausschuss", {"ausschuesse", "vorlage"}, {"zuschuesse"}),
    ("Ausschüsse", {"ausschuesse", "vorlage"}, set()),
    ("Zuschuss", {"zuschuesse"}, {"ausschuesse"}),
    ("Baum", {"baeume"}, set()),
    ("Stadtbaum", {"baeume"}, set()),
    ("Bundesland", {"staedte"}, set()),
    ("Beschluss", {"niederschrift"}, set()),
    # Inflections
    ("beginnen", {"beginn", "haushaltsplan"}, set()),
    ("Beginn", {"beginn", "haushaltsplan"}, set()),
    ("Haushalte", {"breitband"}, set()),
    ("Gemeinde", {"staedte", "strategie"}, set()),
    ("Sitzungen", {"hybrid", "ausschuesse", "niederschrift", "oeffentlich"}, set()),
    ("öffentliche", {"oeffentlich", "niederschrift"}, set()),
    ("Öffentlichkeit", {"oeffentlich"}, set()),
    ("Fraktion", {"antraege", "anfrage"}, set()),
    ("Verein", {"zuschuesse"}, set()),
    ("Radweg", {"anfrage"}, set()),
    ("Landkreis", {"breitband", "staedte", "kollegen"}, set()),
    ("kleine Kommune", {"staedte"}, set()),
    # Council vocabulary
    ("Beschlussvorlage", {"vorlage", "ausschuesse"}, set()),
    ("Beschlussvorlagen", {"vorlage", "ausschuesse"}, set()),
    ("Vorlage", {"vorlage", "ausschuesse"}, set()),
    ("Haushalt", {"antraege", "beteiligung", "haushaltsplan"}, set()),
    ("Haushaltsplan", {"haushaltsplan"}, set()),
    ("Doppelhaushalt", {"antraege"}, set()),
    ("Digitalisierung", {"klima", "staedte", "zuschuesse", "zukunft"}, set()),
    ("Gemeinderat", {"antraege", "ausschuesse", "niederschrift"}, set()),
    ("Niederschrift", {"niederschrift"}, set()),
    ("Tagesordnung", {"niederschrift"}, set()),
    ("Anfrage", {"anfrage"}, {"antraege"}),
    ("Kämmerer", {"haushaltsplan"}, set()),
    # Gender forms
    ("Kolleginnen", {"kollegen"}, set()),
    ("Kolleg:innen", {"kollegen"}, set()),
    ("Kollegen", {"kollegen"}, set()),
    ("Studentinnen", {"studierende"}, set()),
    ("Studenten", {"studierende"}, set()),
    ("Bürgermeisterin", {"kollegen"}, set()),
    ("Bürgermeister", {"kollegen"}, set()),
    ("Anwohner*innen", {"beginn"}, set()),
    ("Koordinatorinnen", {"wuensche"}, set()),
    ("Koordinator", {"wuensche"}, set()),
    # Transliterations
    ("Oeffentlichkeitsarbeit", {"oeffentlich"}, set()),
    ("Zuschuesse", {"zuschuesse"}, set()),
    ("Staedte", {"staedte", "strategie"}, set()),
    ("Antraege", {"antraege", "verwaltung"}, set()),
    ("Ausschuesse", {"ausschuesse", "vorlage"}, set()),
    ("Buergermeister", {"kollegen"}, set()),
    ("Kaemmerer", {"haushaltsplan"}, set()),
    ("Gruenflaechen", {"baeume"}, set()),
    ("Foerdermittel", {"breitband"}, set()),
    # Compound parts
    ("Informationssystem", {"vorlage"}, set()),
    ("Sanierung", {"antraege"}, set()),
    ("Fläche", {"baeume"}, set()),
    ("Ausbau", {"breitband"}, set()),
    ("Richtlinie", {"zuschuesse"}, set()),
    ("Beruhigung", {"anfrage"}, set()),
    ("Rathaus", {"beginn"}, set()),
    ("Arbeit", {"oeffentlich", "beginn", "studierende"}, set()),
    ("Gewerbegebiet", {"breitband"}, set()),
    ("Verkehr", {"plattform", "ausschuesse", "anfrage"}, set()),
    # Compound parts found by the splitter (german.parts), not by a suffix of the stem
    ("Sitzungen", {"hybrid", "niederschrift"}, set()),
    ("Wünsche", {"wuensche"}, set()),
    ("Gespräch", {"wuensche"}, set()),
    # Several words, phrases, no hits
    ("Haushalt Fraktionen", {"antraege"}, {"beteiligung"}),
    ('"öffentliche Sitzung"', {"niederschrift", "oeffentlich"}, set()),
    ("Tempo 30", {"anfrage"}, set()),
    ("Schwimmbad", set(), set(CORPUS)),
    ("Haushalt Glasfaser Ethik", set(), set(CORPUS)),
]

# Ranking: the first result must be this key (title beats body).
RANKING: list[tuple[str, str]] = [
    ("Beteiligung", "beteiligung"),
    ("Plattform", "plattform"),
    ("Strategie", "strategie"),
    ("Anträge", "antraege"),
    ("Ausschuss", "ausschuesse"),
    ("Wunsch", "wuensche"),
    ("Zuschuss", "zuschuesse"),
    ("Beschlussvorlage", "vorlage"),
]


def metrics(found_for: Callable[[str], list[str]]) -> tuple[float, float]:
    """recall@10 and MRR over the queries with expected documents: `found_for(text)` gives
    the keys of the results, best first."""
    recalls, reciprocal_ranks = [], []
    for text, expected, _ in QUERIES:
        if not expected:
            continue
        found = found_for(text)
        recalls.append(len(expected & set(found[:10])) / len(expected))
        first = next((place for place, key in enumerate(found, 1) if key in expected), None)
        reciprocal_ranks.append(1 / first if first else 0.0)
    return sum(recalls) / len(recalls), sum(reciprocal_ranks) / len(reciprocal_ranks)
