"""Minutes and results are rendered when they are written and shown from the stored HTML."""

import pytest

from stadtgespraeche.documentation import services
from stadtgespraeche.documentation.models import Minutes
from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.questions.models import LiveQuestion
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.documentation import held_event

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _save(event, body, results=""):
    return services.save_minutes(
        event, body=body, results=results, recording_url="", by=OrganiserFactory()
    )


def test_save_minutes_stores_and_updates_the_rendered_html():
    event = held_event()
    _save(event, "Erst", "- eins")

    minutes = _save(event, "## Austausch", "- zwei")

    minutes.refresh_from_db()
    assert (minutes.body_html, minutes.results_html) == (
        "<h2>Austausch</h2>",
        "<ul>\n<li>zwei</li>\n</ul>",
    )


def test_importing_questions_renders_the_extended_minutes():
    event = held_event()
    _save(event, "Protokoll")
    LiveQuestion.objects.create(event=event, author=UserFactory(), text="Wie teuer war das Portal?")

    services.import_questions_into_minutes(event, by=None)

    minutes = Minutes.objects.get(event=event)
    assert minutes.body_html.startswith("<p>Protokoll</p>")
    assert "Wie teuer war das Portal?" in minutes.body_html


def test_event_page_shows_the_stored_minutes_without_rendering(client, forbid_markdown_rendering):
    event = held_event(status=EventStatus.DOCUMENTED)
    _save(event, "Wir haben **viel** gelernt.", "- Ergebnis")
    services.publish_documentation(event, by=None)
    forbid_markdown_rendering()

    content = client.get(event.get_absolute_url()).content.decode()

    assert "<p>Wir haben <strong>viel</strong> gelernt.</p>" in content
    assert "<li>Ergebnis</li>" in content


def test_unpublished_minutes_are_absent_for_councillors(client, forbid_markdown_rendering):
    event = held_event()
    _save(event, "Noch **intern**")
    client.force_login(UserFactory())
    forbid_markdown_rendering()

    content = client.get(event.get_absolute_url()).content.decode()

    assert "intern" not in content
