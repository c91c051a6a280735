"""Paging of the public event list (issue 4, section 8): upcoming with ?page=, past with
?vergangen=, each keeping the other's page; a constant number of queries."""

import datetime

import pytest
from django.utils import timezone

from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.events.views.events import EVENT_PAGE_SIZE
from tests.factories.accounts import UserFactory
from tests.factories.events import AgendaItemFactory, EventFactory
from tests.factories.municipalities import MunicipalityFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LIST_URL = "/netzwerk/termine/"


def _upcoming(count: int) -> None:
    now = timezone.now()
    for index in range(count):
        start = now + datetime.timedelta(days=index + 1)
        EventFactory(title=f"Kommend {index + 1:02d}", starts_at=start)


def _past(count: int) -> None:
    now = timezone.now()
    for index in range(count):
        start = now - datetime.timedelta(days=index + 2)
        EventFactory(
            title=f"Vergangen {index + 1:02d}",
            status=EventStatus.DOCUMENTED,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
        )


def test_upcoming_list_is_paged(client):
    _upcoming(EVENT_PAGE_SIZE + 2)

    first = client.get(LIST_URL).content.decode()
    second = client.get(LIST_URL, {"page": 2}).content.decode()

    assert "Kommend 01" in first
    assert f"Kommend {EVENT_PAGE_SIZE:02d}" in first
    assert f"Kommend {EVENT_PAGE_SIZE + 1:02d}" not in first
    assert "?page=2" in first
    assert f"Kommend {EVENT_PAGE_SIZE + 1:02d}" in second
    assert "Kommend 01" not in second
    assert 'rel="prev"' in second


def test_past_list_is_paged_with_its_own_parameter(client):
    _upcoming(1)
    _past(EVENT_PAGE_SIZE + 1)

    first = client.get(LIST_URL).content.decode()
    second = client.get(LIST_URL, {"vergangen": 2}).content.decode()

    assert "?vergangen=2" in first
    assert "Vergangen 01" in first
    assert f"Vergangen {EVENT_PAGE_SIZE + 1:02d}" not in first
    assert f"Vergangen {EVENT_PAGE_SIZE + 1:02d}" in second
    assert "Kommend 01" in second  # the upcoming list stays on its first page


def test_page_links_keep_the_other_lists_page(client):
    _upcoming(EVENT_PAGE_SIZE + 1)
    _past(EVENT_PAGE_SIZE + 1)

    content = client.get(LIST_URL, {"page": 2, "vergangen": 2}).content.decode()

    assert "?vergangen=2&amp;page=1" in content
    assert "?page=2&amp;vergangen=1" in content


@pytest.mark.parametrize("page", ["999", "abc", "-1", ""])
def test_bad_page_numbers_show_a_valid_page(client, page):
    _upcoming(3)

    response = client.get(LIST_URL, {"page": page, "vergangen": page})

    assert response.status_code == 200
    assert "Kommend 01" in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_paged_list_query_count(client, django_assert_num_queries, count):
    _upcoming(count)
    _past(count)
    # counts of both lists (one query), upcoming page, past page, series of the feed link
    with django_assert_num_queries(4):
        response = client.get(LIST_URL, {"page": 1, "vergangen": 1})
    assert response.content.decode().count("Vergangen ") == count


@pytest.mark.parametrize("count", [1, 3])
def test_event_detail_query_count_is_constant_in_agenda_size(
    client, django_assert_num_queries, count
):
    event = EventFactory()
    for index in range(count):
        item = AgendaItemFactory(event=event, title=f"Punkt {index}")
        item.speakers.add(UserFactory())
        item.municipality = MunicipalityFactory()
        item.save()
    # event, hosts/co-hosts/topics (one query), agenda, its speakers, counts, discussions
    with django_assert_num_queries(6):
        response = client.get(event.get_absolute_url())
    assert response.content.decode().count("Punkt ") == count
