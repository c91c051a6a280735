"""Organisers' group suggestions for an exchange round."""

import pytest
from django.urls import reverse

from tests.factories.accounts import UserFactory
from tests.factories.municipalities import MunicipalityFactory, PartyFactory
from tests.factories.people import MandateFactory, ProfileFactory
from tests.factories.topics import TopicFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = reverse("dashboard:groups")


def _councillor(topic, name, municipality, party, **kwargs):
    user = UserFactory(first_name=name, last_name="Rat")
    profile = ProfileFactory(user=user, municipality=municipality, **kwargs)
    profile.interests.add(topic)
    MandateFactory(profile=profile, faction__party=PartyFactory(short_name=party))
    return profile


def test_groups_mix_municipalities_and_parties(organiser_client):
    topic = TopicFactory(title="Gruppenthema")
    places = [MunicipalityFactory(name=f"Ort {n}") for n in range(4)]
    for index, party in enumerate(["SPD", "CDU", "GRÜNE", "FDP", "SPD", "CDU", "GRÜNE", "FDP"]):
        _councillor(topic, f"P{index}", places[index // 2], party)

    response = organiser_client.get(URL, {"topic": topic.pk, "size": 4})

    groups = response.context["groups"]
    assert response.status_code == 200
    assert [len(g.members) for g in groups] == [4, 4]
    for group in groups:
        assert len({member.municipality_id for member, _party in group.members}) == 4
        assert len({party for _member, party in group.members}) >= 3
        assert "alle interessiert an Gruppenthema · 4 Kommunen" in group.reason
    assert "Gruppe 1" in response.text
    assert "Ort 0" in response.text


def test_groups_include_people_hidden_from_the_network(organiser_client):
    topic = TopicFactory()
    _councillor(topic, "Verborgen", MunicipalityFactory(), "SPD", identity_visibility="organisers")

    response = organiser_client.get(URL, {"topic": topic.pk, "size": 3})

    assert "Verborgen Rat" in response.text


def test_groups_without_interested_people_shows_empty_state(organiser_client):
    topic = TopicFactory()

    response = organiser_client.get(URL, {"topic": topic.pk, "size": 3})

    assert "Noch niemand hat dieses Thema unter den Interessen." in response.text


@pytest.mark.parametrize(
    ("size", "message"),
    [
        ("2", "größer oder gleich 3"),
        ("9", "kleiner oder gleich 8"),
        ("abc", "Bitte eine ganze Zahl eingeben."),
    ],
)
def test_groups_bad_size_gives_clear_message(organiser_client, size, message):
    topic = TopicFactory()

    response = organiser_client.get(URL, {"topic": topic.pk, "size": size})

    assert response.status_code == 200
    assert response.context["groups"] is None
    assert message in response.text


def test_groups_denied_to_non_organisers(non_organiser_client):
    topic = TopicFactory()
    _councillor(topic, "Geheim", MunicipalityFactory(), "SPD")

    response = non_organiser_client.get(URL, {"topic": topic.pk, "size": 3})

    assert response.status_code == 403
    assert "Geheim" not in response.text


@pytest.mark.parametrize("count", [1, 3])
def test_groups_query_count(organiser_client, django_assert_num_queries, count):
    topic = TopicFactory()
    for number in range(count):
        _councillor(topic, f"P{number}", MunicipalityFactory(), "SPD")

    with django_assert_num_queries(8):
        response = organiser_client.get(URL, {"topic": topic.pk, "size": 3})

    assert sum(len(g.members) for g in response.context["groups"]) == count
