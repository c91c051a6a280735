"""The person's questions and votes in live Q&As, for export and erasure (core.personal_data).

Registered from EventsConfig.ready(). Erasure deletes the person's questions and votes: a
question is the person's own words, and the Q&A needs no trace of who asked.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core import personal_data
from stadtgespraeche.questions.models import LiveQuestion, QuestionVote

LABELS = {
    "questions": _("Questions in live Q&As"),
    "event": _("Stadtgespräch"),
    "asked_at": _("Asked at"),
    "text": _("Question"),
    "anonymous": _("Anonymous towards other participants"),
    "status": _("Status"),
    "hidden_reason": _("Reason for hiding"),
    "votes": _("Votes given in live Q&As"),
    "question": _("Question"),
    "voted_at": _("Voted at"),
}


def export_questions(user: Any) -> dict[str, Any]:
    questions = LiveQuestion.objects.filter(author=user).select_related("event")
    votes = QuestionVote.objects.filter(user=user).select_related("question__event")
    return {
        "questions": [
            {
                "event": str(question.event),
                "asked_at": question.created_at,
                "text": question.text,
                "anonymous": question.is_anonymous,
                "status": str(question.get_status_display()),
                "hidden_reason": question.hidden_reason,
            }
            for question in questions.order_by("created_at", "pk")
        ],
        "votes": [
            {
                "event": str(vote.question.event),
                "question": vote.question.text,
                "voted_at": vote.created_at,
            }
            for vote in votes.order_by("created_at", "pk")
        ],
    }


def erase_questions(user: Any) -> None:
    QuestionVote.objects.filter(user=user).delete()
    LiveQuestion.objects.filter(author=user).delete()


def register() -> None:
    personal_data.register(
        "events_questions",
        title=_("Live Q&A"),
        exporter=export_questions,
        eraser=erase_questions,
        order=45,
        labels=LABELS,
    )
