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
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.people import ProfileFactory
from tests.factories.registrations import RegistrationFactory
from tests.factories.topics import TopicFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _event_with(count: int, viewer=None):
    """An event with `count` topics, hosts, agenda items (each with a speaker), discussions
    and registrations of people on the participant list (and the viewer's, if given)."""
    event = EventFactory(title="Offene Daten im Rat")
    event.topics.set(TopicFactory.create_batch(count))
    event.hosts.set(MunicipalityFactory.create_batch(count))
    event.co_hosts.set(MunicipalityFactory.create_batch(count))
    for number in range(count):
        item = AgendaItemFactory(event=event, title=f"Impuls Nummer {number + 1}")
        item.speakers.add(UserFactory(first_name="Rednerin", last_name=f"Nummer{number + 1}"))
        link = EventThreadFactory(event=event, thread__title=f"Diskussion Nummer {number + 1}")
        PostFactory(thread=link.thread)
        participant = UserFactory(first_name="Teilnehmerin", last_name=f"Liste{number + 1}")
        ProfileFactory(user=participant)
        RegistrationFactory(event=event, user=participant, on_participant_list=True)
    if viewer is not None:
        RegistrationFactory(event=event, user=viewer)
    return event


def _assert_page(response, count: int, *, participants: bool) -> None:
    content = response.content.decode()
    assert content.count("Impuls Nummer") == count
    assert content.count("Diskussion Nummer") == count
    assert content.count("Rednerin Nummer") == count
    assert content.count("Musterstadt") >= 2 * count  # hosts and co-hosts
    assert content.count("Testthema") == count
    assert content.count("Teilnehmerin Liste") == (count if participants else 0)


# The logged-in page: session, user, event, hosts/co-hosts/topics (one query), agenda,
# speakers, "coordinates anything?", unread notifications, follow button, own registration
# (room box, registration box, participant list and discussions share it), counts per mode,
# participant list, discussions.
LOGGED_IN_QUERIES = 13
# Anonymous (not from the response cache: the first request): event, labels, agenda,
# speakers, counts per mode, discussions.
ANONYMOUS_QUERIES = 6


@pytest.mark.parametrize("count", [1, 3])
def test_event_detail_query_count_logged_in(client, django_assert_num_queries, count):
    viewer = UserFactory()
    event = _event_with(count, viewer=viewer)
    client.force_login(viewer)
    ContentType.objects.get_for_model(Event)  # cached once per process in production

    with django_assert_num_queries(LOGGED_IN_QUERIES):
        response = client.get(event.get_absolute_url())

    _assert_page(response, count, participants=True)


@pytest.mark.parametrize("count", [1, 3])
def test_event_detail_query_count_not_registered(client, django_assert_num_queries, count):
    event = _event_with(count)
    client.force_login(UserFactory())
    ContentType.objects.get_for_model(Event)

    # No participant list (one query fewer).
    with django_assert_num_queries(LOGGED_IN_QUERIES - 1):
        response = client.get(event.get_absolute_url())

    _assert_page(response, count, participants=False)


@pytest.mark.parametrize("count", [1, 3])
def test_event_detail_query_count_anonymous(client, django_assert_num_queries, count):
    event = _event_with(count)
    ContentType.objects.get_for_model(Event)

    with django_assert_num_queries(ANONYMOUS_QUERIES):
        response = client.get(event.get_absolute_url())

    _assert_page(response, count, participants=False)


def test_labels_of_keeps_each_model_order():
    event = EventFactory()
    event.hosts.set([MunicipalityFactory(name="Zweibrücken"), MunicipalityFactory(name="Aachen")])
    event.co_hosts.set([MunicipalityFactory(name="Mainz")])
    event.topics.set([TopicFactory(title="Zukunft"), TopicFactory(title="Anfang")])

    labels = queries.labels_of(event)

    assert [str(label) for label in labels.hosts] == ["Aachen", "Zweibrücken"]
    assert [str(label) for label in labels.co_hosts] == ["Mainz"]
    assert [str(label) for label in labels.topics] == ["Anfang", "Zukunft"]


def test_the_own_registration_is_read_again_after_a_write(django_assert_num_queries):
    from stadtgespraeche.registrations import queries as registration_queries

    viewer = UserFactory()
    event = EventFactory()
    with django_assert_num_queries(1):
        assert registration_queries.active_registration(event, viewer) is None
        assert registration_queries.holds_place(event, viewer) is False

    RegistrationFactory(event=event, user=viewer)

    assert registration_queries.holds_place(event, viewer) is True


def test_is_speaker_at_reads_the_speakers_of_the_page_agenda(django_assert_num_queries):
    speaker, listener = UserFactory(), UserFactory()
    item = AgendaItemFactory()
    item.speakers.add(speaker)
    event = item.event
    queries.page_agenda(event)

    with django_assert_num_queries(0):
        assert queries.is_speaker_at(event, speaker) is True
        assert queries.is_speaker_at(event, listener) is False


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
