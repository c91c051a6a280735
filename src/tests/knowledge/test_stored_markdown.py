"""A practice's texts are rendered when they are written and shown from the stored HTML."""

import pytest

from stadtgespraeche.knowledge import services
from stadtgespraeche.knowledge.enums import EditorialState
from tests.factories.accounts import UserFactory
from tests.factories.knowledge import PracticeFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TEXTS = {
    "problem": "Nur **Präsenz**",
    "approach": "- Portal\n- Moderation",
    "outcome": "Mehr *Beteiligung*",
    "lessons_learned": "## Früh anfangen",
}
HTML = {
    "problem_html": "<p>Nur <strong>Präsenz</strong></p>",
    "approach_html": "<ul>\n<li>Portal</li>\n<li>Moderation</li>\n</ul>",
    "outcome_html": "<p>Mehr <em>Beteiligung</em></p>",
    "lessons_learned_html": "<h2>Früh anfangen</h2>",
}


def test_create_practice_stores_the_rendered_texts(coordinator, city):
    practice = services.create_practice(
        author=coordinator, title="Portal", municipalities=[city], summary="Kurz.", **TEXTS
    )

    practice.refresh_from_db()
    assert {name: getattr(practice, name) for name in HTML} == HTML


def test_update_practice_renders_the_changed_texts(coordinator, city):
    practice = services.create_practice(
        author=coordinator, title="Portal", municipalities=[city], summary="Kurz.", **TEXTS
    )

    services.update_practice(practice, by=coordinator, outcome="Weniger", lessons_learned="")

    practice.refresh_from_db()
    assert practice.outcome_html == "<p>Weniger</p>"
    assert practice.lessons_learned_html == ""
    assert practice.problem_html == HTML["problem_html"]


def test_practice_page_shows_the_stored_html_without_rendering(
    client, city, forbid_markdown_rendering
):
    practice = PracticeFactory(municipalities=[city], **TEXTS)
    forbid_markdown_rendering()

    content = client.get(practice.get_absolute_url()).content.decode()

    for html in HTML.values():
        assert html in content


def test_draft_practice_page_shows_nothing_of_its_texts(client, city, forbid_markdown_rendering):
    practice = PracticeFactory(municipalities=[city], state=EditorialState.DRAFT, **TEXTS)
    client.force_login(UserFactory())
    forbid_markdown_rendering()

    response = client.get(practice.get_absolute_url())

    assert response.status_code == 404
    assert "Präsenz" not in response.content.decode()
