"""Reads of the live Q&A of an event (docs/events.md, "Live Q&A").

The list is one query (votes counted and the viewer's own vote annotated), so the htmx
poll every 5 seconds stays cheap with hundreds of participants and questions.
"""

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet, Value
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.events.models import Event
from stadtgespraeche.questions.enums import QuestionStatus
from stadtgespraeche.questions.models import LiveQuestion, QuestionVote
from stadtgespraeche.rooms import queries as queries_rooms

# Open from 30 minutes before the start until 2 hours after the end; read-only afterwards.
QUESTIONS_OPEN_BEFORE = timedelta(minutes=30)
QUESTIONS_OPEN_AFTER = timedelta(hours=2)


def questions_window(event: Event) -> tuple[datetime, datetime]:
    return event.starts_at - QUESTIONS_OPEN_BEFORE, event.ends_at + QUESTIONS_OPEN_AFTER


def is_open(event: Event, *, now: datetime | None = None) -> bool:
    if event.status in queries_rooms.ROOMLESS_STATUSES:
        return False
    now = now or timezone.now()
    opens_at, closes_at = questions_window(event)
    return opens_at <= now <= closes_at


def is_registered(user: Any, event: Event) -> bool:
    if not (user is not None and user.is_authenticated):
        return False
    # The page's one read of the person's registration (kept on the event instance).
    registration = queries_rooms.active_registration(user, event)
    return registration is not None and registration.status in queries_rooms.JOINING_STATUSES


def is_participant(user: Any, event: Event) -> bool:
    """Registered (not waitlisted) people, organisers and the event's speakers."""
    if not (user is not None and user.is_authenticated and user.is_active):
        return False
    if event.status == EventStatus.DRAFT and not user.is_organiser:
        return False  # drafts: organisers only
    return queries_rooms.is_event_moderator(user, event) or is_registered(user, event)


def questions_for(event: Event, viewer: Any, *, moderator: bool) -> QuerySet[LiveQuestion]:
    """The questions `viewer` sees, most votes first, then oldest first.

    Moderators also see hidden questions; each question carries `vote_total` and `voted`.
    """
    questions = LiveQuestion.objects.filter(event=event)
    if not moderator:
        questions = questions.exclude(status=QuestionStatus.HIDDEN)
    voted: Any = Value(False)
    if viewer is not None and viewer.is_authenticated:
        voted = Exists(QuestionVote.objects.filter(question=OuterRef("pk"), user=viewer))
    return (
        questions.select_related("author")
        .annotate(vote_total=Count("votes"), voted=voted)
        .order_by("-vote_total", "created_at", "pk")
    )


def question_of(event: Event, pk: int) -> LiveQuestion | None:
    return LiveQuestion.objects.filter(event=event, pk=pk).select_related("event").first()


def questions_markdown(event: Event) -> str:
    """The questions of `event` as Markdown for the minutes (hidden ones left out).

    Names are never included: the minutes may be read beyond the participants.
    """
    questions = questions_for(event, None, moderator=False)
    heading = _("Questions from the live Q&A")
    lines = [f"## {heading}", ""]
    if not questions:
        lines.append(_("No questions were asked."))
    for question in questions:
        total: int = getattr(question, "vote_total", 0)  # annotated by questions_for()
        text = " ".join(question.text.split())
        status = _("answered") if question.status == QuestionStatus.ANSWERED else _("not answered")
        votes = ngettext("%(count)s vote", "%(count)s votes", total) % {"count": total}
        lines.append(f"- {text} ({votes}, {status})")
    return "\n".join(lines) + "\n"
