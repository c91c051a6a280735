"""Municipality pages list their network people according to visibility (people.privacy)."""

import datetime

import pytest

from stadtgespraeche.network.enums import MembershipStatus
from stadtgespraeche.network.models import Membership, Series
from stadtgespraeche.people.enums import Body, Visibility
from tests.factories.accounts import UserFactory
from tests.factories.municipalities import MunicipalityFactory, PartyFactory
from tests.factories.people import FactionFactory, MandateFactory, ProfileFactory

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


@pytest.fixture
def municipality():
    municipality = MunicipalityFactory(name="Flussstadt")
    series = Series.objects.create(name="Smarte Stadtgespräche", slug="smarte-stadtgespraeche")
    Membership.objects.create(
        series=series,
        municipality=municipality,
        status=MembershipStatus.MEMBER,
        since=datetime.date(2023, 9, 19),
    )
    return municipality


def _person(municipality, number, **visibility):
    profile = ProfileFactory(
        municipality=municipality,
        user=UserFactory(first_name="Person", last_name=f"Nummer{number}"),
        **{f"{group}_visibility": value for group, value in visibility.items()},
    )
    MandateFactory(
        profile=profile,
        faction=FactionFactory(
            municipality=municipality,
            name=f"Fraktion {number}",
            party=PartyFactory(short_name="Volt", name="Volt Deutschland", color="#502379"),
        ),
    )
    return profile


def test_municipality_page_lists_public_people_with_party_and_faction(client, municipality):
    profile = _person(municipality, 1, identity=Visibility.PUBLIC, mandates=Visibility.PUBLIC)

    response = client.get(municipality.get_absolute_url())

    content = response.content.decode()
    assert "Personen im Netzwerk" in content
    assert "Person Nummer1" in content
    assert profile.get_absolute_url() in content
    assert "Fraktion 1" in content
    assert "Volt" in content
    assert str(Body.CITY_COUNCIL.label) in content


def test_municipality_page_hides_mandates_without_permission(client, municipality):
    _person(municipality, 1, identity=Visibility.PUBLIC)

    content = client.get(municipality.get_absolute_url()).content.decode()

    assert "Person Nummer1" in content
    assert "Fraktion 1" not in content


def test_municipality_page_hides_network_people_from_the_public(client, municipality):
    _person(municipality, 1)

    content = client.get(municipality.get_absolute_url()).content.decode()

    assert "Person Nummer1" not in content
    assert "Personen im Netzwerk" not in content
    client.force_login(UserFactory())
    content = client.get(municipality.get_absolute_url()).content.decode()
    assert "Person Nummer1" in content
    assert "Fraktion 1" in content


def test_municipality_page_skips_inactive_people_and_other_municipalities(client, municipality):
    inactive = _person(municipality, 1, identity=Visibility.PUBLIC)
    inactive.user.is_active = False
    inactive.user.save()
    _person(MunicipalityFactory(), 2, identity=Visibility.PUBLIC)

    content = client.get(municipality.get_absolute_url()).content.decode()

    assert "Person Nummer1" not in content
    assert "Person Nummer2" not in content


def test_municipality_page_lists_own_profile_even_if_hidden(client, municipality):
    profile = _person(municipality, 1, identity=Visibility.ORGANISERS)
    client.force_login(profile.user)

    content = client.get(municipality.get_absolute_url()).content.decode()

    assert "Person Nummer1" in content


@pytest.mark.parametrize("count", [1, 3])
def test_municipality_page_people_query_count(
    client, django_assert_num_queries, municipality, count
):
    for number in range(count):
        _person(municipality, number, identity=Visibility.PUBLIC, mandates=Visibility.PUBLIC)

    # municipality, memberships, projects, coordinators, councillor count, people, mandates
    with django_assert_num_queries(8):  # incl. the council papers (oparl)
        response = client.get(municipality.get_absolute_url())

    assert len(response.context["profile"].people) == count
    assert all(person.mandates for person in response.context["profile"].people)
