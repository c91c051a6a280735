import pytest
from django.urls import reverse

from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.topics.models import Topic
from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory
from tests.factories.topics import TopicFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

NON_ORGANISERS = [UserFactory, CoordinatorFactory]


@pytest.fixture
def organiser_client(client):
    client.force_login(OrganiserFactory())
    return client


@pytest.mark.parametrize("item_count", [1, 3])
def test_topic_list_query_count(organiser_client, django_assert_num_queries, item_count):
    Topic.objects.all().delete()
    TopicFactory.create_batch(item_count)

    # session, user, topics
    with django_assert_num_queries(4):
        response = organiser_client.get(reverse("dashboard:topic-list"))

    assert len(response.context["topics"]) == item_count


def test_topic_list_shows_inactive_topics_to_organisers(organiser_client):
    TopicFactory(title="Ruhendes Thema", is_active=False)

    response = organiser_client.get(reverse("dashboard:topic-list"))

    content = response.content.decode()
    assert "Ruhendes Thema" in content
    assert "Aktivieren" in content


@pytest.mark.parametrize("factory", NON_ORGANISERS)
@pytest.mark.parametrize(
    ("url_name", "needs_pk"),
    [
        ("dashboard:topic-list", False),
        ("dashboard:topic-create", False),
        ("dashboard:topic-update", True),
    ],
)
def test_topic_views_deny_non_organisers(client, factory, url_name, needs_pk):
    topic = TopicFactory(title="Geheimes Entwurfsthema", is_active=False)
    client.force_login(factory())

    response = client.get(reverse(url_name, kwargs={"pk": topic.pk} if needs_pk else None))

    assert response.status_code == 403
    assert "Geheimes Entwurfsthema" not in response.content.decode()


def test_topic_list_redirects_anonymous_to_login(client):
    response = client.get(reverse("dashboard:topic-list"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_topic_create_adds_topic(organiser_client):
    response = organiser_client.post(
        reverse("dashboard:topic-create"),
        {"title": "Digitale Zwillinge", "slug": "", "summary": "Kurz.", "body": "## Lang"},
        follow=True,
    )

    topic = Topic.objects.get(title="Digitale Zwillinge")
    assert topic.slug == "digitale-zwillinge"
    assert "Das Thema „Digitale Zwillinge“ wurde angelegt." in response.content.decode()
    assert AuditLog.objects.filter(action="topics.topic.created").count() == 1


def test_topic_create_with_bad_input_shows_errors(organiser_client):
    TopicFactory(title="Open Data Neu", slug="open-data-neu")

    response = organiser_client.post(
        reverse("dashboard:topic-create"),
        {"title": "Open Data Neu", "slug": "kein slug!", "summary": ""},
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Es gibt bereits ein Thema mit diesem Titel." in content
    assert "Bitte ein gültiges Kürzel" in content
    assert "Dieses Feld ist zwingend erforderlich." in content
    assert Topic.objects.filter(title="Open Data Neu").count() == 1


def test_topic_update_changes_topic(organiser_client):
    topic = TopicFactory(title="Alt", slug="alt")

    organiser_client.post(
        reverse("dashboard:topic-update", kwargs={"pk": topic.pk}),
        {"title": "Neu", "slug": "neu", "summary": "Kurz.", "body": ""},
    )

    topic.refresh_from_db()
    assert (topic.title, topic.slug) == ("Neu", "neu")
    assert AuditLog.objects.get(action="topics.topic.updated").data == {
        "fields": ["title", "slug", "summary", "body"]
    }


def test_topic_set_active_deactivates(organiser_client):
    topic = TopicFactory()

    response = organiser_client.post(
        reverse("dashboard:topic-set-active", kwargs={"pk": topic.pk}), {"is_active": "0"}
    )

    topic.refresh_from_db()
    assert response.status_code == 302
    assert topic.is_active is False


@pytest.mark.parametrize("factory", NON_ORGANISERS)
def test_topic_set_active_denies_non_organisers(client, factory):
    topic = TopicFactory()
    client.force_login(factory())

    response = client.post(
        reverse("dashboard:topic-set-active", kwargs={"pk": topic.pk}), {"is_active": "0"}
    )

    topic.refresh_from_db()
    assert response.status_code == 403
    assert topic.is_active is True


def test_topic_set_active_rejects_get(organiser_client):
    topic = TopicFactory()

    response = organiser_client.get(reverse("dashboard:topic-set-active", kwargs={"pk": topic.pk}))

    assert response.status_code == 405
