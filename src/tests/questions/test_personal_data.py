"""The live-Q&A section of the personal-data export and erasure."""

import pytest

from stadtgespraeche.core import personal_data
from stadtgespraeche.questions.models import LiveQuestion, QuestionVote
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _section():
    return next(s for s in personal_data.sections() if s.key == "events_questions")


def test_export_lists_own_questions_and_votes_only():
    event = EventFactory(title="Datenethik")
    user, other = UserFactory(), UserFactory()
    mine = LiveQuestion.objects.create(
        event=event, author=user, text="Meine Frage", is_anonymous=True
    )
    theirs = LiveQuestion.objects.create(event=event, author=other, text="Fremde Frage")
    QuestionVote.objects.create(question=theirs, user=user)
    QuestionVote.objects.create(question=mine, user=other)

    data = _section().exporter(user)

    assert [q["text"] for q in data["questions"]] == ["Meine Frage"]
    assert data["questions"][0]["anonymous"] is True
    assert data["questions"][0]["event"] == "Datenethik"
    assert [v["question"] for v in data["votes"]] == ["Fremde Frage"]
    assert personal_data.jsonable(data)  # serialisable


def test_erase_deletes_own_questions_and_votes_only():
    event = EventFactory()
    user, other = UserFactory(), UserFactory()
    mine = LiveQuestion.objects.create(event=event, author=user, text="Meine Frage")
    theirs = LiveQuestion.objects.create(event=event, author=other, text="Fremde Frage")
    QuestionVote.objects.create(question=theirs, user=user)
    QuestionVote.objects.create(question=theirs, user=other)

    _section().eraser(user)

    assert not LiveQuestion.objects.filter(pk=mine.pk).exists()
    assert list(QuestionVote.objects.values_list("user_id", flat=True)) == [other.pk]
    assert LiveQuestion.objects.filter(pk=theirs.pk).exists()
