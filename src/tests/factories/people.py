import factory

from stadtgespraeche.people.enums import AffiliationRole, Body
from stadtgespraeche.people.models import Affiliation, Faction, Mandate, Profile

from .accounts import UserFactory
from .municipalities import MunicipalityFactory, PartyFactory


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
