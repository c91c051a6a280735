import datetime
from zoneinfo import ZoneInfo

import pytest

from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.registrations.enums import RegistrationStatus
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.documentation import FeedbackFactory
from tests.factories.events import EventFactory
from tests.factories.municipalities import MunicipalityFactory, PartyFactory
from tests.factories.network import DefaultSeriesFactory
from tests.factories.people import AffiliationFactory
from tests.factories.registrations import RegistrationFactory

BERLIN = ZoneInfo("Europe/Berlin")
YEAR = 2025


def at(month: int, day: int, hour: int = 18, year: int = YEAR) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=BERLIN)


def held(series, number: int, month: int, **kwargs):
    return EventFactory(
        series=series,
        number=number,
        title=kwargs.pop("title", f"Stadtgespräch {number}"),
        starts_at=kwargs.pop("starts_at", at(month, 10)),
        ends_at=kwargs.pop("ends_at", at(month, 10, 20)),
        status=kwargs.pop("status", EventStatus.HELD),
        **kwargs,
    )


def councillor(municipality, party=None):
    user = UserFactory()
    AffiliationFactory(user=user, municipality=municipality, party=party)
    return user


def register(event, user, status=RegistrationStatus.REGISTERED):
    return RegistrationFactory(event=event, user=user, status=status)


@pytest.fixture
def series(db):
    return DefaultSeriesFactory()


@pytest.fixture
def organiser(db):
    return OrganiserFactory(first_name="Olga", last_name="Organisiert")


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


@pytest.fixture
def season_sessions(series):
    """Three held sessions in 2025 with people from three municipalities and three parties."""
    kl = MunicipalityFactory(name="Kaiserslautern")
    bamberg = MunicipalityFactory(name="Bamberg")
    ulm = MunicipalityFactory(name="Ulm")
    spd, gruene, fw = (
        PartyFactory(short_name="SPD"),
        PartyFactory(short_name="GRÜNE", name="BÜNDNIS 90/DIE GRÜNEN"),
        PartyFactory(short_name="FW", name="Freie Wähler"),
    )
    anna, bernd, cem, dora = (
        councillor(kl, spd),
        councillor(kl, gruene),
        councillor(bamberg, spd),
        councillor(ulm, fw),
    )
    first = held(series, 1, 3, title="Auftakt")
    second = held(series, 2, 6, title="Hybride Ratsarbeit")
    third = held(series, 3, 9, title="Datenethik", status=EventStatus.DOCUMENTED)
    register(first, anna, RegistrationStatus.ATTENDED)
    register(first, bernd, RegistrationStatus.ATTENDED)
    register(first, cem, RegistrationStatus.NO_SHOW)
    register(first, dora, RegistrationStatus.WAITLISTED)
    register(second, anna, RegistrationStatus.ATTENDED)
    register(second, cem, RegistrationStatus.ATTENDED)
    register(second, dora, RegistrationStatus.CANCELLED)
    register(third, dora)
    FeedbackFactory(event=first, user=anna, rating=5, useful="Geheimer Freitext Anna")
    FeedbackFactory(event=first, user=bernd, rating=4, topic_wishes="Wunsch von Bernd")
    FeedbackFactory(event=second, user=cem, rating=3)
    return {"events": [first, second, third], "people": [anna, bernd, cem, dora]}
