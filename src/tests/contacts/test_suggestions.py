"""Peer suggestions: the pure scoring and wording, and the query over profiles."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stadtgespraeche.contacts import suggestions
from stadtgespraeche.contacts.models import Block, ContactRequest, HiddenSuggestion
from stadtgespraeche.contacts.suggestions import (
    Candidate,
    GroupMember,
    form_groups,
    rank,
    reason,
    score,
)
from stadtgespraeche.municipalities.population import band_label, population_band
from stadtgespraeche.topics.models import Topic
from tests.factories.municipalities import MunicipalityFactory, PartyFactory
from tests.factories.people import MandateFactory, ProfileFactory
from tests.factories.topics import TopicFactory

SPD = frozenset({"SPD"})


# --- Pure functions -------------------------------------------------------------------------


@pytest.mark.unit
@pytest.mark.parametrize(
    ("population", "band"),
    [(None, None), (0, 0), (19_999, 0), (20_000, 1), (150_000, 3), (499_999, 4), (3_600_000, 5)],
)
def test_population_band_boundaries(population, band):
    assert population_band(population) == band


@pytest.mark.unit
def test_band_label_in_german():
    assert band_label(3) == "100–200 Tsd. Einwohner"
    assert band_label(0) == "unter 20 Tsd. Einwohner"
    assert band_label(5) == "ab 500 Tsd. Einwohner"


@pytest.mark.unit
def test_score_prefers_other_party_and_similar_size():
    base = Candidate(profile_id=1, shared_topics=("A", "B"))
    other_party = Candidate(profile_id=2, shared_topics=("A", "B"), parties=frozenset({"GRÜNE"}))
    same_party = Candidate(profile_id=3, shared_topics=("A", "B"), parties=SPD)
    same_band = Candidate(profile_id=4, shared_topics=("A", "B"), band=3)
    neighbour_band = Candidate(profile_id=5, shared_topics=("A", "B"), band=2)

    scores = {
        c.profile_id: score(c, own_parties=SPD, own_band=3)
        for c in (base, other_party, same_party, same_band, neighbour_band)
    }

    assert scores == {1: 24, 2: 30, 3: 24, 4: 28, 5: 25}


@pytest.mark.unit
def test_score_more_shared_topics_beat_party_and_size():
    two_topics = Candidate(profile_id=1, shared_topics=("A", "B"))
    one_topic = Candidate(profile_id=2, shared_topics=("A",), parties=frozenset({"FDP"}), band=3)

    assert score(two_topics, own_parties=SPD, own_band=3) > score(
        one_topic, own_parties=SPD, own_band=3
    )


@pytest.mark.unit
def test_reason_names_three_topics_other_party_and_size():
    candidate = Candidate(
        profile_id=1,
        shared_topics=("Datenethik", "Digitale Beteiligung", "Open Data", "Smart Parking"),
        parties=frozenset({"GRÜNE"}),
        band=3,
    )

    text = reason(candidate, own_parties=SPD, own_band=3)

    assert text == (
        "4 gemeinsame Themen: Datenethik, Digitale Beteiligung, Open Data, … · "
        "andere Partei (GRÜNE) · ähnliche Größe: 100–200 Tsd. Einwohner"
    )


@pytest.mark.unit
def test_reason_one_topic_same_party_no_size():
    candidate = Candidate(profile_id=1, shared_topics=("Open Data",), parties=SPD, band=1)

    assert reason(candidate, own_parties=SPD, own_band=3) == (
        "1 gemeinsames Thema: Open Data · gleiche Partei"
    )


@pytest.mark.unit
def test_reason_without_party_knowledge_mentions_no_party():
    candidate = Candidate(profile_id=1, shared_topics=("Open Data",), band=None)

    assert reason(candidate, own_parties=SPD, own_band=None) == "1 gemeinsames Thema: Open Data"


@pytest.mark.unit
def test_rank_orders_by_score_then_topics_then_id_and_limits():
    candidates = [
        Candidate(profile_id=3, shared_topics=("A",)),
        Candidate(profile_id=1, shared_topics=("A",)),
        Candidate(profile_id=2, shared_topics=("A", "B")),
    ]

    ranked = rank(candidates, own_parties=frozenset(), own_band=None, limit=2)

    assert [s.profile_id for s in ranked] == [2, 1]


@pytest.mark.unit
def test_form_groups_spreads_municipalities_and_parties():
    people = [
        GroupMember(profile_id=i, municipality_id=municipality, party=party)
        for i, (municipality, party) in enumerate(
            [
                (1, "SPD"),
                (1, "CDU"),
                (2, "SPD"),
                (2, "GRÜNE"),
                (3, "CDU"),
                (3, "FDP"),
                (4, "SPD"),
                (5, "GRÜNE"),
            ]
        )
    ]

    groups = form_groups(people, size=4)

    assert [len(g.members) for g in groups] == [4, 4]
    for group in groups:
        assert not group.has_shared_municipality
        assert len(group.parties) >= 3


@pytest.mark.unit
def test_form_groups_sizes_differ_by_at_most_one():
    people = [GroupMember(profile_id=i, municipality_id=i) for i in range(10)]

    groups = form_groups(people, size=4)

    assert sorted(len(g.members) for g in groups) == [3, 3, 4]


@pytest.mark.unit
def test_form_groups_shares_municipality_only_when_unavoidable():
    people = [GroupMember(profile_id=i, municipality_id=1 if i < 3 else 2) for i in range(4)]

    groups = form_groups(people, size=4)

    assert len(groups) == 1
    assert groups[0].has_shared_municipality
    assert "derselben Kommune" in suggestions.group_reason(groups[0], topic="Open Data")


@pytest.mark.unit
def test_form_groups_empty_input():
    assert form_groups([], size=4) == []


# --- The query ------------------------------------------------------------------------------


@pytest.fixture
def topics(db):
    return [
        Topic.objects.filter(title=title).first() or TopicFactory(title=title)
        for title in ("Datenethik", "Open Data", "Smart Parking")
    ]


def _councillor(topics, *, population=150_000, party="SPD", **profile_kwargs):
    municipality = MunicipalityFactory(population=population)
    profile = ProfileFactory(municipality=municipality, **profile_kwargs)
    profile.interests.set(topics)
    if party:
        MandateFactory(profile=profile, faction__party=PartyFactory(short_name=party))
    return profile


@pytest.mark.integration
def test_peer_suggestions_rank_shared_topics_other_party_and_size(topics):
    me = _councillor(topics[:2], party="SPD")
    same_party = _councillor(topics[:2], party="SPD", population=1_000_000)
    other_party = _councillor(topics[:2], party="GRÜNE")
    one_topic = _councillor(topics[1:], party="FDP")

    result = suggestions.peer_suggestions(me)

    assert [s.profile for s in result] == [other_party, same_party, one_topic]
    assert result[0].reason == (
        "2 gemeinsame Themen: Datenethik, Open Data · andere Partei (GRÜNE) · "
        "ähnliche Größe: 100–200 Tsd. Einwohner"
    )


@pytest.mark.integration
def test_peer_suggestions_exclude_same_town_blocked_hidden_contacts_inactive_and_self(topics):
    me = _councillor(topics)
    neighbour = ProfileFactory(municipality=me.municipality)
    neighbour.interests.set(topics)
    blocked = _councillor(topics)
    blocker = _councillor(topics)
    hidden = _councillor(topics)
    _councillor(topics, user__is_active=False)
    _councillor(topics, user__role="coordinator")
    _councillor([TopicFactory()])
    shown = _councillor(topics)
    asked = _councillor(topics)
    contact = _councillor(topics)
    declined = _councillor(topics)
    ContactRequest.objects.create(sender=me.user, recipient=asked.user, message="Hallo")
    ContactRequest.objects.create(
        sender=contact.user, recipient=me.user, message="Hallo", status="accepted"
    )
    ContactRequest.objects.create(
        sender=me.user, recipient=declined.user, message="Hallo", status="declined"
    )
    Block.objects.create(blocker=me.user, blocked=blocked.user)
    Block.objects.create(blocker=blocker.user, blocked=me.user)
    HiddenSuggestion.objects.create(user=me.user, hidden=hidden.user)

    result = suggestions.peer_suggestions(me)

    assert [s.profile for s in result] == [shown, declined]


@pytest.mark.integration
@pytest.mark.parametrize("hidden_group", ["identity", "interests"])
def test_peer_suggestions_skip_people_whose_identity_or_interests_are_hidden(topics, hidden_group):
    me = _councillor(topics)
    _councillor(topics, **{f"{hidden_group}_visibility": "organisers"})

    assert suggestions.peer_suggestions(me) == []


@pytest.mark.integration
def test_peer_suggestions_do_not_mention_hidden_party(topics):
    me = _councillor(topics, party="SPD")
    _councillor(topics, party="GRÜNE", mandates_visibility="organisers")

    (suggestion,) = suggestions.peer_suggestions(me)

    assert "GRÜNE" not in suggestion.reason
    assert "Partei" not in suggestion.reason


@pytest.mark.integration
def test_peer_suggestions_without_interests_or_municipality_are_empty(topics):
    no_interests = ProfileFactory()
    no_place = ProfileFactory(municipality=None)
    no_place.interests.set(topics)
    _councillor(topics)

    assert suggestions.peer_suggestions(no_interests) == []
    assert suggestions.peer_suggestions(no_place) == []


@pytest.mark.integration
@pytest.mark.parametrize("count", [1, 3])
def test_peer_suggestions_query_count_is_constant(topics, count):
    me = _councillor(topics)
    for _ in range(count):
        _councillor(topics[:2], party="CDU")
    me.refresh_from_db()

    with CaptureQueriesContext(connection) as queries:
        result = suggestions.peer_suggestions(me)

    assert len(result) == count
    assert len(queries) == 8


@pytest.mark.integration
def test_peer_suggestions_fall_back_to_joined_query_when_prefix_is_mostly_ineligible(
    topics, monkeypatch
):
    monkeypatch.setattr(suggestions, "PREFIX_LIMIT", 2)
    monkeypatch.setattr(suggestions, "CANDIDATE_LIMIT", 2)
    me = _councillor(topics)
    for _ in range(2):  # best matches, but hidden from the viewer
        _councillor(topics, identity_visibility="organisers")
    first = _councillor(topics[:2])
    second = _councillor(topics[:1])

    result = suggestions.peer_suggestions(me)

    assert [s.profile for s in result] == [first, second]
