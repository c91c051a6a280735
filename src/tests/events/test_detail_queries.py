"""The event detail page reads each thing once: bounded queries, constant in the data size,
and the per-instance memo of "may this person see this event" (events.queries)."""

import pytest
from django.contrib.contenttypes.models import ContentType

from stadtgespraeche.events import queries
from stadtgespraeche.events.enums import Confidentiality, EventStatus
from stadtgespraeche.events.models import Event
from tests.factories.accounts import UserFactory
from tests.factories.discussions import EventThreadFactory, PostFactory
from tests.factories.events import AgendaItemFactory, EventFactory
from tests.factories.topics import TopicFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _event_with(count: int):
    event = EventFactory(title="Offene Daten im Rat")
    event.topics.set(TopicFactory.create_batch(count))
    for number in range(count):
        AgendaItemFactory(event=event, title=f"Impuls Nummer {number + 1}")
        link = EventThreadFactory(event=event, thread__title=f"Diskussion Nummer {number + 1}")
        PostFactory(thread=link.thread)
    return event


@pytest.mark.parametrize("count", [1, 3])
def test_event_detail_query_count_logged_in(client, django_assert_num_queries, count):
    event = _event_with(count)
    client.force_login(UserFactory())
    ContentType.objects.get_for_model(Event)  # cached once per process in production

    with django_assert_num_queries(20):
        response = client.get(event.get_absolute_url())

    content = response.content.decode()
    assert content.count("Impuls Nummer") == count
    assert content.count("Diskussion Nummer") == count


@pytest.mark.parametrize("count", [1, 3])
def test_event_detail_query_count_anonymous(client, django_assert_num_queries, count):
    event = _event_with(count)
    ContentType.objects.get_for_model(Event)

    with django_assert_num_queries(8):
        response = client.get(event.get_absolute_url())

    content = response.content.decode()
    assert content.count("Impuls Nummer") == count
    assert content.count("Diskussion Nummer") == count


def test_is_visible_to_asks_the_database_once_per_viewer(django_assert_num_queries):
    event = EventFactory(confidentiality=Confidentiality.NETWORK)
    person = UserFactory()
    anonymous = type("Anonymous", (), {"is_authenticated": False, "pk": None})()

    with django_assert_num_queries(2):
        assert queries.is_visible_to(event, person) is True
        assert queries.is_visible_to(event, person) is True
        assert queries.is_visible_to(event, anonymous) is False
        assert queries.is_visible_to(event, anonymous) is False


def test_is_visible_to_hides_a_draft_from_a_councillor():
    draft = EventFactory(status=EventStatus.DRAFT)

    assert queries.is_visible_to(draft, UserFactory()) is False


def test_visible_event_remembers_the_answer(django_assert_num_queries):
    event = EventFactory(slug="daten-im-rat")
    person = UserFactory()

    with django_assert_num_queries(1):
        found = queries.visible_event(person, "daten-im-rat")
        assert found == event
        assert queries.is_visible_to(found, person) is True


def test_visible_event_is_none_for_a_draft_or_an_unknown_slug():
    EventFactory(slug="entwurf", status=EventStatus.DRAFT)
    person = UserFactory()

    assert queries.visible_event(person, "entwurf") is None
    assert queries.visible_event(person, "gibt-es-nicht") is None


def test_is_speaker_asks_once_per_event_instance_and_person(django_assert_num_queries):
    from stadtgespraeche.rooms.queries import is_speaker

    speaker, listener = UserFactory(), UserFactory()
    item = AgendaItemFactory()
    item.speakers.add(speaker)
    event = item.event

    with django_assert_num_queries(2):
        assert is_speaker(speaker, event) is True
        assert is_speaker(speaker, event) is True
        assert is_speaker(listener, event) is False
        assert is_speaker(listener, event) is False
