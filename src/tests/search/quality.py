"""The German search-quality set: a small corpus and queries with their expected hits.

Each query lists the documents that must be found (`expected`) and may list documents that
must not be found (`absent`). Run on both backends by test_quality.py."""

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
]

# Ranking: the first result must be this key (title beats body).
RANKING: list[tuple[str, str]] = [
    ("Beteiligung", "beteiligung"),
    ("Plattform", "plattform"),
    ("Strategie", "strategie"),
]
