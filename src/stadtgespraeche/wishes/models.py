"""Agenda-setting: wish rounds, topic wishes, supporters and dot votes.

A `WishRound` belongs to a series and moves through the phases of `enums.Phase`. Members
submit `TopicWish`es, support them (`WishSupport`) and, during the voting window, spend
their votes (`Vote`, one row per vote). Votes may be stacked on one wish; the budget is
enforced by `services.cast_vote` (round lock) and by the database: every vote takes a
numbered slot 1..votes_per_member, unique per (round, voter, slot).
"""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.models import TimeStampedModel
from stadtgespraeche.events.models import Event
from stadtgespraeche.municipalities.models import Municipality
from stadtgespraeche.network.models import Series

from .enums import Phase, WishStatus


class WishRound(TimeStampedModel):
    """One round of collecting and prioritising topic wishes for a series."""

    series = models.ForeignKey(
        Series, verbose_name=_("series"), on_delete=models.CASCADE, related_name="wish_rounds"
    )
    title = models.CharField(_("title"), max_length=200)
    phase = models.CharField(
        _("phase"), max_length=20, choices=Phase.choices, default=Phase.COLLECT
    )
    votes_per_member = models.PositiveSmallIntegerField(_("votes per member"), default=3)
    collect_ends_at = models.DateTimeField(
        _("wishes can be submitted until"), null=True, blank=True
    )
    vote_starts_at = models.DateTimeField(_("voting opens"), null=True, blank=True)
    vote_ends_at = models.DateTimeField(_("voting closes"), null=True, blank=True)
    target_event = models.ForeignKey(
        Event,
        verbose_name=_("for the Stadtgespräch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="wish_rounds",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("wish round")
        verbose_name_plural = _("wish rounds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(votes_per_member__gte=1, votes_per_member__lte=20),
                name="wishes_round_budget_range",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("wishes:round-detail", kwargs={"pk": self.pk})

    def collecting_is_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.phase == Phase.COLLECT and (
            self.collect_ends_at is None or now < self.collect_ends_at
        )

    def voting_is_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return (
            self.phase == Phase.VOTE
            and (self.vote_starts_at is None or now >= self.vote_starts_at)
            and (self.vote_ends_at is None or now < self.vote_ends_at)
        )


class TopicWish(TimeStampedModel):
    """A wish for a topic of a coming Stadtgespräch: what, and why it matters locally."""

    round = models.ForeignKey(
        WishRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="wishes"
    )
    title = models.CharField(_("title"), max_length=200)
    reason = models.TextField(_("why it matters locally"), max_length=2000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("wished by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="topic_wishes",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Differs from the author when a coordinator collected the wish."),
    )
    # Set for wishes taken over from the (anonymous) feedback on this event: no author.
    from_feedback_on = models.ForeignKey(
        "events.Event",
        verbose_name=_("from the feedback on"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topic_wishes",
    )
    topic = models.ForeignKey(
        "topics.Topic",
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="wishes",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=WishStatus.choices, default=WishStatus.OPEN
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_wishes",
    )
    planned_event = models.ForeignKey(
        Event,
        verbose_name=_("planned for"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="planned_wishes",
    )
    decision_note = models.TextField(_("note on the decision"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("topic wish")
        verbose_name_plural = _("topic wishes")
        indexes = [models.Index(fields=["round", "status"], name="wishes_round_status")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("wishes:wish-detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == WishStatus.OPEN


class WishSupport(models.Model):
    """A person supports a wish ("me too"); at most once per wish."""

    wish = models.ForeignKey(
        TopicWish, verbose_name=_("wish"), on_delete=models.CASCADE, related_name="supports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="wish_supports",
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["wish", "user"], name="wishes_unique_support")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.wish}"


class Vote(models.Model):
    """One dot of a person's budget on a wish. Several votes on one wish are allowed
    (stacking); `slot` numbers the person's votes in the round, 1..votes_per_member, so the
    database itself refuses a vote beyond the budget even under concurrent requests."""

    round = models.ForeignKey(
        WishRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="votes"
    )
    wish = models.ForeignKey(
        TopicWish, verbose_name=_("wish"), on_delete=models.CASCADE, related_name="votes"
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="wish_votes",
    )
    slot = models.PositiveSmallIntegerField(_("vote number"))
    created_at = models.DateTimeField(_("cast at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "voter", "slot"], name="wishes_unique_vote_slot"
            ),
            models.CheckConstraint(
                condition=models.Q(slot__gte=1, slot__lte=20), name="wishes_vote_slot_range"
            ),
        ]
        indexes = [models.Index(fields=["wish", "voter"], name="wishes_vote_wish_voter")]

    def __str__(self) -> str:
        return f"{self.voter} → {self.wish} ({self.slot})"
