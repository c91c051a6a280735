"""Demo content for registration: one upcoming hybrid Stadtgespräch with open registration
whose in-person places are nearly taken (11 of 12), so that the demo councillor can take
the last place and the next person lands on the waitlist.

Called from `demo.loader.load_demo`; idempotent (the event is found by its title, people
already registered are skipped). The registrations are written directly, without e-mails:
demo addresses cannot receive mail.
"""

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from stadtgespraeche.accounts.enums import Role
from stadtgespraeche.accounts.models import User
from stadtgespraeche.events import services as event_services
from stadtgespraeche.events.enums import AgendaItemKind, AttendanceMode, EventFormat, EventStatus
from stadtgespraeche.events.models import Event
from stadtgespraeche.municipalities.models import Municipality
from stadtgespraeche.network.models import Series
from stadtgespraeche.registrations.enums import RegistrationStatus
from stadtgespraeche.registrations.models import Registration

TITLE = "Digitale Souveränität in der Kommune"
DESCRIPTION = (
    "Wie behalten Kommunen die Kontrolle über ihre Daten und Systeme? Kurze Impulse aus "
    "den Mitgliedskommunen, danach Austausch in kleiner Runde vor Ort und online."
)
CAPACITY_IN_PERSON = 12
CAPACITY_ONLINE = 40
REGISTERED_IN_PERSON = 11
BERLIN = ZoneInfo("Europe/Berlin")


def _start() -> datetime.datetime:
    """Three weeks from today, 17:00 in Berlin."""
    day = timezone.localdate() + datetime.timedelta(days=21)
    return datetime.datetime.combine(day, datetime.time(17, 0), tzinfo=BERLIN)


# (minutes after the start, duration, kind, title, abstract) — a neutral, plausible plan.
AGENDA = [
    (0, 10, AgendaItemKind.WELCOME, "Begrüßung", ""),
    (
        10,
        20,
        AgendaItemKind.IMPULSE,
        "Offene Standards in der kommunalen IT",
        "Welche Abhängigkeiten bestehen, und welche Rolle können offene Standards spielen?",
    ),
    (30, 60, AgendaItemKind.EXCHANGE, "Austausch in kleinen Runden vor Ort und online", ""),
    (90, 30, AgendaItemKind.WRAP_UP, "Abschluss und Themen für das nächste Stadtgespräch", ""),
]


def _agenda(event: Event, *, host: Municipality, by: User) -> None:
    for offset, duration, kind, title, abstract in AGENDA:
        event_services.save_agenda_item(
            event,
            by=by,
            starts_at=event.starts_at + datetime.timedelta(minutes=offset),
            duration=duration,
            kind=kind,
            title=title,
            abstract=abstract,
            municipality=host if kind == AgendaItemKind.IMPULSE else None,
        )


@transaction.atomic
def load_demo_registrations(
    *, series: Series, organiser: User, host: Municipality, keep_free: str
) -> Event:
    """The upcoming event with open registration; `keep_free` (an e-mail) is not registered."""
    event = Event.objects.filter(series=series, title=TITLE).first()
    if event is None:
        starts_at = _start()
        event = event_services.create_event(
            series=series,
            title=TITLE,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=2),
            by=organiser,
            description=DESCRIPTION,
            format=EventFormat.HYBRID,
            venue_address=f"Rathaus {host.name}",
            venue_municipality=host,
            capacity_in_person=CAPACITY_IN_PERSON,
            capacity_online=CAPACITY_ONLINE,
            hosts=[host],
        )
        _agenda(event, host=host, by=organiser)
        for status in (EventStatus.PUBLISHED, EventStatus.REGISTRATION_OPEN):
            event_services.transition_event(event, to=status, by=organiser)
    councillors = (
        User.objects.filter(is_demo=True, role=Role.COUNCILLOR, is_active=True)
        .exclude(email=keep_free)
        .order_by("email")
    )
    registered = set(Registration.objects.filter(event=event).values_list("user_id", flat=True))
    holders = Registration.objects.filter(
        event=event, mode=AttendanceMode.IN_PERSON, status=RegistrationStatus.REGISTERED
    ).count()
    for councillor in councillors:
        if holders >= REGISTERED_IN_PERSON:
            break
        if councillor.pk in registered:
            continue
        Registration.objects.create(
            event=event,
            user=councillor,
            mode=AttendanceMode.IN_PERSON,
            status=RegistrationStatus.REGISTERED,
            registered_by=organiser,
            on_participant_list=councillor.pk % 2 == 0,
        )
        holders += 1
    return event
