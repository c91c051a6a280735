"""The full topic page (pages.views.topics): Stadtgespräche, wishes, followers, sections."""

import pytest
from django.urls import reverse

from stadtgespraeche.events.enums import Confidentiality, EventStatus
from stadtgespraeche.notifications.queries import is_following
from stadtgespraeche.notifications.services import follow
from stadtgespraeche.people.enums import Visibility
from stadtgespraeche.topics import sections
from stadtgespraeche.wishes.enums import WishStatus
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory
from tests.factories.people import ProfileFactory
from tests.factories.topics import TopicFactory
from tests.factories.wishes import TopicWishFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_topic_page_lists_visible_events_only(client):
    topic = TopicFactory()
    EventFactory(title="Öffentliches Gespräch").topics.add(topic)
    EventFactory(
        title="Netzwerkgespräch", confidentiality=Confidentiality.CHATHAM_HOUSE
    ).topics.add(topic)
    EventFactory(title="Entwurf", status=EventStatus.DRAFT).topics.add(topic)

    content = client.get(topic.get_absolute_url()).content.decode()

    assert "Öffentliches Gespräch" in content
    assert "Netzwerkgespräch" not in content
    assert "Entwurf" not in content


def test_topic_page_shows_wishes_to_members_only(client):
    topic = TopicFactory()
    TopicWishFactory(topic=topic, title="Wunsch zum Thema")
    TopicWishFactory(topic=topic, title="Zusammengeführt", status=WishStatus.MERGED)

    anonymous = client.get(topic.get_absolute_url()).content.decode()
    client.force_login(UserFactory())
    member = client.get(topic.get_absolute_url()).content.decode()

    assert "Wunsch zum Thema" not in anonymous
    assert "Themenwünsche" not in anonymous
    assert "Wunsch zum Thema" in member
    assert "Zusammengeführt" not in member


def test_topic_page_counts_followers_and_names_only_visible_ones(client):
    topic = TopicFactory()
    public = UserFactory(first_name="Petra", last_name="Public")
    ProfileFactory(user=public, identity_visibility=Visibility.PUBLIC)
    network = UserFactory(first_name="Nora", last_name="Netz")
    ProfileFactory(user=network, identity_visibility=Visibility.NETWORK)
    for person in (public, network, UserFactory(first_name="Ohne", last_name="Profil")):
        follow(person, topic)

    anonymous = client.get(topic.get_absolute_url()).content.decode()
    client.force_login(UserFactory())
    member = client.get(topic.get_absolute_url()).content.decode()

    assert "3 Personen folgen diesem Thema." in anonymous
    assert "Petra Public" in anonymous
    assert "Nora Netz" not in anonymous
    assert "Petra Public" in member
    assert "Nora Netz" in member
    assert "Ohne Profil" not in member


def test_follow_and_unfollow(client):
    topic = TopicFactory()
    person = UserFactory()
    client.force_login(person)
    url = reverse("topics:topic-follow", kwargs={"slug": topic.slug})

    response = client.post(url, {"action": "follow"})
    assert response.url == topic.get_absolute_url()
    assert is_following(person, topic)
    assert "Nicht mehr folgen" in client.get(topic.get_absolute_url()).content.decode()

    client.post(url, {"action": "unfollow"})
    assert not is_following(person, topic)


def test_follow_requires_login_and_post(client):
    topic = TopicFactory()
    url = reverse("topics:topic-follow", kwargs={"slug": topic.slug})

    assert client.post(url).status_code == 302
    client.force_login(UserFactory())
    assert client.get(url).status_code == 405


def test_follow_inactive_topic_is_404_for_members(client):
    topic = TopicFactory(is_active=False)
    client.force_login(UserFactory())

    response = client.post(reverse("topics:topic-follow", kwargs={"slug": topic.slug}))

    assert response.status_code == 404


def test_registered_sections_are_rendered(client):
    topic = TopicFactory()
    sections.register(
        "tests.example",
        lambda topic, viewer: sections.TopicSection(
            key="tests.example",
            title="Praxisbeispiele",
            template="core/ui/empty_state.html",
            items=[1],
        ),
    )
    try:
        content = client.get(topic.get_absolute_url()).content.decode()
    finally:
        sections._providers.pop("tests.example")

    assert "Praxisbeispiele" in content


@pytest.mark.parametrize("item_count", [1, 3])
def test_topic_page_query_count(client, django_assert_num_queries, item_count):
    topic = TopicFactory()
    viewer = UserFactory()
    for _number in range(item_count):
        EventFactory().topics.add(topic)
        TopicWishFactory(topic=topic)
        follower = UserFactory()
        ProfileFactory(user=follower)
        follow(follower, topic)
    client.force_login(viewer)

    with django_assert_num_queries(13):  # incl. the council decisions (oparl)
        response = client.get(topic.get_absolute_url())

    assert len(response.context["events"]) == item_count
    assert len(response.context["wishes"]) == item_count
