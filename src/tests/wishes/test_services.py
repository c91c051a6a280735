import datetime

import pytest
from django.core import mail
from django.utils import timezone

from stadtgespraeche.accounts.enums import Role
from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.notifications.models import Notification
from stadtgespraeche.people.enums import AffiliationRole
from stadtgespraeche.topics.models import Topic
from stadtgespraeche.wishes import queries, services
from stadtgespraeche.wishes.enums import Phase, WishStatus
from stadtgespraeche.wishes.exceptions import (
    NotAllowed,
    VoteBudgetExhausted,
    WishError,
    WishNotOpen,
    WrongPhase,
)
from stadtgespraeche.wishes.models import Vote, WishSupport
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory
from tests.factories.municipalities import MunicipalityFactory, PartyFactory
from tests.factories.network import SeriesFactory
from tests.factories.people import AffiliationFactory, MandateFactory, ProfileFactory
from tests.factories.topics import TopicFactory
from tests.factories.wishes import TopicWishFactory, VoteFactory, WishRoundFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


# --- Rounds -----------------------------------------------------------------------------


def test_create_round_is_audited(organiser):
    wish_round = services.create_round(
        series=SeriesFactory(), title="Frühjahr", votes_per_member=5, by=organiser
    )

    assert wish_round.phase == Phase.COLLECT
    assert wish_round.votes_per_member == 5
    assert AuditLog.objects.filter(action="wishes.round.created").count() == 1


@pytest.mark.parametrize("budget", [0, 21])
def test_create_round_rejects_budget_out_of_range(organiser, budget):
    with pytest.raises(WishError):
        services.create_round(
            series=SeriesFactory(), title="X", votes_per_member=budget, by=organiser
        )


def test_create_round_rejects_voting_window_ending_before_start(organiser):
    now = timezone.now()
    with pytest.raises(WishError):
        services.create_round(
            series=SeriesFactory(),
            title="X",
            vote_starts_at=now,
            vote_ends_at=now - datetime.timedelta(hours=1),
            by=organiser,
        )


def test_set_phase_moves_forward_and_audits(collecting_round, organiser):
    services.set_phase(collecting_round, to=Phase.VOTE, by=organiser)

    collecting_round.refresh_from_db()
    assert collecting_round.phase == Phase.VOTE
    entry = AuditLog.objects.get(action="wishes.round.phase_changed")
    assert entry.data == {"from": "collect", "to": "vote"}


def test_set_phase_refuses_forbidden_transition(collecting_round, organiser):
    with pytest.raises(WrongPhase):
        services.set_phase(collecting_round, to=Phase.PLANNED, by=organiser)
    collecting_round.refresh_from_db()
    assert collecting_round.phase == Phase.COLLECT


# --- Submitting and supporting ------------------------------------------------------------


def test_submit_wish_by_councillor_sets_municipality_and_self_support(
    collecting_round, councillor, municipality
):
    wish = services.submit_wish(
        collecting_round, title=" Hybride Sitzungen ", reason="Steht an.", by=councillor
    )

    assert wish.title == "Hybride Sitzungen"
    assert wish.municipality == municipality
    assert wish.author == councillor
    assert list(WishSupport.objects.filter(wish=wish).values_list("user", flat=True)) == [
        councillor.pk
    ]
    assert AuditLog.objects.filter(action="wishes.wish.submitted").exists()


def test_submit_wish_with_topic(collecting_round, councillor):
    topic = TopicFactory()
    wish = services.submit_wish(
        collecting_round, title="Daten", reason="x", topic=topic, by=councillor
    )
    assert wish.topic == topic


def test_submit_wish_refuses_speaker(collecting_round):
    speaker = UserFactory(role=Role.SPEAKER)
    with pytest.raises(NotAllowed):
        services.submit_wish(collecting_round, title="X", reason="Y", by=speaker)


def test_submit_wish_refuses_organiser(collecting_round, organiser):
    with pytest.raises(NotAllowed):
        services.submit_wish(collecting_round, title="X", reason="Y", by=organiser)


def test_submit_wish_refuses_outside_collect_phase(voting_round, councillor):
    with pytest.raises(WrongPhase):
        services.submit_wish(voting_round, title="X", reason="Y", by=councillor)


def test_submit_wish_refuses_after_collect_deadline(councillor):
    wish_round = WishRoundFactory(collect_ends_at=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(WrongPhase):
        services.submit_wish(wish_round, title="X", reason="Y", by=councillor)


def test_submit_wish_refuses_foreign_municipality(collecting_round, councillor):
    with pytest.raises(NotAllowed):
        services.submit_wish(
            collecting_round,
            title="X",
            reason="Y",
            municipality=MunicipalityFactory(),
            by=councillor,
        )


def test_coordinator_submits_on_behalf_of_own_councillor(
    collecting_round, coordinator, councillor, municipality
):
    wish = services.submit_wish(
        collecting_round, title="Open Data", reason="Y", on_behalf_of=councillor, by=coordinator
    )

    assert wish.author == councillor
    assert wish.submitted_by == coordinator
    assert wish.municipality == municipality
    assert WishSupport.objects.filter(wish=wish, user=councillor).exists()
    assert AuditLog.objects.get(action="wishes.wish.submitted").data == {
        "on_behalf_of": councillor.pk
    }


def test_coordinator_cannot_submit_for_councillor_elsewhere(
    collecting_round, coordinator, other_councillor
):
    with pytest.raises(NotAllowed):
        services.submit_wish(
            collecting_round, title="X", reason="Y", on_behalf_of=other_councillor, by=coordinator
        )


def test_support_and_unsupport(collecting_round, councillor, other_councillor):
    wish = TopicWishFactory(round=collecting_round, author=councillor)

    assert services.support_wish(wish, by=other_councillor) is True
    assert services.support_wish(wish, by=other_councillor) is False
    assert WishSupport.objects.filter(wish=wish, user=other_councillor).count() == 1
    assert services.unsupport_wish(wish, by=other_councillor) is True
    assert services.unsupport_wish(wish, by=other_councillor) is False
    assert not WishSupport.objects.filter(wish=wish, user=other_councillor).exists()


def test_support_refuses_speaker(collecting_round):
    speaker = UserFactory(role=Role.SPEAKER)
    with pytest.raises(NotAllowed):
        services.support_wish(TopicWishFactory(round=collecting_round), by=speaker)


def test_support_refuses_closed_wish(collecting_round, councillor):
    wish = TopicWishFactory(round=collecting_round, status=WishStatus.DECLINED)
    with pytest.raises(WishNotOpen):
        services.support_wish(wish, by=councillor)


def test_support_refuses_in_planned_phase(councillor):
    wish = TopicWishFactory(round=WishRoundFactory(phase=Phase.PLANNED))
    with pytest.raises(WrongPhase):
        services.support_wish(wish, by=councillor)


# --- Votes --------------------------------------------------------------------------------


def test_votes_stack_up_to_the_budget(voting_round, councillor):
    first = TopicWishFactory(round=voting_round)
    second = TopicWishFactory(round=voting_round)

    services.cast_vote(first, by=councillor)
    services.cast_vote(first, by=councillor)
    services.cast_vote(second, by=councillor)

    assert queries.my_votes_by_wish(voting_round, councillor) == {first.pk: 2, second.pk: 1}
    with pytest.raises(VoteBudgetExhausted):
        services.cast_vote(second, by=councillor)
    assert Vote.objects.filter(voter=councillor).count() == 3


def test_withdrawn_vote_frees_a_slot(voting_round, councillor):
    wish = TopicWishFactory(round=voting_round)
    for _number in range(3):
        services.cast_vote(wish, by=councillor)

    assert services.withdraw_vote(wish, by=councillor) is True
    services.cast_vote(wish, by=councillor)

    assert sorted(Vote.objects.values_list("slot", flat=True)) == [1, 2, 3]


def test_withdraw_vote_without_vote_returns_false(voting_round, councillor):
    assert services.withdraw_vote(TopicWishFactory(round=voting_round), by=councillor) is False


def test_withdraw_vote_refuses_outside_voting(collecting_round, councillor):
    with pytest.raises(WrongPhase):
        services.withdraw_vote(TopicWishFactory(round=collecting_round), by=councillor)


def test_vote_refuses_outside_voting_phase(collecting_round, councillor):
    with pytest.raises(WrongPhase):
        services.cast_vote(TopicWishFactory(round=collecting_round), by=councillor)


@pytest.mark.parametrize(
    ("starts", "ends"),
    [(datetime.timedelta(hours=1), None), (None, -datetime.timedelta(minutes=1))],
)
def test_vote_refuses_outside_voting_window(councillor, starts, ends):
    now = timezone.now()
    wish_round = WishRoundFactory(
        phase=Phase.VOTE,
        vote_starts_at=now + starts if starts else None,
        vote_ends_at=now + ends if ends else None,
    )
    with pytest.raises(WrongPhase):
        services.cast_vote(TopicWishFactory(round=wish_round), by=councillor)


def test_vote_refuses_organiser_and_closed_wish(voting_round, organiser, councillor):
    with pytest.raises(NotAllowed):
        services.cast_vote(TopicWishFactory(round=voting_round), by=organiser)
    merged = TopicWishFactory(round=voting_round, status=WishStatus.MERGED)
    with pytest.raises(WishNotOpen):
        services.cast_vote(merged, by=councillor)


def test_vote_slot_constraint_refuses_duplicate_slot(voting_round, councillor):
    from django.db import IntegrityError, transaction

    vote = VoteFactory(wish=TopicWishFactory(round=voting_round), voter=councillor, slot=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        VoteFactory(wish=vote.wish, voter=councillor, slot=1)


# --- Merge, decline, plan -----------------------------------------------------------------


def test_merge_carries_over_supporters_and_votes_without_duplicates(
    voting_round, organiser, councillor, other_councillor
):
    keep = TopicWishFactory(round=voting_round, author=councillor)
    duplicate = TopicWishFactory(round=voting_round, author=other_councillor)
    both = UserFactory()
    for person, wish in [
        (councillor, keep),
        (other_councillor, duplicate),
        (both, keep),
        (both, duplicate),
    ]:
        WishSupport.objects.create(wish=wish, user=person)
    VoteFactory(wish=duplicate, voter=other_councillor, slot=1)
    VoteFactory(wish=keep, voter=both, slot=1)
    VoteFactory(wish=duplicate, voter=both, slot=2)

    services.merge_wishes(duplicate, into=keep, by=organiser)

    duplicate.refresh_from_db()
    assert duplicate.status == WishStatus.MERGED
    assert duplicate.merged_into == keep
    supporters = sorted(WishSupport.objects.filter(wish=keep).values_list("user_id", flat=True))
    assert supporters == sorted([councillor.pk, other_councillor.pk, both.pk])
    assert not WishSupport.objects.filter(wish=duplicate).exists()
    assert Vote.objects.filter(wish=keep).count() == 3
    assert AuditLog.objects.get(action="wishes.wish.merged").data == {
        "into": keep.pk,
        "supporters": 1,
        "votes": 2,
    }


def test_merge_refuses_same_wish_other_round_wrong_phase_and_closed(organiser, voting_round):
    wish = TopicWishFactory(round=voting_round)
    with pytest.raises(WishError):
        services.merge_wishes(wish, into=wish, by=organiser)
    with pytest.raises(WishError):
        services.merge_wishes(wish, into=TopicWishFactory(), by=organiser)
    closed = TopicWishFactory(round=voting_round, status=WishStatus.DECLINED)
    with pytest.raises(WishNotOpen):
        services.merge_wishes(wish, into=closed, by=organiser)
    planned_round = WishRoundFactory(phase=Phase.PLANNED)
    with pytest.raises(WrongPhase):
        services.merge_wishes(
            TopicWishFactory(round=planned_round),
            into=TopicWishFactory(round=planned_round),
            by=organiser,
        )


def test_decline_wish(voting_round, organiser):
    wish = services.decline_wish(
        TopicWishFactory(round=voting_round), note="Schon behandelt", by=organiser
    )
    assert wish.status == WishStatus.DECLINED
    with pytest.raises(WishNotOpen):
        services.decline_wish(wish, by=organiser)


def test_plan_wish_creates_topic_adds_it_and_notifies_once(
    voting_round, organiser, councillor, other_councillor, mailoutbox_clear
):
    event = EventFactory(series=voting_round.series, title="5. Stadtgespräch")
    wish = TopicWishFactory(round=voting_round, title="Datenethik im Rat", author=councillor)
    WishSupport.objects.create(wish=wish, user=councillor)
    VoteFactory(wish=wish, voter=other_councillor)
    other_councillor.language = "en"
    other_councillor.save()

    services.plan_wish(wish, event=event, by=organiser)
    services.plan_wish(wish, event=event, by=organiser)  # again: nothing new

    wish.refresh_from_db()
    assert wish.status == WishStatus.PLANNED
    assert wish.planned_event == event
    assert wish.topic.title == "Datenethik im Rat"
    assert list(event.topics.all()) == [wish.topic]
    notifications = Notification.objects.filter(kind="wishes.planned")
    assert sorted(notifications.values_list("recipient_id", flat=True)) == sorted(
        [councillor.pk, other_councillor.pk]
    )
    assert "5. Stadtgespräch" in notifications.get(recipient=councillor).title
    assert notifications.get(recipient=other_councillor).title.startswith("Your topic wish")
    assert len(mail.outbox) == 2
    german = next(message for message in mail.outbox if message.to == [councillor.email])
    assert "Datenethik im Rat" in german.subject
    assert "/netzwerk/" in german.body or event.get_absolute_url() in german.body
    assert german.alternatives  # HTML part
    assert AuditLog.objects.filter(action="wishes.wish.planned").count() == 1


def test_plan_wish_reuses_existing_topic_and_keeps_event_topics(voting_round, organiser):
    existing, _created = Topic.objects.get_or_create(
        title="Open Data", defaults={"slug": "open-data", "summary": "x"}
    )
    other = TopicFactory()
    event = EventFactory(series=voting_round.series)
    event.topics.add(other)
    wish = TopicWishFactory(round=voting_round, title="open data")

    services.plan_wish(wish, event=event, by=organiser)

    assert set(event.topics.all()) == {existing, other}
    assert Topic.objects.filter(title__iexact="open data").count() == 1


def test_plan_wish_refuses_wrong_phase_series_and_closed(organiser, collecting_round, voting_round):
    event = EventFactory(series=voting_round.series)
    with pytest.raises(WrongPhase):
        services.plan_wish(TopicWishFactory(round=collecting_round), event=event, by=organiser)
    other_series_event = EventFactory(series=SeriesFactory(name="Andere", slug="andere"))
    with pytest.raises(WishError):
        services.plan_wish(
            TopicWishFactory(round=voting_round), event=other_series_event, by=organiser
        )
    with pytest.raises(WishNotOpen):
        services.plan_wish(
            TopicWishFactory(round=voting_round, status=WishStatus.MERGED),
            event=event,
            by=organiser,
        )


# --- Results ------------------------------------------------------------------------------


def test_results_count_votes_and_breadth(voting_round):
    spd, gruene = PartyFactory(short_name="SPD"), PartyFactory(short_name="GRÜNE", name="Grüne")
    kl, ba = MunicipalityFactory(), MunicipalityFactory()
    wish = TopicWishFactory(round=voting_round)
    lonely = TopicWishFactory(round=voting_round)
    people = []
    for municipality, party in [(kl, spd), (kl, gruene), (ba, spd)]:
        person = UserFactory()
        AffiliationFactory(
            user=person, municipality=municipality, role=AffiliationRole.COUNCILLOR, party=party
        )
        people.append(person)
    mandated = UserFactory()
    MandateFactory(profile=ProfileFactory(user=mandated, municipality=ba))  # SPD faction
    WishSupport.objects.create(wish=wish, user=people[0])
    VoteFactory(wish=wish, voter=people[1], slot=1)
    VoteFactory(wish=wish, voter=people[2], slot=1)
    VoteFactory(wish=wish, voter=people[2], slot=2)
    VoteFactory(wish=wish, voter=mandated, slot=1)

    rows = queries.results(voting_round)

    assert [row.wish for row in rows] == [wish, lonely]
    top = rows[0]
    assert (top.votes, top.supporters, top.voters) == (4, 1, 3)
    assert top.municipalities == 2
    assert top.parties == 2
    assert (rows[1].votes, rows[1].municipalities, rows[1].parties) == (0, 0, 0)
