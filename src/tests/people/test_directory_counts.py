"""The directory's counts come from the cache per viewer level and filters; the directory's
writes invalidate them; free-text searches and people hidden from their own level are
always counted live (people.counts)."""

import pytest
from django.urls import reverse

from stadtgespraeche.people import counts, queries, services
from stadtgespraeche.people.enums import Body, Visibility
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.municipalities import PartyFactory
from tests.factories.people import FactionFactory, MandateFactory, ProfileFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = reverse("people:people")


def _found(client, query: str = "") -> str:
    content = client.get(URL + query).content.decode()
    return content.split("gefunden")[0].rsplit(">", 1)[-1].strip()


def _network(**kwargs):
    return ProfileFactory(identity_visibility=Visibility.NETWORK, **kwargs)


def test_unfiltered_counts_are_served_from_the_cache_on_the_second_page(
    client, django_assert_num_queries
):
    _network(user__last_name="Albers")
    client.force_login(UserFactory())
    assert _found(client) == "Eine Person"
    # A row written past the directory's services: the cached count stays as it was.
    _network(user__last_name="Berger")

    assert _found(client) == "Eine Person"


@pytest.mark.parametrize("count", [1, 3])
def test_people_page_from_cached_counts_query_count(client, django_assert_num_queries, count):
    for _ in range(count):
        _network(user__last_name="Albers")
    client.force_login(UserFactory())
    client.get(URL)

    # session, user, own profile's visibility, page, mandates, interests, choices of state,
    # party and topic (the grouped count and the map's municipalities come from the cache)
    with django_assert_num_queries(10):
        response = client.get(URL)

    assert response.content.decode().count("Albers") == count


def test_a_profile_change_through_the_services_counts_afresh(client):
    hidden = ProfileFactory(identity_visibility=Visibility.ORGANISERS)
    _network()
    client.force_login(UserFactory())
    assert _found(client) == "Eine Person"

    services.set_visibility(profile=hidden, by=hidden.user, identity=Visibility.NETWORK)

    assert _found(client) == "2 Personen"


def test_creating_a_profile_through_the_services_counts_afresh(client):
    _network()
    client.force_login(UserFactory())
    assert _found(client) == "Eine Person"

    services.get_or_create_profile(user=UserFactory())

    assert _found(client) == "2 Personen"


def test_levels_are_counted_apart(client):
    ProfileFactory(identity_visibility=Visibility.PUBLIC)
    _network()
    ProfileFactory(identity_visibility=Visibility.ORGANISERS)

    assert _found(client) == "Eine Person"
    client.force_login(UserFactory())
    assert _found(client) == "2 Personen"
    client.force_login(OrganiserFactory())
    assert _found(client) == "3 Personen"
    client.logout()
    assert _found(client) == "Eine Person"


def test_a_person_hidden_from_their_level_is_counted_alone(client):
    _network()
    own = ProfileFactory(identity_visibility=Visibility.ORGANISERS)
    client.force_login(UserFactory())
    assert _found(client) == "Eine Person"

    client.force_login(own.user)

    assert _found(client) == "2 Personen"


def test_free_text_searches_are_never_cached(client):
    _network(user__last_name="Albers")
    client.force_login(UserFactory())
    assert _found(client, "?q=Albers") == "Eine Person"
    _network(user__last_name="Albers")

    assert _found(client, "?q=Albers") == "2 Personen"


def test_directory_counts_match_the_live_counts():
    for _ in range(3):
        _network()
    viewer = UserFactory()
    people = queries.search_people(viewer)

    cached = counts.directory_counts(viewer, people, filters={}, map_limit=10)
    again = counts.directory_counts(viewer, people, filters={}, map_limit=10)

    assert cached == again == queries.count_people(people, map_limit=10)
    assert cached.total == 3


def test_filtered_counts_are_cached_per_filter_and_counted_afresh_after_a_mandate_change(client):
    spd = PartyFactory(short_name="SPD")
    cdu = PartyFactory(short_name="CDU", name="CDU", color="#000000")
    MandateFactory(faction=FactionFactory(party=spd))
    MandateFactory(faction=FactionFactory(party=cdu))
    newcomer = ProfileFactory()
    client.force_login(UserFactory())
    assert _found(client, "?party=SPD") == "Eine Person"
    assert _found(client, "?party=CDU") == "Eine Person"
    # A row written past the directory's services: the cached counts stay as they were.
    MandateFactory(faction=FactionFactory(party=spd))
    assert _found(client, "?party=SPD") == "Eine Person"

    services.add_mandate(
        profile=newcomer, by=newcomer.user, body=Body.CITY_COUNCIL, party=cdu, faction_name="CDU"
    )

    assert _found(client, "?party=SPD") == "2 Personen"
    assert _found(client, "?party=CDU") == "2 Personen"
