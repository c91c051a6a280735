"""The "Gesprächspartner:innen" page: suggestions, hiding and showing again."""

import pytest
from django.urls import reverse

from stadtgespraeche.contacts.models import HiddenSuggestion
from stadtgespraeche.topics.models import Topic
from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory
from tests.factories.municipalities import MunicipalityFactory, PartyFactory
from tests.factories.people import MandateFactory, ProfileFactory
from tests.factories.topics import TopicFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = reverse("contacts:suggestions")


@pytest.fixture
def topics():
    return [
        Topic.objects.filter(title=title).first() or TopicFactory(title=title)
        for title in ("Datenethik", "Open Data")
    ]


def _councillor(topics, first_name, *, party="SPD", **kwargs):
    user = UserFactory(first_name=first_name, last_name="Rat", email=f"{first_name}@example.org")
    profile = ProfileFactory(
        user=user, municipality=MunicipalityFactory(name=f"Stadt {first_name}"), **kwargs
    )
    profile.interests.set(topics)
    MandateFactory(profile=profile, faction__party=PartyFactory(short_name=party))
    return profile


def test_suggestions_page_lists_peer_with_reason(client, topics):
    me = _councillor(topics, "Ich")
    _councillor(topics, "Greta", party="GRÜNE")
    client.force_login(me.user)

    response = client.get(URL)

    text = response.text
    assert response.status_code == 200
    assert "Greta Rat" in text
    assert "Stadt Greta" in text
    assert "2 gemeinsame Themen: Datenethik, Open Data · andere Partei (GRÜNE)" in text
    assert "Greta@example.org" not in text
    assert "Kontakt anfragen" in text


def test_suggestions_page_omits_party_and_person_hidden_from_viewer(client, topics):
    me = _councillor(topics, "Ich")
    _councillor(topics, "Greta", party="GRÜNE", mandates_visibility="organisers")
    _councillor(topics, "Hanna", identity_visibility="organisers")
    client.force_login(me.user)

    text = client.get(URL).text

    assert "Greta Rat" in text
    assert "GRÜNE" not in text
    assert "Hanna" not in text


def test_suggestions_page_without_profile_explains(client):
    client.force_login(UserFactory())

    response = client.get(URL)

    assert "Tragen Sie Ihre Kommune und Ihre Interessen" in response.text


@pytest.mark.parametrize("factory", [CoordinatorFactory, OrganiserFactory])
def test_suggestions_page_denied_to_non_councillors(client, topics, factory):
    _councillor(topics, "Greta")
    client.force_login(factory())

    response = client.get(URL)

    assert response.status_code == 403
    assert "Greta" not in response.text


def test_suggestions_page_redirects_anonymous(client):
    assert client.get(URL).status_code == 302


def test_hide_and_show_again(client, topics):
    me = _councillor(topics, "Ich")
    greta = _councillor(topics, "Greta")
    client.force_login(me.user)

    hidden = client.post(
        reverse("contacts:suggestion-hide", kwargs={"user_pk": greta.user_id}), follow=True
    )

    assert "Der Vorschlag wurde ausgeblendet." in hidden.text
    assert hidden.context["suggestions"] == []
    assert "Ausgeblendete Vorschläge" in hidden.text
    shown = client.post(
        reverse("contacts:suggestion-unhide", kwargs={"user_pk": greta.user_id}), follow=True
    )
    assert [s.profile for s in shown.context["suggestions"]] == [greta]
    assert not HiddenSuggestion.objects.exists()


def test_hide_denied_to_coordinator(client, topics):
    greta = _councillor(topics, "Greta")
    client.force_login(CoordinatorFactory())

    response = client.post(reverse("contacts:suggestion-hide", kwargs={"user_pk": greta.user_id}))

    assert response.status_code == 403
    assert not HiddenSuggestion.objects.exists()


def test_hide_requires_post(client, topics):
    me = _councillor(topics, "Ich")
    client.force_login(me.user)

    response = client.get(reverse("contacts:suggestion-hide", kwargs={"user_pk": me.user_id}))

    assert response.status_code == 405


@pytest.mark.parametrize("count", [1, 3])
def test_suggestions_page_query_count(client, django_assert_num_queries, topics, count):
    me = _councillor(topics, "Ich")
    for number in range(count):
        _councillor(topics, f"Peer{number}", party="CDU")
        other = _councillor(topics, f"Hidden{number}")
        HiddenSuggestion.objects.create(user=me.user, hidden=other.user)
    client.force_login(me.user)

    with django_assert_num_queries(11):
        response = client.get(URL)

    assert len(response.context["suggestions"]) == count
    assert len(response.context["hidden"]) == count
