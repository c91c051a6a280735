import factory

from stadtgespraeche.municipalities.enums import MunicipalityKind
from stadtgespraeche.municipalities.models import District, Municipality, Party, State
from stadtgespraeche.people.enums import AffiliationRole, Body
from stadtgespraeche.people.models import Affiliation, Faction, Mandate, Profile

from .accounts import UserFactory


class StateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = State
        django_get_or_create = ("code",)

    code = "07"
    name = "Rheinland-Pfalz"
    abbreviation = "RP"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("ags",)

    ags = factory.Sequence(lambda n: f"{n % 100000:05d}")
    name = factory.Sequence(lambda n: f"Kreis {n}")
    district_type = "Landkreis"
    state = factory.SubFactory(StateFactory)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    key = factory.Sequence(lambda n: f"99{n:06d}")
    name = factory.Sequence(lambda n: f"Musterstadt {n}")
    slug = factory.Sequence(lambda n: f"musterstadt-{n}")
    kind = MunicipalityKind.CITY
    state = factory.SubFactory(StateFactory)
    population = 100_000
    latitude = 49.4
    longitude = 7.7


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party
        django_get_or_create = ("short_name",)

    short_name = "SPD"
    name = "Sozialdemokratische Partei Deutschlands"
    color = "#E3000F"


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliation

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    role = AffiliationRole.COUNCILLOR


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)


class FactionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Faction

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Fraktion {n}")
    party = factory.SubFactory(PartyFactory)


class MandateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mandate

    profile = factory.SubFactory(ProfileFactory)
    municipality = factory.SelfAttribute("profile.municipality")
    body = Body.CITY_COUNCIL
    faction = factory.SubFactory(
        FactionFactory, municipality=factory.SelfAttribute("..municipality")
    )
    party = factory.SelfAttribute("faction.party")
