import pytest
from django.db import connection
from django.urls import reverse

from stadtgespraeche.events.enums import Confidentiality, EventStatus
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory
from tests.factories.municipalities import MunicipalityFactory

pytestmark = pytest.mark.integration

URL = reverse("search:search")


@pytest.fixture
def events(db, index):
    def make(count, **fields):
        created = [
            EventFactory(title=f"Bürgerbeteiligung {n}", status=EventStatus.PUBLISHED, **fields)
            for n in range(count)
        ]
        index(*created)
        return created

    return make


def test_search_page_shows_results_with_type_snippet_and_facets(client, events):
    [event] = events(1, description="Wie Kommunen digitale Beteiligung organisieren.")
    response = client.get(URL, {"q": "Buergerbeteiligung"})
    content = response.content.decode()
    assert response.status_code == 200
    assert event.get_absolute_url() in content
    assert "<mark>Bürgerbeteiligung</mark>" in content
    assert "Stadtgespräch" in content  # type label
    assert "Ein Ergebnis" in content


def test_search_page_without_term_shows_only_the_form(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert 'role="search"' in response.content.decode()
    assert "search-results-heading" not in response.content.decode()


def test_header_search_box_shows_a_visible_placeholder(client, db):
    content = client.get("/").content.decode()
    assert 'id="site-search-input"' in content
    assert 'placeholder="Suchbegriff"' in content


def test_search_page_hides_network_event_from_anonymous(client, events):
    [event] = events(1, confidentiality=Confidentiality.NETWORK, description="Vertrauliche Planung")
    content = client.get(URL, {"q": "Bürgerbeteiligung"}).content.decode()
    assert event.get_absolute_url() not in content
    assert "Vertrauliche" not in content
    assert "Stadtgespräch (1)" not in content
    client.force_login(UserFactory())
    content = client.get(URL, {"q": "Bürgerbeteiligung"}).content.decode()
    assert event.get_absolute_url() in content
    assert "Vertrauliche" in content


def test_search_page_bad_input_gives_no_error(client, db):
    for params in (
        {"q": '"""***:::'},
        {"q": "x" * 500},
        {"q": "Daten", "kind": "nonsense"},
        {"q": "Daten", "year": "abc", "municipality": "-3"},
        {"q": "Daten", "page": "zwei"},
        {"q": "AND OR NOT ( NEAR"},
    ):
        assert client.get(URL, params).status_code == 200


def test_search_page_filters_by_municipality(client, events, index):
    ulm = MunicipalityFactory(name="Ulm")
    [in_ulm] = events(1, venue_municipality=ulm)
    events(1)
    content = client.get(URL, {"q": "Bürgerbeteiligung", "municipality": ulm.pk}).content.decode()
    assert in_ulm.get_absolute_url() in content
    assert content.count("kern-card__content") == 1


def test_search_htmx_returns_only_results_fragment(client, events):
    events(1)
    response = client.get(URL, {"q": "Bürgerbeteiligung"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert 'id="search-results"' in content
    assert "<h1" not in content


def test_suggestions_complete_the_last_word(client, events):
    events(1)
    response = client.get(reverse("search:suggest"), {"q": "Bürgerbet"})
    assert "<mark>Bürgerbeteiligung</mark>" in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_search_page_query_count_is_bounded(client, events, django_assert_num_queries, count):
    events(count, venue_municipality=MunicipalityFactory())
    # The frequency check of the word (SQLite: a capped count; PostgreSQL: the window of the
    # whole word), the window of the search (ranked results, total, type and year facets),
    # municipality and topic facets in one statement, documents, municipality names (no topic
    # names); constant in the number of results. On PostgreSQL each window reads the newest
    # id first (backends/postgresql.py): two more.
    with django_assert_num_queries(7 if connection.vendor == "postgresql" else 5):
        response = client.get(URL, {"q": "Bürgerbeteiligung"})
    assert response.content.decode().count("kern-card__content") == count


def test_search_page_ignores_a_bad_filter_but_searches_the_words(client, events):
    [event] = events(1)
    content = client.get(URL, {"q": "Bürgerbeteiligung", "kind": "nonsense"}).content.decode()
    assert event.get_absolute_url() in content
    assert "kern-form-input--error" in content or "kern-error" in content


def test_search_snippets_show_no_raw_markdown(client, events):
    events(
        1,
        description=(
            "## Ziele\n\n**Beteiligung** über [die Plattform](https://example.org/x) und "
            "_offene_ Daten\n\n- erster Schritt\n- zweiter Schritt\n\n> Zitat aus dem Rat\n\n"
            "| Stadt | Stand |\n|---|---|\n| Bamberg | `live` |"
        ),
    )

    content = client.get(URL, {"q": "Beteiligung"}).content.decode()

    snippet = content.split('<p class="kern-body">', 2)[-1].split("</p>", 1)[0]
    assert "<mark>Beteiligung</mark> über die Plattform und offene Daten" in snippet
    assert "erster Schritt zweiter Schritt" in snippet
    for markup in ("##", "**", "](", "https://example.org", "&gt;", "|", "---", "`", "_offene_"):
        assert markup not in snippet


def test_search_facets_are_beside_the_results(client, events):
    events(2)

    content = client.get(URL, {"q": "Bürgerbeteiligung"}).content.decode()

    layout = content.split('class="search-layout"', 1)[1]
    assert layout.index('class="search-layout__results"') < layout.index(
        'class="search-layout__facets"'
    )
