"""Writes of the live Q&A: ask, vote, mark answered, hide (docs/events.md, "Live Q&A")."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stadtgespraeche.accounts.models import User
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.core.throttling import Throttle
from stadtgespraeche.events.exceptions import EventError
from stadtgespraeche.events.models import Event
from stadtgespraeche.questions import queries as queries_questions
from stadtgespraeche.questions.enums import QuestionStatus
from stadtgespraeche.questions.models import LiveQuestion, QuestionVote

QUESTION_MAX_LENGTH = 500
HIDE_REASON_MAX_LENGTH = 300
# At most 5 questions per person and event within 2 minutes.
ASK_THROTTLE = Throttle("events.questions.ask", limit=5, window=120)


class QuestionError(EventError):
    """A live-Q&A action was refused; the message is shown to the person."""


def _check_open(event: Event, now: datetime | None) -> None:
    if not queries_questions.is_open(event, now=now):
        raise QuestionError(_("The Q&A of this Stadtgespräch is not open."))


def ask_question(
    event: Event,
    *,
    by: User,
    text: str,
    anonymous: bool = False,
    ip_address: str | None = None,
    now: datetime | None = None,
) -> LiveQuestion:
    if not queries_questions.is_participant(by, event):
        raise QuestionError(_("Only participants of this Stadtgespräch can ask questions."))
    _check_open(event, now)
    text = " ".join(text.split())
    if not text:
        raise QuestionError(_("Please enter your question."))
    if len(text) > QUESTION_MAX_LENGTH:
        raise QuestionError(
            _("Please keep your question under %(max)s characters.") % {"max": QUESTION_MAX_LENGTH}
        )
    if ASK_THROTTLE.is_blocked(str(by.pk), str(event.pk)):
        raise QuestionError(_("You have asked several questions just now. Please wait a moment."))
    ASK_THROTTLE.hit(str(by.pk), str(event.pk))
    with transaction.atomic():
        question = LiveQuestion.objects.create(
            event=event, author=by, text=text, is_anonymous=anonymous
        )
        log_action(
            "events.question.asked",
            actor=by,
            obj=question,
            ip_address=ip_address,
            data={"event": event.pk, "anonymous": anonymous},
        )
    return question


def vote_question(question: LiveQuestion, *, by: User, now: datetime | None = None) -> bool:
    """Upvote once; True if the vote is new, False if the person had already voted.

    The unique constraint keeps it at one vote per person, also under concurrent requests.
    """
    event = question.event
    if not queries_questions.is_participant(by, event):
        raise QuestionError(_("Only participants of this Stadtgespräch can vote."))
    _check_open(event, now)
    if question.status != QuestionStatus.OPEN:
        raise QuestionError(_("This question is no longer open for votes."))
    try:
        with transaction.atomic():
            QuestionVote.objects.create(question=question, user=by)
    except IntegrityError:
        return False
    return True


def _moderate(question: LiveQuestion, by: User) -> None:
    if not by.has_perm("questions.moderate_questions", question.event):
        raise QuestionError(_("Only moderators can do this."))


def mark_answered(question: LiveQuestion, *, by: User) -> LiveQuestion:
    _moderate(question, by)
    if question.status == QuestionStatus.ANSWERED:
        return question
    with transaction.atomic():
        question.status = QuestionStatus.ANSWERED
        question.hidden_reason = ""
        question.moderated_by = by
        question.moderated_at = timezone.now()
        question.save(
            update_fields=["status", "hidden_reason", "moderated_by", "moderated_at", "updated_at"]
        )
        log_action("events.question.answered", actor=by, obj=question)
    return question


def hide_question(question: LiveQuestion, *, by: User, reason: str) -> LiveQuestion:
    _moderate(question, by)
    reason = " ".join(reason.split())
    if not reason:
        raise QuestionError(_("Please give a reason for hiding the question."))
    if len(reason) > HIDE_REASON_MAX_LENGTH:
        raise QuestionError(
            _("Please keep the reason under %(max)s characters.") % {"max": HIDE_REASON_MAX_LENGTH}
        )
    with transaction.atomic():
        question.status = QuestionStatus.HIDDEN
        question.hidden_reason = reason
        question.moderated_by = by
        question.moderated_at = timezone.now()
        question.save(
            update_fields=["status", "hidden_reason", "moderated_by", "moderated_at", "updated_at"]
        )
        log_action("events.question.hidden", actor=by, obj=question, data={"reason": reason})
    return question
