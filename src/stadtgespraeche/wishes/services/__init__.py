"""Writes of the wishes app. Every change is audited; planning notifies supporters.

Vote stacking: a person may put several of their votes on one wish (dot-voting), never
more than `WishRound.votes_per_member` in a round. `cast_vote` locks the round row
(select_for_update) and takes the lowest free slot; the unique (round, voter, slot)
constraint refuses a vote beyond the budget even if two requests slip past the count.
"""

from collections.abc import Callable, Iterable
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from stadtgespraeche.accounts.enums import Role
from stadtgespraeche.accounts.models import User
from stadtgespraeche.core import indexing
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.core.mail import send_templated_mail
from stadtgespraeche.events.models import Event
from stadtgespraeche.events.services import update_event
from stadtgespraeche.municipalities.models import Municipality
from stadtgespraeche.network.models import Series
from stadtgespraeche.notifications.services import notify
from stadtgespraeche.topics.models import Topic
from stadtgespraeche.topics.services import create_topic

from .. import queries
from ..enums import PHASE_TRANSITIONS, Phase, WishStatus
from ..exceptions import NotAllowed, VoteBudgetExhausted, WishError, WishNotOpen, WrongPhase
from ..models import TopicWish, Vote, WishRound, WishSupport

PARTICIPANT_ROLES = (Role.COUNCILLOR, Role.COORDINATOR)
PLANNED_KIND = "wishes.planned"
ON_BEHALF_KIND = "wishes.submitted_on_behalf"
ROUND_OPENED_KIND = "wishes.round_opened"


def _notify_in_languages(
    people: Iterable[User], *, kind: str, title: Callable[[], str], url: str, key: str
) -> None:
    """One notification per person, its title rendered in the person's language."""
    by_language: dict[str, list[User]] = {}
    for person in people:
        by_language.setdefault(person.language or settings.LANGUAGE_CODE, []).append(person)
    for language, group in by_language.items():
        with translation.override(language):
            notify(group, kind=kind, title=title(), url=url, key=key)


def _is_participant(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role in PARTICIPANT_ROLES)


def _lock_round(wish_round: WishRound) -> WishRound:
    return WishRound.objects.select_for_update().get(pk=wish_round.pk)


def _lock_wish(wish: TopicWish) -> TopicWish:
    return TopicWish.objects.select_for_update().get(pk=wish.pk)


# --- Rounds ------------------------------------------------------------------------------


@transaction.atomic
def create_round(
    *,
    series: Series,
    title: str,
    by: User,
    votes_per_member: int = 3,
    collect_ends_at: datetime | None = None,
    vote_starts_at: datetime | None = None,
    vote_ends_at: datetime | None = None,
    target_event: Event | None = None,
) -> WishRound:
    if not 1 <= votes_per_member <= 20:
        raise WishError(_("Each member needs between 1 and 20 votes."))
    if vote_starts_at and vote_ends_at and vote_ends_at <= vote_starts_at:
        raise WishError(_("Voting must close after it opens."))
    wish_round = WishRound.objects.create(
        series=series,
        title=title,
        votes_per_member=votes_per_member,
        collect_ends_at=collect_ends_at,
        vote_starts_at=vote_starts_at,
        vote_ends_at=vote_ends_at,
        target_event=target_event,
    )
    log_action("wishes.round.created", actor=by, obj=wish_round)
    _notify_in_languages(
        queries.round_participants(wish_round),
        kind=ROUND_OPENED_KIND,
        title=lambda: _("New round of topic wishes: “%(title)s”") % {"title": wish_round.title},
        url=reverse("wishes:round-detail", kwargs={"pk": wish_round.pk}),
        key=f"{ROUND_OPENED_KIND}:{wish_round.pk}",
    )
    return wish_round


@transaction.atomic
def set_phase(wish_round: WishRound, *, to: Phase | str, by: User) -> WishRound:
    """Move the round to phase `to` if PHASE_TRANSITIONS allows it."""
    locked = _lock_round(wish_round)
    target, current = Phase(to), Phase(locked.phase)
    if target not in PHASE_TRANSITIONS[current]:
        raise WrongPhase(
            _("A round cannot move from “%(current)s” to “%(target)s”.")
            % {"current": current.label, "target": target.label}
        )
    locked.phase = target
    locked.save(update_fields=["phase", "updated_at"])
    log_action(
        "wishes.round.phase_changed",
        actor=by,
        obj=locked,
        data={"from": current.value, "to": target.value},
    )
    wish_round.phase = target
    return locked


# --- Wishes and support ------------------------------------------------------------------


@transaction.atomic
def submit_wish(
    wish_round: WishRound,
    *,
    title: str,
    reason: str,
    by: User,
    on_behalf_of: User | None = None,
    municipality: Municipality | None = None,
    topic: Topic | None = None,
) -> TopicWish:
    """A councillor or coordinator submits a wish while the round collects wishes. A
    coordinator may submit on behalf of a councillor of a municipality they coordinate.
    The author supports their own wish."""
    if not _is_participant(by):
        raise NotAllowed(_("Only councillors and coordinators can submit topic wishes."))
    locked = _lock_round(wish_round)
    if not locked.collecting_is_open():
        raise WrongPhase(_("This round is not collecting wishes at the moment."))
    author = by
    if on_behalf_of is not None and on_behalf_of != by:
        coordinated = queries.coordinated_municipalities(by)
        if not queries.councillors_of(coordinated).filter(pk=on_behalf_of.pk).exists():
            raise NotAllowed(
                _("You can only collect wishes of councillors of a municipality you coordinate.")
            )
        author = on_behalf_of
    own = queries.participant_municipalities(author)
    if municipality is None:
        municipality = own.first()
    elif not own.filter(pk=municipality.pk).exists():
        raise NotAllowed(_("Please choose a municipality you are affiliated with."))
    wish = TopicWish.objects.create(
        round=locked,
        title=title.strip(),
        reason=reason.strip(),
        author=author,
        submitted_by=by,
        municipality=municipality,
        topic=topic,
    )
    WishSupport.objects.create(wish=wish, user=author)
    log_action(
        "wishes.wish.submitted",
        actor=by,
        obj=wish,
        data={"on_behalf_of": author.pk} if author != by else None,
    )
    indexing.changed(wish)
    if author != by:
        _notify_in_languages(
            [author],
            kind=ON_BEHALF_KIND,
            title=lambda: (
                _("A coordinator entered the topic wish “%(title)s” for you")
                % {"title": wish.title}
            ),
            url=reverse("wishes:wish-detail", kwargs={"pk": wish.pk}),
            key=f"{ON_BEHALF_KIND}:{wish.pk}",
        )
    return wish


def _check_supportable(wish: TopicWish, by: User) -> None:
    if not _is_participant(by):
        raise NotAllowed(_("Only councillors and coordinators can support topic wishes."))
    if not wish.is_open:
        raise WishNotOpen(_("This wish is no longer open."))
    if wish.round.phase not in (Phase.COLLECT, Phase.VOTE):
        raise WrongPhase(_("Wishes can only be supported while the round collects or votes."))


@transaction.atomic
def support_wish(wish: TopicWish, *, by: User) -> bool:
    """Add `by` as a supporter; False if they already support the wish."""
    wish = _lock_wish(wish)
    _check_supportable(wish, by)
    _support, created = WishSupport.objects.get_or_create(wish=wish, user=by)
    if created:
        log_action("wishes.wish.supported", actor=by, obj=wish)
    return created


@transaction.atomic
def unsupport_wish(wish: TopicWish, *, by: User) -> bool:
    """Withdraw `by`'s support; False if they did not support it. Authors may withdraw too."""
    wish = _lock_wish(wish)
    _check_supportable(wish, by)
    deleted, _details = WishSupport.objects.filter(wish=wish, user=by).delete()
    if deleted:
        log_action("wishes.wish.unsupported", actor=by, obj=wish)
    return bool(deleted)


# --- Votes -------------------------------------------------------------------------------


@transaction.atomic
def cast_vote(wish: TopicWish, *, by: User) -> Vote:
    """Spend one of `by`'s votes on `wish` (stacking allowed) within the budget."""
    if not _is_participant(by):
        raise NotAllowed(_("Only councillors and coordinators can vote."))
    # Lock the round first: every vote of the round is serialised on this row.
    locked = _lock_round(wish.round)
    if not locked.voting_is_open():
        raise WrongPhase(_("Voting is not open in this round."))
    current = TopicWish.objects.get(pk=wish.pk)
    if not current.is_open:
        raise WishNotOpen(_("This wish is no longer open."))
    taken = set(Vote.objects.filter(round=locked, voter=by).values_list("slot", flat=True))
    free = [slot for slot in range(1, locked.votes_per_member + 1) if slot not in taken]
    if not free:
        raise VoteBudgetExhausted(
            _("You have used all %(number)s of your votes.") % {"number": locked.votes_per_member}
        )
    try:
        with transaction.atomic():
            vote = Vote.objects.create(round=locked, wish=current, voter=by, slot=free[0])
    except IntegrityError as error:  # a concurrent request took the slot
        raise VoteBudgetExhausted(_("Your vote could not be counted; please try again.")) from error
    log_action("wishes.vote.cast", actor=by, obj=current, data={"slot": vote.slot})
    return vote


@transaction.atomic
def withdraw_vote(wish: TopicWish, *, by: User) -> bool:
    """Take back one of `by`'s votes on `wish`; False if there was none."""
    locked = _lock_round(wish.round)
    if not locked.voting_is_open():
        raise WrongPhase(_("Voting is not open in this round."))
    vote = Vote.objects.filter(round=locked, wish=wish, voter=by).order_by("-slot").first()
    if vote is None:
        return False
    vote.delete()
    log_action("wishes.vote.withdrawn", actor=by, obj=wish)
    return True


# --- Organiser decisions -----------------------------------------------------------------


@transaction.atomic
def merge_wishes(duplicate: TopicWish, *, into: TopicWish, by: User) -> TopicWish:
    """Merge `duplicate` into `into`: supporters and votes carry over. A person who
    supported both counts once; votes move with their slot, so nobody's budget changes."""
    if duplicate.pk == into.pk:
        raise WishError(_("A wish cannot be merged into itself."))
    if duplicate.round_id != into.round_id:
        raise WishError(_("Only wishes of the same round can be merged."))
    locked_round = _lock_round(duplicate.round)
    if locked_round.phase not in (Phase.COLLECT, Phase.VOTE):
        raise WrongPhase(_("Wishes can only be merged while the round collects or votes."))
    duplicate, into = _lock_wish(duplicate), _lock_wish(into)
    if not duplicate.is_open or not into.is_open:
        raise WishNotOpen(_("Both wishes must be open to merge them."))
    already = set(WishSupport.objects.filter(wish=into).values_list("user_id", flat=True))
    moved = WishSupport.objects.filter(wish=duplicate).exclude(user_id__in=already)
    moved_supporters = moved.update(wish=into)
    WishSupport.objects.filter(wish=duplicate).delete()
    moved_votes = Vote.objects.filter(wish=duplicate).update(wish=into)
    duplicate.status = WishStatus.MERGED
    duplicate.merged_into = into
    duplicate.save(update_fields=["status", "merged_into", "updated_at"])
    log_action(
        "wishes.wish.merged",
        actor=by,
        obj=duplicate,
        data={"into": into.pk, "supporters": moved_supporters, "votes": moved_votes},
    )
    indexing.changed(duplicate)
    return into


@transaction.atomic
def decline_wish(wish: TopicWish, *, by: User, note: str = "") -> TopicWish:
    wish = _lock_wish(wish)
    if not wish.is_open:
        raise WishNotOpen(_("This wish is no longer open."))
    wish.status = WishStatus.DECLINED
    wish.decision_note = note
    wish.save(update_fields=["status", "decision_note", "updated_at"])
    log_action("wishes.wish.declined", actor=by, obj=wish)
    indexing.changed(wish)
    return wish


@transaction.atomic
def plan_wish(wish: TopicWish, *, event: Event, by: User, note: str = "") -> TopicWish:
    """Turn `wish` into a topic of `event`: create the topic if the wish has none, add it
    to the event, mark the wish planned, and notify every supporter and voter once (in the
    app and by e-mail). Calling it again for the same wish and event changes nothing."""
    wish = _lock_wish(wish)
    if wish.status == WishStatus.PLANNED and wish.planned_event_id == event.pk:
        return wish
    if not wish.is_open:
        raise WishNotOpen(_("This wish is no longer open."))
    if wish.round.phase not in (Phase.VOTE, Phase.PLANNED):
        raise WrongPhase(_("Wishes are planned after the voting has started."))
    if event.series_id != wish.round.series_id:
        raise WishError(_("Please choose a Stadtgespräch of the same series."))
    topic = wish.topic
    if topic is None:
        title = wish.title.strip()[:150]
        topic = Topic.objects.filter(title__iexact=title).first() or create_topic(
            title=title, summary=wish.reason.strip()[:300], by=by
        )
        wish.topic = topic
    if not event.topics.filter(pk=topic.pk).exists():
        update_event(event, by=by, topics=[*event.topics.all(), topic])
    wish.status = WishStatus.PLANNED
    wish.planned_event = event
    wish.decision_note = note
    wish.save(update_fields=["topic", "status", "planned_event", "decision_note", "updated_at"])
    log_action("wishes.wish.planned", actor=by, obj=wish, data={"event": event.pk})
    indexing.changed(wish)
    _notify_planned(wish, event)
    return wish


def _notify_planned(wish: TopicWish, event: Event) -> None:
    """One notification per person (keyed, so never twice) in the person's language, and
    an e-mail only to those who got a new notification."""
    url = event.get_absolute_url()
    by_language: dict[str, list[User]] = {}
    for person in queries.people_to_notify(wish):
        by_language.setdefault(person.language or settings.LANGUAGE_CODE, []).append(person)
    for language, people in by_language.items():
        with translation.override(language):
            created = notify(
                people,
                kind=PLANNED_KIND,
                title=_("Your topic wish “%(wish)s” is on the agenda of “%(event)s”.")
                % {"wish": wish.title, "event": event.title},
                url=url,
                key=f"{PLANNED_KIND}:{wish.pk}",
                mailed_separately=True,
            )
        new_ids = {notification.recipient_id for notification in created}
        for person in people:
            if person.pk in new_ids:
                send_templated_mail(
                    to=[person.email],
                    template="wishes/emails/wish_planned",
                    context={
                        "person": person,
                        "wish": wish,
                        "event": event,
                        "event_url": url,
                        "wish_url": reverse("wishes:wish-detail", kwargs={"pk": wish.pk}),
                    },
                    language=language,
                )
