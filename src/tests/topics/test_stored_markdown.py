"""A topic's description is rendered when it is written and shown from the stored HTML."""

import pytest

from stadtgespraeche.topics import services
from tests.factories.accounts import OrganiserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_create_topic_stores_the_rendered_description():
    topic = services.create_topic(
        title="Digitale Zwillinge", summary="Kurz.", body="Daten **offen**", by=OrganiserFactory()
    )

    topic.refresh_from_db()
    assert topic.body_html == "<p>Daten <strong>offen</strong></p>"


def test_update_topic_renders_the_changed_description():
    organiser = OrganiserFactory()
    topic = services.create_topic(
        title="Digitale Zwillinge", summary="Kurz.", body="Alt", by=organiser
    )

    services.update_topic(
        topic,
        title="Digitale Zwillinge",
        summary="Kurz.",
        body="## Neu",
        slug=topic.slug,
        by=organiser,
    )

    topic.refresh_from_db()
    assert topic.body_html == "<h2>Neu</h2>"


def test_topic_page_shows_the_stored_html_without_rendering(client, forbid_markdown_rendering):
    topic = services.create_topic(
        title="Digitale Zwillinge", summary="Kurz.", body="Daten **offen**", by=OrganiserFactory()
    )
    forbid_markdown_rendering()

    content = client.get(topic.get_absolute_url()).content.decode()

    assert "<p>Daten <strong>offen</strong></p>" in content


def test_inactive_topic_page_shows_nothing_of_its_description(client, forbid_markdown_rendering):
    organiser = OrganiserFactory()
    topic = services.create_topic(title="Alt", summary="Kurz.", body="Geheim **alt**", by=organiser)
    services.set_topic_active(topic, is_active=False, by=organiser)
    forbid_markdown_rendering()

    response = client.get(topic.get_absolute_url())

    assert response.status_code == 404
    assert "Geheim" not in response.content.decode()
