"""The follow-up loop: topic wishes written in the (anonymous) feedback on a Stadtgespräch
become wishes of a collecting round with one click by an organiser.

Each line of a feedback answer becomes one wish (list markers removed). The wishes have no
author and no supporter, so nothing links them to the person who gave the feedback; they
remember the event they came from, so the same event's feedback is taken over only once
per round."""

import re

from django.db import transaction
from django.utils.translation import gettext as _

from stadtgespraeche.accounts.models import User
from stadtgespraeche.core import indexing
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.documentation.models import Feedback
from stadtgespraeche.events.models import Event

from ..enums import Phase
from ..exceptions import NotAllowed, WishError, WrongPhase
from ..models import TopicWish, WishRound

# "- ", "* ", "• ", "1. ", "2) " at the start of a line.
_LIST_MARKER = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s*")
TITLE_MAX_LENGTH = 200
REASON_MAX_LENGTH = 2000


def feedback_wish_texts(event: Event) -> list[str]:
    """Every distinct wish line in the feedback on `event`, in the order given."""
    lines: list[str] = []
    answers = Feedback.objects.filter(event=event).order_by("created_at", "pk")
    for answer in answers.values_list("topic_wishes", flat=True):
        for line in answer.splitlines():
            text = " ".join(_LIST_MARKER.sub("", line).split())
            if text and text.casefold() not in {seen.casefold() for seen in lines}:
                lines.append(text)
    return lines


def already_taken_over(event: Event, wish_round: WishRound) -> bool:
    return TopicWish.objects.filter(round=wish_round, from_feedback_on=event).exists()


@transaction.atomic
def wishes_from_feedback(event: Event, *, into: WishRound, by: User) -> list[TopicWish]:
    """Create one wish per feedback wish line of `event` in the collecting round `into`."""
    if not (by.is_active and by.is_organiser):
        raise NotAllowed(_("Only organisers can take over wishes from the feedback."))
    wish_round = WishRound.objects.select_for_update().get(pk=into.pk)
    if wish_round.phase != Phase.COLLECT:
        raise WrongPhase(_("This round is not collecting wishes at the moment."))
    if wish_round.series_id != event.series_id:
        raise WishError(_("Please choose a round of the same series."))
    if already_taken_over(event, wish_round):
        raise WishError(
            _("The wishes from this feedback are already in the round “%(round)s”.")
            % {"round": wish_round.title}
        )
    texts = feedback_wish_texts(event)
    if not texts:
        raise WishError(_("The feedback on this Stadtgespräch contains no topic wishes."))
    reason = _("From the feedback on “%(event)s”.") % {"event": event.title}
    wishes = [
        TopicWish.objects.create(
            round=wish_round,
            title=text[:TITLE_MAX_LENGTH],
            reason=(reason if len(text) <= TITLE_MAX_LENGTH else f"{text}\n\n{reason}")[
                :REASON_MAX_LENGTH
            ],
            author=None,
            submitted_by=by,
            from_feedback_on=event,
        )
        for text in texts
    ]
    log_action(
        "wishes.feedback.taken_over",
        actor=by,
        obj=wish_round,
        data={"event": event.pk, "wishes": len(wishes)},
    )
    for wish in wishes:
        indexing.changed(wish)
    return wishes
