import pytest

from stadtgespraeche.knowledge import queries
from stadtgespraeche.knowledge.enums import EditorialState, PracticeStatus
from stadtgespraeche.knowledge.models import PracticeVersion
from stadtgespraeche.topics.models import Topic
from tests.factories.knowledge import PracticeFactory
from tests.factories.municipalities import MunicipalityFactory, StateFactory

pytestmark = [pytest.mark.django_db, pytest.mark.unit]


def test_visible_practices_for_anonymous_are_published_only(django_user_model):
    from django.contrib.auth.models import AnonymousUser

    published = PracticeFactory()
    PracticeFactory(state=EditorialState.DRAFT)
    PracticeFactory(state=EditorialState.IN_REVIEW)

    assert list(queries.visible_practices(AnonymousUser())) == [published]


def test_visible_practices_include_own_drafts_and_reviewed_ones(coordinator, city):
    own = PracticeFactory(state=EditorialState.DRAFT, author=coordinator)
    reviewed = PracticeFactory(state=EditorialState.IN_REVIEW, municipalities=[city])
    foreign = PracticeFactory(state=EditorialState.IN_REVIEW)

    visible = set(queries.visible_practices(coordinator))

    assert {own, reviewed} <= visible
    assert foreign not in visible


def test_organiser_sees_everything(organiser):
    drafts = [PracticeFactory(state=EditorialState.DRAFT) for _ in range(2)]
    assert set(queries.visible_practices(organiser)) == set(drafts)


def test_review_queue_of_coordinator_holds_only_their_municipalities(coordinator, city):
    mine = PracticeFactory(state=EditorialState.IN_REVIEW, municipalities=[city])
    PracticeFactory(state=EditorialState.IN_REVIEW)
    PracticeFactory(state=EditorialState.DRAFT, municipalities=[city])

    assert list(queries.review_queue(coordinator)) == [mine]


def test_review_queue_of_councillor_is_empty_unless_coordinator(councillor, city):
    PracticeFactory(state=EditorialState.IN_REVIEW, municipalities=[city])
    assert list(queries.review_queue(councillor)) == []


def test_facet_counts_count_each_practice_once_and_ignore_own_facet():
    rlp = StateFactory(code="07", name="Rheinland-Pfalz")
    bayern = StateFactory(code="09", name="Bayern")
    kl = MunicipalityFactory(state=rlp, population=100_000)
    ma = MunicipalityFactory(state=rlp, population=300_000)
    ba = MunicipalityFactory(state=bayern, population=78_000)
    topic = Topic.objects.get(slug="hybride-ratsarbeit")
    PracticeFactory(municipalities=[kl, ma], topics=[topic], started_in=2021)
    PracticeFactory(municipalities=[ba], status=PracticeStatus.PILOT, started_in=2023)
    PracticeFactory(municipalities=[ba], state=EditorialState.DRAFT)

    listing = queries.faceted_practices({})

    assert listing.total == 2
    states = {v.label: v.count for v in listing.facets["state"]}
    assert states == {"Rheinland-Pfalz": 1, "Bayern": 1}
    bands = {v.value: v.count for v in listing.facets["band"]}
    assert bands == {"2": 1, "3": 1, "4": 1}
    assert {v.value: v.count for v in listing.facets["year"]} == {"2021": 1, "2023": 1}

    filtered = queries.faceted_practices({"state": str(bayern.pk)})

    assert filtered.total == 1
    # the state facet still offers the other state with its own count
    assert {v.label: v.count for v in filtered.facets["state"]} == {
        "Rheinland-Pfalz": 1,
        "Bayern": 1,
    }
    assert {v.value: v.count for v in filtered.facets["status"]} == {PracticeStatus.PILOT: 1}
    assert [v.selected for v in filtered.facets["state"] if v.label == "Bayern"] == [True]


def test_clean_selection_drops_unknown_facets_and_invalid_values():
    assert queries.clean_selection(
        {"state": "abc", "band": "99", "status": "bogus", "year": "2021", "evil": "1"}
    ) == {"year": "2021"}


def test_diff_versions_marks_inserted_and_deleted_words():
    practice = PracticeFactory()
    old = PracticeVersion(practice=practice, number=1, content={"title": "Offene Daten Portal"})
    new = PracticeVersion(practice=practice, number=2, content={"title": "Offenes Daten Portal"})

    (change,) = queries.diff_versions(old, new, {"title": "Titel"})

    assert change.label == "Titel"
    assert ("delete", "Offene") in change.segments
    assert ("insert", "Offenes") in change.segments
    assert ("equal", " Daten Portal") in change.segments


def test_diff_against_nothing_lists_every_filled_field():
    practice = PracticeFactory()
    first = PracticeVersion(practice=practice, number=1, content={"title": "A", "topics": ["X"]})

    changes = queries.diff_versions(None, first, {})

    assert [change.name for change in changes] == ["title", "topics"]
