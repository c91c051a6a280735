"""Demo content: the real first session "Auftakt der Smarten Stadtgespräche" (19 Sep 2023).

What is known from public press reports (DESIGN.md): it ran online on BigBlueButton,
organised by Kaiserslautern with Smart City Bamberg and the Metropolregion Rhein-Neckar,
with one short impulse from each of them, on digital citizen participation and hybrid
council work. The exact time of day is not documented here: the demo uses 17:00–19:00
(Europe/Berlin) and the texts do not state it as fact. The minutes are neutral: no quotes,
figures or names of real people. Participants and feedback are the fictional demo
councillors.

Idempotent: the event is found by its slug; registrations, minutes and feedback are only
created when missing.
"""

import datetime
from zoneinfo import ZoneInfo

from django.db.models import Max

from stadtgespraeche.accounts.enums import Role
from stadtgespraeche.accounts.models import User
from stadtgespraeche.documentation.models import Feedback, Minutes
from stadtgespraeche.events.enums import (
    AgendaItemKind,
    AttendanceMode,
    Confidentiality,
    EventFormat,
    EventStatus,
    RecordingPolicy,
)
from stadtgespraeche.events.models import AgendaItem, Event
from stadtgespraeche.municipalities.models import Municipality
from stadtgespraeche.network.models import Series
from stadtgespraeche.registrations.enums import RegistrationStatus
from stadtgespraeche.registrations.models import Registration
from stadtgespraeche.topics.models import Topic

SLUG = "1-auftakt-der-smarten-stadtgespraeche"
TITLE = "Auftakt der Smarten Stadtgespräche"
BERLIN = ZoneInfo("Europe/Berlin")
STARTS_AT = datetime.datetime(2023, 9, 19, 17, 0, tzinfo=BERLIN)
ENDS_AT = datetime.datetime(2023, 9, 19, 19, 0, tzinfo=BERLIN)
TOPIC_SLUGS = ("digitale-buergerbeteiligung", "hybride-ratsarbeit")
# Demo councillors per municipality who took part (fictional people of pages/demo.py).
PARTICIPANTS_PER_MUNICIPALITY = 3

DESCRIPTION = (
    "Das erste Smarte Stadtgespräch: Ratsmitglieder aus Kaiserslautern, Bamberg und der "
    "Metropolregion Rhein-Neckar tauschen sich parteiübergreifend über Digitalpolitik aus. "
    "Jede der drei Kommunen stellt in einem kurzen Impuls ein aktuelles Smart-City-Projekt "
    "vor; danach ist Zeit für den Erfahrungsaustausch."
)

MINUTES = """\
## Begrüßung

Die Smart-City-Koordination aus Kaiserslautern begrüßte die Teilnehmenden, stellte das
Format der Smarten Stadtgespräche vor und erläuterte den Ablauf. Die Koordinationen der
beteiligten Kommunen hatten ihre Ratsmitglieder eingeladen und vorab Themenwünsche
gesammelt.

## Impulse

- **Kaiserslautern** stellte Erfahrungen mit digitalen Beteiligungsangeboten für die
  Stadtgesellschaft vor.
- **Bamberg** berichtete aus seinem Smart-City-Programm, wie Bürgerinnen und Bürger in
  Projekte einbezogen werden.
- **Metropolregion Rhein-Neckar** zeigte, wie digitale Werkzeuge die Zusammenarbeit von
  Kommunen und Gremien in der Region unterstützen können.

## Austausch

Im offenen Austausch ging es um die Frage, wie digitale Bürgerbeteiligung die klassische
Beteiligung ergänzen kann, ohne Menschen ohne digitale Zugänge auszuschließen, und welche
Rolle die Räte dabei haben. Beim Thema *hybride Ratsarbeit* wurden rechtliche Rahmen,
technische Voraussetzungen und die Vereinbarkeit des Ehrenamts mit Beruf und Familie
angesprochen. Die Teilnehmenden betonten den Wert eines parteiübergreifenden Austauschs
zwischen Kommunen in ähnlicher Projektphase.
"""

RESULTS = """\
- Das Format wird als Reihe fortgesetzt; weitere Vorreiterkommunen sollen hinzukommen.
- Die Themenwünsche der Teilnehmenden werden für die nächsten Termine gesammelt.
- Vorgeschlagene Themen für kommende Stadtgespräche: digitale Souveränität und Datenethik.
"""

AGENDA = [
    # (minutes after start, duration, kind, title, presenting municipality key)
    (0, 10, AgendaItemKind.WELCOME, "Begrüßung und Vorstellung des Formats", "host"),
    (10, 15, AgendaItemKind.IMPULSE, "Impuls aus Kaiserslautern", "kaiserslautern"),
    (25, 15, AgendaItemKind.IMPULSE, "Impuls aus Bamberg", "bamberg"),
    (40, 15, AgendaItemKind.IMPULSE, "Impuls aus der Metropolregion Rhein-Neckar", "rhein_neckar"),
    (55, 55, AgendaItemKind.EXCHANGE, "Austausch: Bürgerbeteiligung und hybride Ratsarbeit", ""),
    (110, 10, AgendaItemKind.WRAP_UP, "Abschluss und Ausblick", "host"),
]

FEEDBACK = [
    (5, "Die kurzen Impulse aus den drei Kommunen", "Digitale Souveränität"),
    (4, "Der offene Austausch über Parteigrenzen hinweg", "Datenethik in der Verwaltung"),
    (4, "", "Open Data"),
    (5, "Beispiele aus Kommunen ähnlicher Größe", ""),
]


def load_first_session(
    series: Series,
    organiser: User,
    kaiserslautern: Municipality,
    bamberg: Municipality,
    rhein_neckar: Municipality,
) -> Event:
    """Create (or complete) the documented first session; see the module docstring."""
    event = Event.objects.filter(slug=SLUG).first()
    if event is None:
        taken = Event.objects.filter(series=series, number=1).exists()
        last = Event.objects.filter(series=series).aggregate(last=Max("number"))["last"] or 0
        event = Event.objects.create(
            series=series,
            number=last + 1 if taken else 1,
            title=TITLE,
            slug=SLUG,
            description=DESCRIPTION,
            starts_at=STARTS_AT,
            ends_at=ENDS_AT,
            format=EventFormat.ONLINE,
            online_info="BigBlueButton",
            confidentiality=Confidentiality.PUBLIC,
            recording_policy=RecordingPolicy.NONE,
            status=EventStatus.DOCUMENTED,
        )
        event.hosts.set([kaiserslautern])
        event.co_hosts.set([bamberg, rhein_neckar])
        event.topics.set(Topic.objects.filter(slug__in=TOPIC_SLUGS))
        presenters = {
            "host": kaiserslautern,
            "kaiserslautern": kaiserslautern,
            "bamberg": bamberg,
            "rhein_neckar": rhein_neckar,
        }
        for offset, duration, kind, title, presenter in AGENDA:
            AgendaItem.objects.create(
                event=event,
                starts_at=STARTS_AT + datetime.timedelta(minutes=offset),
                duration=duration,
                kind=kind,
                title=title,
                municipality=presenters.get(presenter),
            )
    Minutes.objects.get_or_create(
        event=event,
        defaults={
            "body": MINUTES,
            "results": RESULTS,
            "published_at": ENDS_AT + datetime.timedelta(days=7),
            "published_by": organiser,
        },
    )
    participants: list[User] = []
    for municipality in (kaiserslautern, bamberg, rhein_neckar):
        participants += list(
            User.objects.filter(
                is_demo=True,
                role=Role.COUNCILLOR,
                affiliations__municipality=municipality,
            )
            .distinct()
            .order_by("email")[:PARTICIPANTS_PER_MUNICIPALITY]
        )
    for person in participants:
        Registration.objects.get_or_create(
            event=event,
            user=person,
            defaults={
                "mode": AttendanceMode.ONLINE,
                "status": RegistrationStatus.ATTENDED,
                "registered_by": organiser,
            },
        )
    for person, (rating, useful, wishes) in zip(participants, FEEDBACK, strict=False):
        Feedback.objects.get_or_create(
            event=event,
            user=person,
            defaults={"rating": rating, "useful": useful, "topic_wishes": wishes},
        )
    return event
