"""Series and the membership of municipalities in them.

Membership lives here rather than in `directory` because it is a municipality's membership
*in a series*, and `directory` sits below `events` (docs/architecture.md).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.models import TimeStampedModel
from stadtgespraeche.questions.enums import QuestionStatus


class LiveQuestion(TimeStampedModel):
    """A question asked in the live Q&A of an event (docs/events.md, "Live Q&A").

    `is_anonymous` hides the author from other participants only; moderators always see it.
    """

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("Stadtgespräch"),
        on_delete=models.CASCADE,
        related_name="live_questions",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    text = models.CharField(_("question"), max_length=500)
    is_anonymous = models.BooleanField(_("anonymous towards other participants"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.OPEN
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("live question")
        verbose_name_plural = _("live questions")
        indexes = [models.Index(fields=["event", "status"], name="questions_question_event")]

    def __str__(self) -> str:
        return self.text[:60]


class QuestionVote(models.Model):
    """One upvote of one person for one live question (at most one, database constraint)."""

    question = models.ForeignKey(
        LiveQuestion, verbose_name=_("question"), on_delete=models.CASCADE, related_name="votes"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("question vote")
        verbose_name_plural = _("question votes")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "user"], name="questions_one_vote_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.question_id}"
