import pytest
from django.urls import reverse

from stadtgespraeche.people import queries
from stadtgespraeche.people.enums import Body, Visibility
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.municipalities import MunicipalityFactory, PartyFactory, StateFactory
from tests.factories.people import FactionFactory, MandateFactory, ProfileFactory
from tests.factories.topics import TopicFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = reverse("people:people")
PUBLIC = {f"{group}_visibility": Visibility.PUBLIC for group in ("identity", "mandates")}


def _person(first, last, **kwargs):
    return ProfileFactory(user__first_name=first, user__last_name=last, **kwargs)


def _names(profiles):
    return [p.user.get_full_name() for p in profiles]


# --- queries.search_people ---------------------------------------------------------------


def test_search_people_without_filters_lists_visible_people_by_name():
    member = UserFactory()
    _person("Zoe", "Zander")
    _person("Anna", "Albers")
    _person("Hidden", "Person", identity_visibility=Visibility.ORGANISERS)

    assert _names(queries.search_people(member)) == ["Anna Albers", "Zoe Zander"]


def test_search_people_excludes_inactive_accounts():
    _person("Ina", "Aktiv", user__is_active=False)

    assert list(queries.search_people(OrganiserFactory())) == []


def test_search_people_orders_by_relevance():
    member = UserFactory()
    other = _person("Berta", "Zeller", bio="Ich kenne Anna Berg gut.")
    interest = _person("Carl", "Yorck", expertise="Anna Berg Projekt")
    prefix = _person("Anna", "Bergmann")
    exact = _person("Anna", "Berg")

    results = list(queries.search_people(member, text="anna  berg"))

    assert results == [exact, prefix, interest, other]


def test_search_people_every_word_must_match():
    member = UserFactory()
    _person("Anna", "Berg")
    _person("Anna", "Schmidt")

    assert _names(queries.search_people(member, text="Anna Schmidt")) == ["Anna Schmidt"]


def test_search_people_finds_municipality_name_and_interest_title():
    member = UserFactory()
    town = MunicipalityFactory(name="Kaiserslautern")
    in_town = _person("Kai", "Stadt", municipality=town)
    topic = TopicFactory(title="Offene Daten")
    fan = _person("Olga", "Daten")
    fan.interests.add(topic)

    assert list(queries.search_people(member, text="kaiserslaut")) == [in_town]
    assert list(queries.search_people(member, text="offene")) == [fan]


def test_search_people_filters_by_municipality_state_and_topic():
    member = UserFactory()
    state = StateFactory(code="09", name="Bayern", abbreviation="BY")
    town = MunicipalityFactory(state=state)
    bavarian = _person("Bea", "Bayer", municipality=town)
    _person("Rita", "Pfalz")
    topic = TopicFactory()
    bavarian.interests.add(topic)

    assert list(queries.search_people(member, municipality=town)) == [bavarian]
    assert list(queries.search_people(member, state=state)) == [bavarian]
    assert list(queries.search_people(member, topic=topic)) == [bavarian]


def test_search_people_mandate_filters_need_one_matching_mandate():
    member = UserFactory()
    spd = PartyFactory(short_name="SPD")
    cdu = PartyFactory(short_name="CDU", name="CDU", color="#000000")
    mandate = MandateFactory(faction=FactionFactory(name="SPD-Fraktion", party=spd))
    MandateFactory(
        profile=mandate.profile,
        body=Body.COUNTY_ASSEMBLY,
        faction=FactionFactory(name="CDU-Kreistagsfraktion", party=cdu),
    )
    person = mandate.profile

    assert list(queries.search_people(member, party=spd)) == [person]
    assert list(queries.search_people(member, party=spd, body=Body.CITY_COUNCIL)) == [person]
    assert list(queries.search_people(member, party=spd, body=Body.COUNTY_ASSEMBLY)) == []
    assert list(queries.search_people(member, faction="kreistag")) == [person]
    assert list(queries.search_people(member, faction="kreistag", party=spd)) == []


def test_search_people_returns_each_person_once_with_several_matching_mandates():
    member = UserFactory()
    mandate = MandateFactory()
    MandateFactory(profile=mandate.profile, faction=mandate.faction)

    assert len(queries.search_people(member, party=mandate.party)) == 1


def test_search_people_own_profile_is_found_even_if_hidden():
    profile = _person("Selma", "Selbst", identity_visibility=Visibility.ORGANISERS)

    assert list(queries.search_people(profile.user, text="Selma")) == [profile]
    assert list(queries.search_people(UserFactory(), text="Selma")) == []


def test_count_people_counts_total_and_largest_municipalities():
    town, village = MunicipalityFactory(), MunicipalityFactory()
    ProfileFactory.create_batch(2, municipality=town)
    ProfileFactory(municipality=village)
    ProfileFactory(municipality=None)

    counts = queries.count_people(queries.search_people(UserFactory()), map_limit=1)

    assert counts.total == 4
    assert counts.by_municipality == [(town, 2)]


# --- the view ------------------------------------------------------------------------------


def test_people_page_member_sees_network_people_with_details(client):
    client.force_login(UserFactory())
    mandate = MandateFactory(
        profile__user__first_name="Nora",
        profile__user__last_name="Netz",
        faction=FactionFactory(name="Grüne Fraktion"),
    )
    topic = TopicFactory(title="Smart Parking")
    mandate.profile.interests.add(topic)

    response = client.get(URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Nora Netz" in content
    assert "Grüne Fraktion" in content
    assert "Smart Parking" in content
    assert 'id="people-map"' in content


def test_people_page_anonymous_sees_only_public_people(client):
    _person("Paula", "Public", identity_visibility=Visibility.PUBLIC)
    _person("Nina", "Network")

    content = client.get(URL).content.decode()

    assert "Paula Public" in content
    assert "Nina Network" not in content
    assert "Sie sehen nur die Personen und Angaben, die öffentlich freigegeben sind" in content


def test_people_page_filters_by_party_short_name(client):
    client.force_login(UserFactory())
    spd = MandateFactory(profile__user__last_name="Rot").profile
    MandateFactory(
        profile__user__last_name="Schwarz",
        faction=FactionFactory(party=PartyFactory(short_name="CDU", name="CDU", color="#000000")),
    )

    content = client.get(URL, {"party": "SPD"}).content.decode()

    assert spd.user.get_full_name() in content
    assert "Schwarz" not in content


def test_people_page_finds_municipality_by_name_and_slug(client):
    client.force_login(UserFactory())
    town = MunicipalityFactory(name="Ulm", slug="ulm")
    _person("Uli", "Ulmer", municipality=town)
    _person("Otto", "Anders")

    by_name = client.get(URL, {"municipality": "ulm"}).content.decode()
    by_slug = client.get(URL, {"municipality": "ulm"}).content.decode()

    for content in (by_name, by_slug):
        assert "Uli Ulmer" in content
        assert "Otto Anders" not in content


def test_people_page_unknown_municipality_gives_german_message_and_ignores_filter(client):
    _person("Paula", "Public", identity_visibility=Visibility.PUBLIC)

    response = client.get(URL, {"municipality": "gibt-es-nicht"}, HTTP_ACCEPT_LANGUAGE="de")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Wir kennen keine Kommune namens „gibt-es-nicht“" in content
    assert "Paula Public" in content
    assert "Alle Filter zurücksetzen" in content


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "99999"},
        {"page": "-1"},
        {"party": "NOPE"},
        {"state": "xx"},
        {"topic": "unbekannt"},
        {"body": "parliament"},
        {"q": "x" * 500},
        {"q": "\x00"},
        {"faction": "%_'\""},
    ],
)
def test_people_page_bad_input_never_fails(client, params):
    _person("Paula", "Public", identity_visibility=Visibility.PUBLIC)

    response = client.get(URL, params)

    assert response.status_code == 200


def test_people_page_too_long_text_gives_german_message(client):
    response = client.get(URL, {"q": "x" * 101}, HTTP_ACCEPT_LANGUAGE="de")

    assert "höchstens 100 Zeichen" in response.content.decode()


def test_people_page_paginates_twenty_per_page(client):
    for n in range(21):
        _person("Person", f"Nummer{n:02d}", identity_visibility=Visibility.PUBLIC)

    first = client.get(URL).content.decode()
    second = client.get(URL, {"page": "2"}).content.decode()

    assert "Nummer19" in first
    assert "Nummer20" not in first
    assert "Nummer20" in second
    assert "page=2" in first


def test_people_page_htmx_request_returns_results_partial(client):
    _person("Paula", "Public", identity_visibility=Visibility.PUBLIC)

    response = client.get(URL, {"q": "Paula"}, HTTP_HX_REQUEST="true")

    content = response.content.decode()
    assert "Paula Public" in content
    assert 'id="people-results"' in content
    assert "<h1" not in content


def test_people_page_empty_directory_shows_empty_state(client):
    content = client.get(URL).content.decode()

    assert "Im Verzeichnis ist noch niemand eingetragen." in content
    assert 'id="people-map"' not in content


@pytest.mark.parametrize("count", [1, 3])
def test_people_page_query_count_is_constant(client, django_assert_num_queries, count):
    client.force_login(UserFactory())
    topic = TopicFactory()
    for _ in range(count):
        mandate = MandateFactory()
        mandate.profile.interests.add(topic)

    # session, user, own profile's visibility (people.counts), counts, page, mandates,
    # interests, map municipalities, choices of state, party and topic
    with django_assert_num_queries(12):
        response = client.get(URL)

    assert response.content.decode().count('class="kern-card card-grid__item"') == count


@pytest.mark.parametrize("count", [1, 3])
def test_search_people_query_count_is_constant(django_assert_num_queries, count):
    viewer = UserFactory()
    topic = TopicFactory()
    for _ in range(count):
        mandate = MandateFactory()
        mandate.profile.interests.add(topic)

    with django_assert_num_queries(3):  # profiles, mandates, interests
        results = list(queries.search_people(viewer))
        for profile in results:
            assert all(m.party and m.faction for m in profile.mandates.all())
            assert [t.title for t in profile.interests.all()] == [topic.title]

    assert len(results) == count


def test_people_page_keeps_line_breaks_in_can_report_on(client):
    client.force_login(UserFactory())
    _person(
        "Carl", "Yorck", expertise="Offene Daten\nHybride Ratssitzungen", bio="Erste Zeile\nZweite"
    )

    content = client.get(URL).content.decode()

    assert "Offene Daten<br>Hybride Ratssitzungen" in content
    assert "Erste Zeile<br>Zweite" in content
