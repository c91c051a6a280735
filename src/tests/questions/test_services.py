"""Live Q&A: services (every exit path), queries and the Markdown export."""

import datetime
import threading

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection

from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.questions import queries as queries_questions
from stadtgespraeche.questions import services as services_questions
from stadtgespraeche.questions.enums import QuestionStatus
from stadtgespraeche.questions.models import LiveQuestion, QuestionVote
from stadtgespraeche.questions.services import QuestionError
from stadtgespraeche.registrations.enums import RegistrationStatus
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.events import AgendaItemFactory, EventFactory
from tests.factories.registrations import RegistrationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

START = datetime.datetime(2026, 12, 3, 17, 0, tzinfo=datetime.UTC)
END = START + datetime.timedelta(hours=2)
RUNNING = START + datetime.timedelta(minutes=15)
TOO_EARLY = START - datetime.timedelta(minutes=31)
TOO_LATE = END + datetime.timedelta(hours=2, seconds=1)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _running():
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
    return services_questions.ask_question(event, by=participant, text="Wie messen Sie Erfolg?")


# ask_question


def test_ask_question_creates_question_and_audits(event, participant):
    question = services_questions.ask_question(
        event, by=participant, text="  Wie   beteiligen Sie Jugendliche? ", anonymous=True
    )
    assert question.text == "Wie beteiligen Sie Jugendliche?"
    assert question.is_anonymous
    assert question.status == QuestionStatus.OPEN
    log = AuditLog.objects.get(action="events.question.asked")
    assert log.data == {"event": event.pk, "anonymous": True}


def test_ask_question_by_non_participant_is_refused(event):
    with pytest.raises(QuestionError, match="Nur Teilnehmende"):
        services_questions.ask_question(event, by=UserFactory(), text="Frage?")
    assert not LiveQuestion.objects.exists()


def test_ask_question_by_waitlisted_is_refused(event):
    user = UserFactory()
    RegistrationFactory(event=event, user=user, status=RegistrationStatus.WAITLISTED)
    with pytest.raises(QuestionError):
        services_questions.ask_question(event, by=user, text="Frage?")


@pytest.mark.parametrize("when", [TOO_EARLY, TOO_LATE])
def test_ask_question_outside_window_is_refused(event, participant, when):
    with pytest.raises(QuestionError, match="nicht geöffnet"):
        services_questions.ask_question(event, by=participant, text="Frage?", now=when)


def test_ask_question_empty_is_refused(event, participant):
    with pytest.raises(QuestionError, match="Bitte geben Sie Ihre Frage ein"):
        services_questions.ask_question(event, by=participant, text="   ")


def test_ask_question_too_long_is_refused(event, participant):
    with pytest.raises(QuestionError, match="500"):
        services_questions.ask_question(event, by=participant, text="x" * 501)


def test_ask_question_rate_limited(event, participant):
    for number in range(5):
        services_questions.ask_question(event, by=participant, text=f"Frage {number}?")
    with pytest.raises(QuestionError, match="warten"):
        services_questions.ask_question(event, by=participant, text="Noch eine?")
    assert LiveQuestion.objects.count() == 5


def test_ask_question_by_speaker_and_organiser(event):
    speaker = UserFactory()
    AgendaItemFactory(event=event).speakers.add(speaker)
    services_questions.ask_question(event, by=speaker, text="Von der Referentin")
    services_questions.ask_question(event, by=OrganiserFactory(), text="Vom Orga-Team")
    assert LiveQuestion.objects.count() == 2


# vote_question


def test_vote_question_counts_once_per_person(question, event):
    voter = UserFactory()
    RegistrationFactory(event=event, user=voter)
    assert services_questions.vote_question(question, by=voter) is True
    assert services_questions.vote_question(question, by=voter) is False
    assert QuestionVote.objects.filter(question=question).count() == 1


def test_vote_question_by_non_participant_is_refused(question):
    with pytest.raises(QuestionError, match="abstimmen"):
        services_questions.vote_question(question, by=UserFactory())


def test_vote_question_after_window_is_refused(question, participant):
    with pytest.raises(QuestionError, match="nicht geöffnet"):
        services_questions.vote_question(question, by=participant, now=TOO_LATE)


@pytest.mark.parametrize("status", [QuestionStatus.ANSWERED, QuestionStatus.HIDDEN])
def test_vote_question_not_open_is_refused(question, participant, status):
    question.status = status
    question.save()
    with pytest.raises(QuestionError, match="nicht mehr"):
        services_questions.vote_question(question, by=participant)


# SQLite's in-memory test database refuses parallel writers ("table is locked"); the
# parallel tests run on the PostgreSQL leg (scripts/with-postgres.sh).
needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="parallel writers need PostgreSQL"
)


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_vote_question_concurrent_requests_count_once(event, participant):
    question = services_questions.ask_question(event, by=participant, text="Parallel?")
    voter = UserFactory()
    RegistrationFactory(event=event, user=voter)
    results: list[bool] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def worker():
        try:
            barrier.wait()
            results.append(services_questions.vote_question(question, by=voter))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert QuestionVote.objects.filter(question=question, user=voter).count() == 1
    assert results.count(True) == 1


# mark_answered / hide_question


def test_mark_answered_by_organiser(question):
    organiser = OrganiserFactory()
    services_questions.mark_answered(question, by=organiser)
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED
    assert question.moderated_by == organiser
    assert AuditLog.objects.filter(action="events.question.answered").count() == 1


def test_mark_answered_twice_is_a_noop(question):
    organiser = OrganiserFactory()
    services_questions.mark_answered(question, by=organiser)
    services_questions.mark_answered(question, by=organiser)
    assert AuditLog.objects.filter(action="events.question.answered").count() == 1


def test_mark_answered_by_speaker(question, event):
    speaker = UserFactory()
    AgendaItemFactory(event=event).speakers.add(speaker)
    services_questions.mark_answered(question, by=speaker)
    assert question.status == QuestionStatus.ANSWERED


def test_mark_answered_by_participant_is_refused(question, participant):
    with pytest.raises(QuestionError, match="Moderation"):
        services_questions.mark_answered(question, by=participant)


def test_hide_question_with_reason(question):
    services_questions.hide_question(question, by=OrganiserFactory(), reason=" Werbung ")
    question.refresh_from_db()
    assert question.status == QuestionStatus.HIDDEN
    assert question.hidden_reason == "Werbung"
    assert AuditLog.objects.get(action="events.question.hidden").data == {"reason": "Werbung"}


def test_hide_question_without_reason_is_refused(question):
    with pytest.raises(QuestionError, match="Grund"):
        services_questions.hide_question(question, by=OrganiserFactory(), reason="  ")


def test_hide_question_reason_too_long_is_refused(question):
    with pytest.raises(QuestionError, match="300"):
        services_questions.hide_question(question, by=OrganiserFactory(), reason="x" * 301)


def test_hide_question_by_participant_is_refused(question, participant):
    with pytest.raises(QuestionError):
        services_questions.hide_question(question, by=participant, reason="weg")


# queries


def test_questions_for_sorts_by_votes_then_time(event, participant):
    first = services_questions.ask_question(event, by=participant, text="Erste")
    second = services_questions.ask_question(event, by=participant, text="Zweite")
    third = services_questions.ask_question(event, by=participant, text="Dritte")
    for _ in range(2):
        voter = UserFactory()
        RegistrationFactory(event=event, user=voter)
        services_questions.vote_question(third, by=voter)
    services_questions.vote_question(second, by=participant)
    ordered = list(queries_questions.questions_for(event, participant, moderator=False))
    assert [q.text for q in ordered] == ["Dritte", "Zweite", "Erste"]
    assert [q.vote_total for q in ordered] == [2, 1, 0]
    assert [q.voted for q in ordered] == [False, True, False]
    assert first in ordered


def test_questions_for_hides_hidden_from_participants_only(question, event, participant):
    services_questions.hide_question(question, by=OrganiserFactory(), reason="Doppelt")
    assert list(queries_questions.questions_for(event, participant, moderator=False)) == []
    assert list(queries_questions.questions_for(event, participant, moderator=True)) == [question]


def test_questions_markdown_lists_questions_without_names(event, participant):
    services_questions.ask_question(event, by=participant, text="Wie *messen* Sie Erfolg?")
    answered = services_questions.ask_question(event, by=participant, text="Was kostet das?")
    hidden = services_questions.ask_question(event, by=participant, text="Spam")
    organiser = OrganiserFactory()
    services_questions.vote_question(answered, by=organiser)
    services_questions.mark_answered(answered, by=organiser)
    services_questions.hide_question(hidden, by=organiser, reason="Spam")
    markdown = queries_questions.questions_markdown(event)
    assert markdown.startswith("## Fragen aus der Live-Fragerunde\n")
    assert "- Was kostet das? (1 Stimme, beantwortet)" in markdown
    assert "- Wie *messen* Sie Erfolg? (0 Stimmen, nicht beantwortet)" in markdown
    assert "Spam" not in markdown
    assert "Berta" not in markdown


def test_questions_markdown_empty(event):
    assert "Es wurden keine Fragen gestellt." in queries_questions.questions_markdown(event)


def test_questions_window_is_30_minutes_before_to_2_hours_after(event):
    opens, closes = queries_questions.questions_window(event)
    assert opens == START - datetime.timedelta(minutes=30)
    assert closes == END + datetime.timedelta(hours=2)
    assert queries_questions.is_open(event, now=opens)
    assert not queries_questions.is_open(event, now=TOO_LATE)


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_vote_question_many_parallel_voters_are_counted_exactly(event, participant):
    question = services_questions.ask_question(event, by=participant, text="Viele Stimmen?")
    voters = []
    for _ in range(4):
        voter = UserFactory()
        RegistrationFactory(event=event, user=voter)
        voters.append(voter)
    results: list[bool] = []
    barrier = threading.Barrier(8)

    def worker(voter):
        try:
            barrier.wait()
            results.append(services_questions.vote_question(question, by=voter))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(voter,)) for voter in voters * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert QuestionVote.objects.filter(question=question).count() == 4
    assert results.count(True) == 4
    assert results.count(False) == 4
