"""Demo good practices for the founding members' smart-city themes.

Written neutrally: what kind of project it is and which questions councillors discuss about
it, without invented figures, quotes or names. Idempotent (looked up by title).
"""

from stadtgespraeche.accounts.models import User
from stadtgespraeche.knowledge import services
from stadtgespraeche.knowledge.enums import PracticeStatus
from stadtgespraeche.knowledge.models import Practice
from stadtgespraeche.municipalities.models import Municipality
from stadtgespraeche.topics.models import Topic

PRACTICES = [
    {
        "key": "kaiserslautern",
        "title": "Digitale Bürgerbeteiligung über eine städtische Beteiligungsplattform",
        "summary": (
            "Wie eine Stadt Beteiligungsverfahren online öffnet und die Ergebnisse in die "
            "Ratsarbeit zurückführt."
        ),
        "status": PracticeStatus.IN_OPERATION,
        "problem": (
            "Beteiligungsverfahren erreichten vor allem Menschen, die Zeit für "
            "Präsenzveranstaltungen haben. Der Rat wollte mehr Stimmen hören und "
            "nachvollziehbar machen, was mit den Beiträgen geschieht."
        ),
        "approach": (
            "Die Stadt nutzt eine Online-Plattform für Beteiligungsverfahren, die Präsenz-"
            "formate ergänzt. Verfahren werden mit einem klaren Zeitraum, einer Frage und "
            "einem Hinweis veröffentlicht, wie die Ergebnisse verwendet werden.\n\n"
            "- Verfahren werden im zuständigen Ausschuss angekündigt\n"
            "- Ergebnisse werden zusammengefasst und öffentlich gemacht"
        ),
        "lessons_learned": (
            "Beteiligung braucht eine Rückmeldung: Wer mitmacht, möchte erfahren, was aus "
            "dem Beitrag geworden ist."
        ),
        "topics": ["digitale-buergerbeteiligung"],
        "author": "organiser",
    },
    {
        "key": "bamberg",
        "title": "Hybride Ratssitzungen vorbereiten",
        "summary": (
            "Welche rechtlichen, technischen und organisatorischen Fragen eine Kommune "
            "klären muss, bevor Ratsmitglieder digital an Sitzungen teilnehmen."
        ),
        "status": PracticeStatus.PILOT,
        "problem": (
            "Ratsmitglieder mit Familien- oder Pflegeaufgaben oder langen Wegen können nicht "
            "immer vor Ort sein. Die Gemeindeordnung setzt dafür Rahmenbedingungen."
        ),
        "approach": (
            "Die Verwaltung stellt die rechtlichen Voraussetzungen zusammen, erprobt die "
            "Technik in Ausschüssen und bespricht mit den Fraktionen, wie Abstimmungen und "
            "Wortmeldungen hybrid funktionieren."
        ),
        "lessons_learned": (
            "Die Technik ist selten das größte Hindernis; wichtiger sind klare Regeln für "
            "Wortmeldungen, Abstimmungen und Nichtöffentlichkeit."
        ),
        "topics": ["hybride-ratsarbeit"],
        "author": "coordinator",
    },
    {
        "key": "rhein-neckar",
        "title": "Regionale Zusammenarbeit bei digitalen Diensten",
        "summary": (
            "Wie Kommunen einer Region digitale Dienste gemeinsam planen, statt jede für sich "
            "neu zu beginnen."
        ),
        "status": PracticeStatus.IN_OPERATION,
        "problem": (
            "Kleinere Kommunen können digitale Projekte allein oft nicht stemmen; gleichzeitig "
            "lösen viele Kommunen einer Region dieselben Aufgaben."
        ),
        "approach": (
            "Kommunen einer Metropolregion stimmen Vorhaben in einem regionalen Rahmen ab, "
            "teilen Erfahrungen und nutzen Lösungen gemeinsam, wo es passt."
        ),
        "lessons_learned": (
            "Gemeinsame Standards und offene Schnittstellen erleichtern es, Lösungen zu übertragen."
        ),
        "topics": ["digitale-souveraenitaet"],
        "author": "organiser",
    },
]


def load_demo_practices(
    *,
    municipalities: dict[str, Municipality],
    organiser: User,
    coordinator: User,
) -> int:
    """Create the demo practices that do not exist yet; return how many were created."""
    authors = {"organiser": organiser, "coordinator": coordinator}
    created = 0
    for entry in PRACTICES:
        if Practice.objects.filter(title=entry["title"]).exists():
            continue
        data = dict(entry)
        municipality = municipalities[data.pop("key")]
        author = authors[data.pop("author")]
        topics = list(Topic.objects.filter(slug__in=data.pop("topics")))
        practice = services.create_practice(
            author=author,
            municipalities=[municipality],
            topics=topics,
            **data,
        )
        services.submit_for_review(practice, by=author)
        services.publish(practice, by=organiser)
        created += 1
    return created
