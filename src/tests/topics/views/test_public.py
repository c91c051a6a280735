import pytest
from django.urls import reverse

from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.topics import TopicFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _no_seed_topics(django_db_setup):
    from stadtgespraeche.topics.models import Topic

    Topic.objects.all().delete()


@pytest.mark.parametrize("item_count", [1, 3])
def test_topic_list_query_count(client, django_assert_num_queries, item_count):
    TopicFactory.create_batch(item_count)

    with django_assert_num_queries(1):
        response = client.get(reverse("topics:topic-list"))

    assert response.status_code == 200
    assert len(response.context["topics"]) == item_count


def test_topic_list_shows_only_active_topics(client):
    TopicFactory(title="Offene Daten im Rat")
    TopicFactory(title="Altes Thema", is_active=False)

    response = client.get(reverse("topics:topic-list"))

    content = response.content.decode()
    assert "Offene Daten im Rat" in content
    assert "Altes Thema" not in content
    assert '<h1 class="kern-heading-large">Themen</h1>' in content


def test_topic_list_empty_state(client):
    response = client.get(reverse("topics:topic-list"))

    assert "Es wurden noch keine Themen veröffentlicht." in response.content.decode()


def test_topic_detail_renders_sanitised_markdown_and_empty_state(client):
    topic = TopicFactory(body="## Fragen\n\n- **Eins**\n\n<script>alert('x')</script>")

    response = client.get(topic.get_absolute_url())

    content = response.content.decode()
    assert "<h2>Fragen</h2>" in content
    assert "<strong>Eins</strong>" in content
    assert "<script>alert" not in content
    assert "Noch keine Stadtgespräche zu diesem Thema." in content
    assert "0 Personen folgen diesem Thema." in content


def test_topic_detail_in_english(client):
    topic = TopicFactory()

    client.cookies["django_language"] = "en"
    response = client.get(topic.get_absolute_url())

    assert "There are no Stadtgespräche on this topic yet." in response.content.decode()


@pytest.mark.parametrize("user_factory", [None, UserFactory])
def test_inactive_topic_is_hidden_from_public_and_councillors(client, user_factory):
    topic = TopicFactory(title="Verborgenes Thema", is_active=False)
    if user_factory:
        client.force_login(user_factory())

    response = client.get(topic.get_absolute_url())

    assert response.status_code == 404
    assert "Verborgenes Thema" not in response.content.decode()


def test_inactive_topic_is_visible_to_organisers_with_notice(client):
    topic = TopicFactory(title="Verborgenes Thema", is_active=False)
    client.force_login(OrganiserFactory())

    response = client.get(topic.get_absolute_url())

    content = response.content.decode()
    assert "Verborgenes Thema" in content
    assert "deaktiviert" in content
