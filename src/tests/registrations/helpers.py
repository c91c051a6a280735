"""Shared set-up for the registration tests (plain functions, no surprises)."""

import datetime

from django.utils import timezone

from stadtgespraeche.events.enums import EventFormat, EventStatus
from stadtgespraeche.people.enums import AffiliationRole
from tests.factories.accounts import CoordinatorFactory, UserFactory
from tests.factories.events import EventFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.people import AffiliationFactory


def open_event(**kwargs):
    """A hybrid event with open registration: 2 places in person, online without limit."""
    defaults = {
        "status": EventStatus.REGISTRATION_OPEN,
        "format": EventFormat.HYBRID,
        "capacity_in_person": 2,
        "capacity_online": None,
        "venue_address": "Rathaus, Willy-Brandt-Platz 1, 67657 Kaiserslautern",
    }
    defaults.update(kwargs)
    return EventFactory(**defaults)


def past_event(**kwargs):
    start = timezone.now() - datetime.timedelta(days=2)
    defaults = {
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=2),
        "status": EventStatus.HELD,
    }
    defaults.update(kwargs)
    return open_event(**defaults)


def coordinator_with_councillor(*, councillor=None):
    """A coordinator of a municipality and one councillor affiliated with it."""
    municipality = MunicipalityFactory()
    coordinator = CoordinatorFactory()
    AffiliationFactory(
        user=coordinator, municipality=municipality, role=AffiliationRole.COORDINATOR
    )
    councillor = councillor or UserFactory()
    AffiliationFactory(user=councillor, municipality=municipality, role=AffiliationRole.COUNCILLOR)
    return coordinator, councillor
