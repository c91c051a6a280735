import datetime

import factory
from django.utils import timezone

from stadtgespraeche.network.enums import ApplicationStatus, MembershipStatus
from stadtgespraeche.network.models import (
    Membership,
    MembershipApplication,
    MembershipChange,
    Series,
)

from .municipalities import MunicipalityFactory


class SeriesFactory(factory.django.DjangoModelFactory):
    """A new series on every call ("Reihe 1", "Reihe 2" …)."""

    class Meta:
        model = Series

    name = factory.Sequence(lambda n: f"Reihe {n + 1}")
    slug = factory.Sequence(lambda n: f"reihe-{n + 1}")
    accepts_applications = True
    started_on = datetime.date(2023, 9, 19)


class DefaultSeriesFactory(SeriesFactory):
    """The one "Smarte Stadtgespräche" series, created once and then reused.

    The factories of events, memberships, applications and wish rounds put their objects in
    it, so that an event and a membership made without a series belong together.
    """

    class Meta:
        model = Series
        django_get_or_create = ("slug",)

    name = "Smarte Stadtgespräche"
    name_genitive = "der Smarten Stadtgespräche"
    name_dative = "den Smarten Stadtgesprächen"
    slug = "smarte-stadtgespraeche"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    series = factory.SubFactory(DefaultSeriesFactory)
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

    series = factory.SubFactory(DefaultSeriesFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    contact_name = "Erika Mustermann"
    contact_email = factory.Sequence(lambda n: f"kontakt{n}@stadt.example.org")
    contact_role = "Smart-City-Koordination"
    message = "Wir möchten gern mitmachen."
    consent_given_at = factory.LazyFunction(timezone.now)
    consent_text_version = "2026-11-v1"
    status = ApplicationStatus.PENDING
