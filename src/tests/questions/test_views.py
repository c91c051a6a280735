"""Live Q&A views: page, htmx partial, ask, vote, moderate, export; denials and query counts."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.questions import services as services_questions
from stadtgespraeche.questions.enums import QuestionStatus
from stadtgespraeche.questions.models import LiveQuestion, QuestionVote
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.events import AgendaItemFactory, EventFactory
from tests.factories.registrations import RegistrationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

START = datetime.datetime(2026, 12, 3, 17, 0, tzinfo=datetime.UTC)
END = START + datetime.timedelta(hours=2)
RUNNING = START + datetime.timedelta(minutes=15)
AFTERWARDS = END + datetime.timedelta(hours=3)
SECRET_QUESTION = "Wie finanzieren Sie die Plattform?"


@pytest.fixture(autouse=True)
def _running():
    cache.clear()
    with time_machine.travel(RUNNING, tick=False):
        yield


@pytest.fixture
def event():
    return EventFactory(starts_at=START, ends_at=END, status=EventStatus.REGISTRATION_CLOSED)


@pytest.fixture
def participant(event):
    user = UserFactory(first_name="Berta", last_name="Beispiel")
    RegistrationFactory(event=event, user=user)
    return user


@pytest.fixture
def question(event, participant):
    return services_questions.ask_question(event, by=participant, text=SECRET_QUESTION)


def _url(name, event, **kwargs):
    return reverse(f"questions:{name}", kwargs={"slug": event.slug, **kwargs})


def test_questions_page_shows_questions_and_form(client, event, participant, question):
    client.force_login(participant)
    response = client.get(_url("question-list", event))
    assert response.status_code == 200
    assert SECRET_QUESTION in response.text
    assert "Eine Frage stellen" in response.text
    assert 'hx-trigger="every 5s"' in response.text
    assert "Als beantwortet markieren" not in response.text
    assert "export.md" not in response.text


def test_questions_htmx_poll_returns_only_the_list(client, event, participant, question):
    client.force_login(participant)
    response = client.get(_url("question-list", event), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert SECRET_QUESTION in response.text
    assert "<html" not in response.text
    assert 'id="question-list"' in response.text
    assert "Eine Frage stellen" not in response.text


@pytest.mark.parametrize("who", ["councillor", "waitlisted"])
def test_questions_page_denied_for_non_participants(client, event, question, who):
    user = UserFactory()
    if who == "waitlisted":
        RegistrationFactory(event=event, user=user, status="waitlisted")
    client.force_login(user)
    page = client.get(_url("question-list", event))
    poll = client.get(_url("question-list", event), headers={"HX-Request": "true"})
    assert page.status_code == 403
    assert poll.status_code == 403
    assert SECRET_QUESTION not in page.text
    assert SECRET_QUESTION not in poll.text


def test_questions_page_anonymous_redirects_to_login(client, event, question):
    response = client.get(_url("question-list", event))
    assert response.status_code == 302
    assert SECRET_QUESTION not in response.text


def test_ask_posts_question_and_redirects(client, event, participant):
    client.force_login(participant)
    response = client.post(
        _url("question-ask", event), {"text": "Gibt es Open Data?", "anonymous": "on"}, follow=True
    )
    assert "Ihre Frage wurde veröffentlicht." in response.text
    question = LiveQuestion.objects.get()
    assert question.text == "Gibt es Open Data?"
    assert question.is_anonymous


def test_ask_empty_shows_german_error(client, event, participant):
    client.force_login(participant)
    response = client.post(_url("question-ask", event), {"text": ""})
    assert response.status_code == 400
    assert "Bitte geben Sie Ihre Frage ein." in response.text
    assert not LiveQuestion.objects.exists()


def test_ask_rate_limited_shows_german_error(client, event, participant):
    client.force_login(participant)
    for number in range(5):
        client.post(_url("question-ask", event), {"text": f"Frage {number}"})
    response = client.post(_url("question-ask", event), {"text": "Eine zu viel"})
    assert response.status_code == 400
    assert "Bitte warten Sie einen Moment." in response.text


def test_ask_after_window_is_read_only(client, event, participant, question):
    client.force_login(participant)
    with time_machine.travel(AFTERWARDS, tick=False):
        page = client.get(_url("question-list", event))
        response = client.post(_url("question-ask", event), {"text": "Zu spät"}, follow=True)
    assert SECRET_QUESTION in page.text
    assert "Eine Frage stellen" not in page.text
    assert "hx-trigger" not in page.text
    assert "nur gelesen" in page.text
    assert "nicht geöffnet" in response.text
    assert LiveQuestion.objects.count() == 1


def test_ask_by_non_participant_is_denied(client, event):
    client.force_login(UserFactory())
    response = client.post(_url("question-ask", event), {"text": "Darf ich?"})
    assert response.status_code == 403
    assert not LiveQuestion.objects.exists()


def test_vote_adds_one_vote(client, event, participant, question):
    client.force_login(participant)
    client.post(_url("question-vote", event, pk=question.pk))
    response = client.post(_url("question-vote", event, pk=question.pk), follow=True)
    assert QuestionVote.objects.filter(question=question).count() == 1
    assert "Sie haben für diese Frage gestimmt." in response.text
    assert "1 Stimme" in response.text


def test_vote_on_answered_question_shows_message(client, event, participant, question):
    services_questions.mark_answered(question, by=OrganiserFactory())
    client.force_login(participant)
    response = client.post(_url("question-vote", event, pk=question.pk), follow=True)
    assert "nicht mehr abgestimmt" in response.text
    assert not QuestionVote.objects.exists()


def test_vote_unknown_question_is_404(client, event, participant):
    client.force_login(participant)
    assert client.post(_url("question-vote", event, pk=999)).status_code == 404


def test_vote_by_non_participant_is_denied(client, event, question):
    client.force_login(UserFactory())
    assert client.post(_url("question-vote", event, pk=question.pk)).status_code == 403
    assert not QuestionVote.objects.exists()


def test_moderator_sees_anonymous_author_participants_do_not(client, event):
    author = UserFactory(first_name="Anonyma", last_name="Fragerin")
    RegistrationFactory(event=event, user=author)
    services_questions.ask_question(event, by=author, text="Heikle Frage", anonymous=True)
    other = UserFactory()
    RegistrationFactory(event=event, user=other)
    client.force_login(other)
    assert "Anonyma" not in client.get(_url("question-list", event)).text
    client.force_login(OrganiserFactory())
    moderator_view = client.get(_url("question-list", event)).text
    assert "Anonyma Fragerin" in moderator_view
    assert "anonym für andere Teilnehmende" in moderator_view


def test_speaker_marks_answered(client, event, question):
    speaker = UserFactory()
    AgendaItemFactory(event=event).speakers.add(speaker)
    client.force_login(speaker)
    response = client.post(_url("question-answer", event, pk=question.pk), follow=True)
    assert "als beantwortet markiert" in response.text
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED


def test_mark_answered_by_participant_is_denied(client, event, participant, question):
    client.force_login(participant)
    assert client.post(_url("question-answer", event, pk=question.pk)).status_code == 403
    question.refresh_from_db()
    assert question.status == QuestionStatus.OPEN


def test_hide_with_reason_hides_from_participants(client, event, participant, question):
    client.force_login(OrganiserFactory())
    response = client.post(
        _url("question-hide", event, pk=question.pk), {"reason": "Nicht zum Thema"}, follow=True
    )
    assert "Die Frage ist ausgeblendet." in response.text
    assert "Nicht zum Thema" in response.text  # moderators see hidden ones with the reason
    client.force_login(participant)
    assert SECRET_QUESTION not in client.get(_url("question-list", event)).text


def test_hide_without_reason_shows_german_error(client, event, question):
    client.force_login(OrganiserFactory())
    response = client.post(_url("question-hide", event, pk=question.pk), {"reason": ""})
    assert response.status_code == 400
    assert "Bitte geben Sie einen Grund" in response.text
    question.refresh_from_db()
    assert question.status == QuestionStatus.OPEN


def test_hide_page_shows_question_and_form(client, event, question):
    client.force_login(OrganiserFactory())
    list_page = client.get(_url("question-list", event))
    response = client.get(_url("question-hide", event, pk=question.pk))
    assert _url("question-hide", event, pk=question.pk) in list_page.text
    assert response.status_code == 200
    assert SECRET_QUESTION in response.text
    assert "Grund für das Ausblenden" in response.text


def test_hide_already_hidden_question_again_updates_reason(client, event, question):
    client.force_login(OrganiserFactory())
    client.post(_url("question-hide", event, pk=question.pk), {"reason": "Erster Grund"})
    client.post(_url("question-hide", event, pk=question.pk), {"reason": "Zweiter Grund"})
    question.refresh_from_db()
    assert question.hidden_reason == "Zweiter Grund"


def test_hide_by_participant_is_denied(client, event, participant, question):
    client.force_login(participant)
    page = client.get(_url("question-hide", event, pk=question.pk))
    response = client.post(_url("question-hide", event, pk=question.pk), {"reason": "weg"})
    assert page.status_code == 403
    assert SECRET_QUESTION not in page.text
    assert response.status_code == 403


def test_export_returns_markdown_for_organisers(client, event, question):
    client.force_login(OrganiserFactory())
    page = client.get(_url("question-list", event))
    response = client.get(_url("question-export", event))
    assert "export.md" in page.text
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/markdown")
    assert f"- {SECRET_QUESTION} (0 Stimmen, nicht beantwortet)" in response.text


def test_export_denied_for_participants(client, event, participant, question):
    client.force_login(participant)
    response = client.get(_url("question-export", event))
    assert response.status_code == 403
    assert SECRET_QUESTION not in response.text


def _fill(event, count, *, voters=0):
    authors = []
    for _ in range(max(1, voters)):
        user = UserFactory()
        RegistrationFactory(event=event, user=user)
        authors.append(user)
    questions = LiveQuestion.objects.bulk_create(
        LiveQuestion(event=event, author=authors[n % len(authors)], text=f"Frage {n}")
        for n in range(count)
    )
    QuestionVote.objects.bulk_create(
        QuestionVote(question=questions[n % count], user=authors[n % len(authors)])
        for n in range(voters)
    )


@pytest.mark.parametrize("count", [1, 3])
def test_questions_page_query_count(client, django_assert_num_queries, event, participant, count):
    _fill(event, count)
    client.force_login(participant)
    # session, user, event, view permission (speaker, registration), list; the moderator
    # check reuses the speaker answer (rooms.queries.is_speaker, per event instance)
    with django_assert_num_queries(7):
        response = client.get(_url("question-list", event))
    assert response.text.count('class="kern-card"') == count


@pytest.mark.parametrize("count", [1, 3, 200])
def test_questions_poll_query_count_is_constant(
    client, django_assert_num_queries, event, participant, count
):
    _fill(event, count, voters=count)
    client.force_login(participant)
    with django_assert_num_queries(6):
        response = client.get(_url("question-list", event), headers={"HX-Request": "true"})
    assert response.text.count('class="kern-card"') == count
