"""The organiser adds the live Q&A questions to the minutes (issue 5, section 3)."""

import pytest
from django.urls import reverse

from stadtgespraeche.documentation import services as services_documentation
from stadtgespraeche.documentation.models import Minutes
from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.events.exceptions import EventError
from stadtgespraeche.questions.enums import QuestionStatus
from stadtgespraeche.questions.models import LiveQuestion
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.events import EventFactory

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def held():
    event = EventFactory(status=EventStatus.HELD)
    asker = UserFactory(first_name="Geheim", last_name="Fragende")
    LiveQuestion.objects.create(event=event, author=asker, text="Wie teuer war das?")
    LiveQuestion.objects.create(
        event=event, author=asker, text="Gibt es offene Daten?", status=QuestionStatus.ANSWERED
    )
    LiveQuestion.objects.create(
        event=event, author=asker, text="Ausgeblendet", status=QuestionStatus.HIDDEN
    )
    return event


@pytest.mark.unit
def test_questions_are_appended_to_existing_minutes_without_names(held):
    Minutes.objects.create(event=held, body="## Austausch\n\nText")

    minutes = services_documentation.import_questions_into_minutes(held, by=OrganiserFactory())

    assert minutes.body.startswith("## Austausch\n\nText\n\n## Fragen aus der Live-Fragerunde")
    assert "Wie teuer war das?" in minutes.body
    assert "Gibt es offene Daten?" in minutes.body
    assert "Ausgeblendet" not in minutes.body
    assert "Geheim" not in minutes.body


@pytest.mark.unit
def test_without_questions_nothing_is_imported():
    event = EventFactory(status=EventStatus.HELD)
    with pytest.raises(EventError, match="keine Fragen"):
        services_documentation.import_questions_into_minutes(event, by=None)
    assert not Minutes.objects.exists()


@pytest.mark.integration
def test_organiser_imports_through_the_documentation_page(client, held):
    client.force_login(OrganiserFactory())

    response = client.post(
        reverse("documentation:documentation-import-questions", kwargs={"slug": held.slug}),
        follow=True,
    )

    assert "am Ende des Protokolls eingefügt" in response.content.decode()
    assert "Wie teuer war das?" in Minutes.objects.get(event=held).body


@pytest.mark.integration
def test_import_is_forbidden_for_councillors(client, held):
    client.force_login(UserFactory())

    response = client.post(
        reverse("documentation:documentation-import-questions", kwargs={"slug": held.slug})
    )

    assert response.status_code in (403, 404)
    assert not Minutes.objects.exists()
