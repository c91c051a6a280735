"""The directory's free text reads the platform's search index (people.text_search, issue
15): German stems, compound parts, umlauts and gender forms as on the search page; a field
group hidden from the viewer never makes a person findable; at most PEOPLE_TEXT_LIMIT
people, and the pages stop after them."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from stadtgespraeche.people import queries, text_search
from stadtgespraeche.people.enums import Visibility
from stadtgespraeche.people.models import Profile
from stadtgespraeche.people.views.search import MAX_PAGES, PER_PAGE, CountedPaginator
from stadtgespraeche.search import directory, services
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.people import MandateFactory, ProfileFactory
from tests.factories.topics import TopicFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = reverse("people:people")
PUBLIC = {
    f"{group}_visibility": Visibility.PUBLIC
    for group in ("identity", "photo", "mandates", "interests", "about")
}


def _person(first="Quirina", last="Quast", **kwargs):
    return ProfileFactory(user__first_name=first, user__last_name=last, **{**PUBLIC, **kwargs})


def _found(viewer, text):
    return list(queries.search_people(viewer, text=text))


def _heading(client, params):
    content = client.get(URL, params).content.decode()
    return content.split('id="people-results-heading">')[1].split("</h2>")[0].strip(), content


def test_a_word_of_the_bio_finds_the_person():
    person = _person(bio="Ich betreue das Glasfasernetz im Landkreis.")
    _person("Other", "Person", bio="Nichts davon.")

    assert _found(AnonymousUser(), "Glasfasernetz") == [person]
    assert _found(UserFactory(), "glasfasernetz landkreis") == [person]


@pytest.mark.parametrize(
    ("visibility", "anonymous", "member", "organiser"),
    [
        (Visibility.PUBLIC, True, True, True),
        (Visibility.NETWORK, False, True, True),
        (Visibility.ORGANISERS, False, False, True),
    ],
)
def test_a_hidden_bio_does_not_make_the_person_findable(visibility, anonymous, member, organiser):
    person = _person(bio="Mein Thema ist Blaukraut-Logistik.", about_visibility=visibility)

    assert (person in _found(AnonymousUser(), "Blaukraut")) is anonymous
    assert (person in _found(UserFactory(), "Blaukraut")) is member
    assert (person in _found(OrganiserFactory(), "Blaukraut")) is organiser
    # The name (a visible group) still finds the person for everyone who may list them.
    assert person in _found(AnonymousUser(), "Quirina")


def test_hidden_expertise_and_interests_do_not_make_the_person_findable():
    person = _person(
        expertise="Erfahrung mit Wurzelsepp-Sensoren.", interests_visibility=Visibility.NETWORK
    )
    person.interests.add(TopicFactory(title="Knöterich-Netze", slug="knoeterich"))

    assert _found(AnonymousUser(), "Wurzelsepp") == []
    assert _found(AnonymousUser(), "Knöterich") == []
    assert _found(UserFactory(), "Wurzelsepp") == [person]
    assert _found(UserFactory(), "Knöterich") == [person]


def test_the_own_profile_is_found_by_its_hidden_text():
    person = _person(
        bio="Geheimes Steckenpferd: Blaukraut.", about_visibility=Visibility.ORGANISERS
    )

    assert _found(person.user, "Blaukraut") == [person]
    assert _found(UserFactory(), "Blaukraut") == []


@pytest.mark.parametrize(
    ("text", "search"),
    [
        ("Mehr Bürger:innenbeteiligung im Quartier.", "Bürgerbeteiligung"),
        ("Mehr Bürgerbeteiligung im Quartier.", "Bürger:innenbeteiligung"),
        ("Gespräche mit Bürgerinnen und Bürgern.", "Bürger"),
        ("Sanierung der Straße am Markt.", "Strasse"),
        ("Zuständig für die Ausschüsse.", "Ausschuss"),
    ],
)
def test_umlauts_gender_forms_and_inflections_match(text, search):
    person = _person(bio=text)

    assert _found(UserFactory(), search) == [person]


def test_names_match_with_umlauts_folded_and_as_a_prefix_while_typing():
    person = _person("Jürgen", "Müller")
    _person("Anna", "Schmidt")

    assert _found(UserFactory(), "Mueller") == [person]
    assert _found(UserFactory(), "jürgen müll") == [person]
    assert [p.user.last_name for p in _found(UserFactory(), "Schm")] == ["Schmidt"]


def test_the_municipality_name_finds_its_people():
    town = MunicipalityFactory(name="Kaiserslautern")
    person = _person(municipality=town)
    _person("Other", "Person")

    assert _found(AnonymousUser(), "Kaiserslautern") == [person]


def test_free_text_and_filters_combine():
    town = MunicipalityFactory(name="Zettelstadt")
    inside = _person(municipality=town, bio="Radverkehr")
    _person("Other", "Person", bio="Radverkehr")

    assert list(queries.search_people(UserFactory(), text="Radverkehr", municipality=town)) == [
        inside
    ]


def test_more_matches_than_the_limit_say_so(client, monkeypatch):
    monkeypatch.setattr(queries, "PEOPLE_TEXT_LIMIT", 2)
    for last in ("Albers", "Berger", "Conrad"):
        _person("Anna", last, bio="Radverkehr")

    matches = queries.match_text(AnonymousUser(), "Radverkehr")
    heading, content = _heading(client, {"q": "Radverkehr"})

    assert matches is not None
    assert len(matches.ids) == 2
    assert matches.more
    assert heading.startswith("Mehr als")
    assert "Es werden höchstens" in content
    assert content.count('class="kern-card card-grid__item"') == 2


def test_without_the_search_app_free_text_falls_back_to_like(monkeypatch):
    monkeypatch.setattr(text_search, "_matcher", [])
    person = _person(bio="Blaukraut")

    assert _found(UserFactory(), "blaukr") == [person]


def test_the_pages_stop_after_the_limit():
    paginator = CountedPaginator(
        Profile.objects.order_by("pk"), PER_PAGE, count=10_000, max_pages=MAX_PAGES
    )

    assert paginator.num_pages == MAX_PAGES == 100
    assert paginator.get_page(500).number == MAX_PAGES
    assert CountedPaginator([], PER_PAGE, count=45, max_pages=MAX_PAGES).num_pages == 3


def test_a_page_beyond_the_limit_shows_the_last_offered_page_and_the_note(client, monkeypatch):
    import stadtgespraeche.people.views.search as view

    monkeypatch.setattr(view, "MAX_PAGES", 1)
    for last in ("Albers", "Berger", "Conrad"):
        _person("Anna", last)
    monkeypatch.setattr(view, "PER_PAGE", 2)

    heading, content = _heading(client, {"page": "7"})

    assert heading == "3 Personen gefunden"
    assert "Es werden höchstens" in content
    assert "Albers" in content
    assert "Conrad" not in content


def _backend_planning_queries() -> int:
    """PostgreSQL's search backend reads the index size once before its window query
    (max id, reltuples: how far back the recency blocks reach); SQLite's does not."""
    from django.db import connection

    return 1 if connection.vendor == "postgresql" else 0


@pytest.mark.parametrize("count", [1, 3])
def test_free_text_page_query_count_is_constant(
    client, django_assert_num_queries, monkeypatch, count
):
    client.force_login(UserFactory())
    topic = TopicFactory()
    for _ in range(count):
        mandate = MandateFactory(
            profile__bio="Radverkehr im Quartier",
            **{f"profile__{name}": value for name, value in PUBLIC.items()},
        )
        mandate.profile.interests.add(topic)
    services.handle_changes("people.profile", list(Profile.objects.values_list("pk", flat=True)))
    monkeypatch.setattr(text_search, "_matcher", [directory.matching_profiles])

    # session, user, topic titles, the index window, its profile ids, own profile's
    # visibility (people.counts), grouped count, map municipalities, page, mandates,
    # interests, choices of state, party and topic
    with django_assert_num_queries(14 + _backend_planning_queries()):
        response = client.get(URL, {"q": "Radverkehr"})

    assert response.content.decode().count('class="kern-card card-grid__item"') == count


@pytest.mark.parametrize("count", [1, 3])
def test_search_people_with_text_query_count_is_constant(
    django_assert_num_queries, monkeypatch, count
):
    viewer = UserFactory()
    for _ in range(count):
        _person(bio="Radverkehr im Quartier")
    services.handle_changes("people.profile", list(Profile.objects.values_list("pk", flat=True)))
    monkeypatch.setattr(text_search, "_matcher", [directory.matching_profiles])

    # index window, its profile ids, topic titles, profiles, mandates, interests
    with django_assert_num_queries(6 + _backend_planning_queries()):
        results = list(queries.search_people(viewer, text="Radverkehr"))

    assert len(results) == count


NATIONWIDE_STATISTICS = [
    ("accounts_user", "accounts_user_name_idx", "214952 22 15 1"),
    ("accounts_user", "sqlite_autoindex_accounts_user_1", "214952 1"),
    ("people_profile", "people_profile_town_vis_idx", "200000 19 7"),
    ("people_profile", "people_profile_user_vis_idx", "200000 1 1"),
    ("people_profile", "people_profile_municipality_id_dc596a55", "200000 19"),
    ("people_profile", "sqlite_autoindex_people_profile_1", "200000 1"),
    ("municipalities_municipality", "municipalities_municipality_state_id_8ec1fa41", "11279 664"),
    ("municipalities_state", "sqlite_autoindex_municipalities_state_1", "16 1"),
]


@pytest.mark.parametrize("viewer_kind", ["anonymous", "member"])
def test_the_name_order_is_read_from_the_users_name_index(viewer_kind):
    """The unfiltered page walks accounts_user_name_idx instead of sorting every visible
    profile (issue 15). SQLite chooses it once it has statistics (`ANALYZE`, as the
    benchmark data set has; without any, its planner guesses); PostgreSQL's planner
    prefers a sort on a handful of rows, so there the test only proves that the index can
    serve the order (sorting switched off). benchmarks/SPEED.md has the plans of both on
    200,000 councillors."""
    from django.db import connection, transaction

    for last in ("Albers", "Berger", "Conrad"):
        _person("Anna", last)
    viewer = AnonymousUser() if viewer_kind == "anonymous" else UserFactory()
    page = queries.search_people(viewer)[:20]

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL enable_sort = off")
            else:
                # The statistics of the nationwide data set (benchmarks/nationwide.py):
                # SQLite plans as it would for 200,000 councillors.
                cursor.execute("DELETE FROM sqlite_stat1")
                cursor.executemany(
                    "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (%s, %s, %s)",
                    NATIONWIDE_STATISTICS,
                )
                cursor.execute("ANALYZE sqlite_schema")  # reload them
        plan = page.explain()

    assert "accounts_user_name_idx" in plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan
    assert [p.user.last_name for p in page] == ["Albers", "Berger", "Conrad"]
