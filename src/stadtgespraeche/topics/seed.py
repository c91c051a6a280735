"""The topics every installation starts with: the format's own topics and further
digital-policy topics. Loaded by the data migration 0002_seed_topics; kept here so the
texts can be read and reviewed in one place. Content is German (it is data, not UI)."""

SEED_TOPICS: list[dict[str, str]] = [
    {
        "slug": "digitale-buergerbeteiligung",
        "title": "Digitale Bürgerbeteiligung",
        "summary": (
            "Wie Kommunen Bürgerinnen und Bürger mit digitalen Werkzeugen an Planungen und "
            "Entscheidungen beteiligen – und was Ratsmitglieder dabei bedenken sollten."
        ),
        "body": (
            "Digitale Beteiligung ergänzt Bürgerversammlungen, Auslegungen und Workshops um "
            "Online-Verfahren: Umfragen, Kommentierung von Planentwürfen, Ideensammlungen "
            "oder Bürgerhaushalte.\n\n"
            "## Fragen für den Austausch\n\n"
            "- Welche Verfahren eignen sich für welche Entscheidungen?\n"
            "- Wie erreicht man Menschen, die sich sonst nicht beteiligen?\n"
            "- Wie fließen die Ergebnisse nachvollziehbar in die Beratung des Rates ein?\n"
            "- Welche Rolle spielen offene Beteiligungssoftware und Datenschutz?"
        ),
    },
    {
        "slug": "hybride-ratsarbeit",
        "title": "Hybride Ratsarbeit",
        "summary": (
            "Sitzungen von Rat und Ausschüssen mit Teilnahme vor Ort und per Video: "
            "Rechtsrahmen, Technik und Sitzungskultur."
        ),
        "body": (
            "Hybride Sitzungen erlauben es Ratsmitgliedern, von außerhalb des Sitzungssaals "
            "teilzunehmen. Ob und wie das zulässig ist, regelt das Kommunalrecht des "
            "jeweiligen Landes.\n\n"
            "## Fragen für den Austausch\n\n"
            "- Welche Regeln gelten im eigenen Land, was steht in der Geschäftsordnung?\n"
            "- Wie werden Abstimmungen und nichtöffentliche Teile sicher durchgeführt?\n"
            "- Welche Technik hat sich bewährt, wie gelingt die Moderation?\n"
            "- Macht hybride Ratsarbeit das Mandat mit Beruf und Familie besser vereinbar?"
        ),
    },
    {
        "slug": "digitale-souveraenitaet",
        "title": "Digitale Souveränität",
        "summary": (
            "Die Fähigkeit einer Kommune, über ihre IT, ihre Daten und ihre Anbieter "
            "selbst zu bestimmen."
        ),
        "body": (
            "Digitale Souveränität beschreibt, wie weit eine Kommune ihre digitalen "
            "Werkzeuge selbst gestalten, wechseln und kontrollieren kann – statt von einzelnen "
            "Anbietern abhängig zu sein.\n\n"
            "## Fragen für den Austausch\n\n"
            "- Wo bestehen Abhängigkeiten von einzelnen Anbietern?\n"
            "- Welche Rolle spielen offene Standards, offene Schnittstellen und Open Source?\n"
            "- Wie kann der Rat digitale Souveränität in Beschlüssen und Vergaben verankern?"
        ),
    },
    {
        "slug": "datenethik",
        "title": "Datenethik",
        "summary": (
            "Welche Daten eine Kommune erheben und nutzen sollte – und nach welchen "
            "Grundsätzen sie das tut."
        ),
        "body": (
            "Mit Sensoren, Plattformen und digitalen Diensten entstehen in Kommunen immer "
            "mehr Daten. Datenethik fragt über das rechtlich Zulässige hinaus, was "
            "angemessen, fair und gemeinwohlorientiert ist.\n\n"
            "## Fragen für den Austausch\n\n"
            "- Nach welchen Grundsätzen werden Daten erhoben, genutzt und geteilt?\n"
            "- Wie bleibt nachvollziehbar, was mit den Daten geschieht?\n"
            "- Brauchen Kommunen Datenstrategien oder Ethik-Leitlinien – und wer beschließt sie?"
        ),
    },
    {
        "slug": "open-data",
        "title": "Open Data",
        "summary": (
            "Offene Verwaltungsdaten, die alle frei nutzen dürfen: Chancen, Aufwand und "
            "Voraussetzungen."
        ),
        "body": (
            "Open Data heißt: Daten der Verwaltung werden maschinenlesbar und unter einer "
            "offenen Lizenz veröffentlicht, zum Beispiel über ein Datenportal.\n\n"
            "## Fragen für den Austausch\n\n"
            "- Welche Datensätze sind für Bürgerschaft, Wirtschaft und Wissenschaft wertvoll?\n"
            "- Wie wird Veröffentlichung zur Routine statt zum Einzelprojekt?\n"
            "- Welche Lizenzen und Standards sind sinnvoll?"
        ),
    },
    {
        "slug": "ki-in-der-verwaltung",
        "title": "KI in der Verwaltung",
        "summary": (
            "Einsatz von Künstlicher Intelligenz in der Kommunalverwaltung: "
            "Anwendungsfälle, Regeln und Verantwortung."
        ),
        "body": (
            "Werkzeuge der Künstlichen Intelligenz können Verwaltungen zum Beispiel beim "
            "Bearbeiten von Texten, Auskünften oder Auswertungen unterstützen. Für ihren "
            "Einsatz gelten rechtliche Vorgaben, etwa aus dem Datenschutzrecht und der "
            "europäischen KI-Verordnung.\n\n"
            "## Fragen für den Austausch\n\n"
            "- Für welche Aufgaben ist KI geeignet, wo nicht?\n"
            "- Wer trägt die Verantwortung für Entscheidungen?\n"
            "- Wie werden Beschäftigte und Bürgerschaft einbezogen und informiert?"
        ),
    },
    {
        "slug": "urbane-datenplattformen",
        "title": "Smart-City-Plattformen und urbane Datenplattformen",
        "summary": (
            "Plattformen, die Daten aus Sensoren, Fachverfahren und offenen Quellen einer "
            "Kommune zusammenführen."
        ),
        "body": (
            "Urbane Datenplattformen sammeln und verknüpfen Daten, etwa zu Verkehr, Umwelt "
            "oder Energie, und stellen sie für Dashboards, Anwendungen und die Planung "
            "bereit.\n\n"
            "## Fragen für den Austausch\n\n"
            "- Selbst betreiben, gemeinsam mit anderen Kommunen oder einkaufen?\n"
            "- Welche offenen Standards und Schnittstellen verhindern Abhängigkeiten?\n"
            "- Wie wird der Nutzen für die Bürgerschaft sichtbar?"
        ),
    },
    {
        "slug": "digitale-daseinsvorsorge",
        "title": "Digitale Daseinsvorsorge",
        "summary": ("Digitale Infrastruktur und Dienste als Teil der kommunalen Grundversorgung."),
        "body": (
            "Zur Daseinsvorsorge gehören Leistungen, auf die Menschen im Alltag angewiesen "
            "sind. Zunehmend zählen dazu auch digitale Angebote: Breitband und öffentliches "
            "WLAN, Online-Dienste der Verwaltung oder digitale Angebote von Stadtwerken.\n\n"
            "## Fragen für den Austausch\n\n"
            "- Welche digitalen Angebote sollte eine Kommune selbst bereitstellen?\n"
            "- Wie bleiben Angebote für alle zugänglich, auch ohne digitale Vorkenntnisse?\n"
            "- Welche Rolle spielen kommunale Unternehmen?"
        ),
    },
    {
        "slug": "open-source-in-der-verwaltung",
        "title": "Open Source in der Verwaltung",
        "summary": (
            "Freie Software in Kommunen: Nutzen, Zusammenarbeit mit anderen Verwaltungen "
            "und Umstieg."
        ),
        "body": (
            "Open-Source-Software darf frei genutzt, untersucht, verändert und "
            "weitergegeben werden. Kommunen können so Lösungen gemeinsam entwickeln und "
            "nachnutzen.\n\n"
            "## Fragen für den Austausch\n\n"
            "- Wo setzen Kommunen bereits Open Source ein?\n"
            "- Wie gelingt die gemeinsame Entwicklung und Pflege mit anderen Kommunen?\n"
            "- Was bedeutet ein Umstieg für Beschäftigte, Betrieb und Haushalt?"
        ),
    },
    {
        "slug": "digitale-barrierefreiheit",
        "title": "Digitale Barrierefreiheit",
        "summary": (
            "Websites, Apps und Dokumente, die alle Menschen nutzen können – auch mit "
            "Behinderungen."
        ),
        "body": (
            "Öffentliche Stellen sind verpflichtet, ihre Websites und mobilen Anwendungen "
            "barrierefrei zu gestalten; maßgeblich sind die Barrierefreiheitsgesetze von Bund "
            "und Ländern.\n\n"
            "## Fragen für den Austausch\n\n"
            "- Wie wird Barrierefreiheit von Anfang an in Vergaben und Projekten verankert?\n"
            "- Wie werden Menschen mit Behinderungen beteiligt?\n"
            "- Welche Angebote gibt es in Leichter Sprache?"
        ),
    },
]
