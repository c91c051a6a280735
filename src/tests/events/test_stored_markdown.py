"""An event's description is rendered when it is written and shown from the stored HTML."""

import datetime

import pytest

from stadtgespraeche.events import services
from stadtgespraeche.events.enums import Confidentiality, EventStatus
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.network import SeriesFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

START = datetime.datetime(2026, 12, 3, 17, 0, tzinfo=datetime.UTC)


def _event(description, **fields):
    return services.create_event(
        series=SeriesFactory(),
        title="Hybride Ratsarbeit",
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=2),
        by=OrganiserFactory(),
        description=description,
        **fields,
    )


def test_create_event_stores_the_rendered_description():
    event = _event("Impulse aus **Bamberg**")

    event.refresh_from_db()
    assert event.description_html == "<p>Impulse aus <strong>Bamberg</strong></p>"


def test_update_event_renders_the_changed_description():
    event = _event("Alt")

    services.update_event(event, by=OrganiserFactory(), description="- neu")

    event.refresh_from_db()
    assert event.description_html == "<ul>\n<li>neu</li>\n</ul>"


def test_event_page_shows_the_stored_html_without_rendering(client, forbid_markdown_rendering):
    event = _event("Impulse aus **Bamberg**", confidentiality=Confidentiality.PUBLIC)
    services.transition_event(event, to=EventStatus.PUBLISHED, by=None)
    forbid_markdown_rendering()

    content = client.get(event.get_absolute_url()).content.decode()

    assert "<p>Impulse aus <strong>Bamberg</strong></p>" in content


def test_draft_event_page_shows_nothing_of_its_description(client, forbid_markdown_rendering):
    event = _event("Noch **geheim**")
    client.force_login(UserFactory())
    forbid_markdown_rendering()

    response = client.get(event.get_absolute_url())

    assert response.status_code == 404
    assert "geheim" not in response.content.decode()
