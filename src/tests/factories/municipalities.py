import factory

from stadtgespraeche.municipalities.enums import MunicipalityKind
from stadtgespraeche.municipalities.models import District, Municipality, Party, State


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
