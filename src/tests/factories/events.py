import datetime

import factory
from django.utils import timezone

from stadtgespraeche.events.enums import AgendaItemKind, AttendanceMode, EventStatus
from stadtgespraeche.events.models import AgendaItem, Event
from stadtgespraeche.network.enums import ApplicationStatus, MembershipStatus
from stadtgespraeche.network.models import (
    Membership,
    MembershipApplication,
    MembershipChange,
    Series,
)
from stadtgespraeche.registrations.enums import RegistrationStatus
from stadtgespraeche.registrations.models import Registration

from .accounts import UserFactory
from .directory import MunicipalityFactory


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series
        django_get_or_create = ("slug",)

    name = "Smarte Stadtgespräche"
    slug = "smarte-stadtgespraeche"
    accepts_applications = True
    started_on = datetime.date(2023, 9, 19)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    series = factory.SubFactory(SeriesFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    status = MembershipStatus.MEMBER
    since = datetime.date(2024, 1, 15)


class MembershipChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipChange

    membership = factory.SubFactory(MembershipFactory)
    from_status = MembershipStatus.APPLIED
    to_status = MembershipStatus.MEMBER
    note = "Aufgenommen"


class MembershipApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipApplication

    series = factory.SubFactory(SeriesFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    contact_name = "Erika Mustermann"
    contact_email = factory.Sequence(lambda n: f"kontakt{n}@stadt.example.org")
    contact_role = "Smart-City-Koordination"
    message = "Wir möchten gern mitmachen."
    consent_given_at = factory.LazyFunction(timezone.now)
    consent_text_version = "2026-11-v1"
    status = ApplicationStatus.PENDING


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    series = factory.SubFactory(SeriesFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Stadtgespräch {n + 1}")
    slug = factory.Sequence(lambda n: f"stadtgespraech-{n + 1}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    status = EventStatus.PUBLISHED


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    event = factory.SubFactory(EventFactory)
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at)
    duration = 15
    kind = AgendaItemKind.IMPULSE
    title = factory.Sequence(lambda n: f"Impuls {n + 1}")


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    mode = AttendanceMode.ONLINE
    status = RegistrationStatus.REGISTERED
