"""Results respect the viewer exactly, for every content type: nothing hidden or
unpublished appears as a result, in a count, a facet or a snippet."""

import pytest
from django.contrib.auth.models import AnonymousUser

from stadtgespraeche.events.enums import Confidentiality, EventStatus
from stadtgespraeche.events.models import Event
from stadtgespraeche.people.enums import Visibility
from stadtgespraeche.search import queries, services
from stadtgespraeche.search.access import document_tokens
from stadtgespraeche.search.backends import get_backend
from stadtgespraeche.search.backends.base import Row
from stadtgespraeche.search.enums import Level
from stadtgespraeche.search.models import SearchDocument, SearchReader
from stadtgespraeche.topics.models import Topic
from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory
from tests.factories.events import AgendaItemFactory, EventFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.people import MandateFactory, ProfileFactory

pytestmark = pytest.mark.integration

VIEWERS = ["anonymous", "councillor", "coordinator", "organiser"]


@pytest.fixture
def viewers(db):
    return {
        "anonymous": AnonymousUser(),
        "councillor": UserFactory(),
        "coordinator": CoordinatorFactory(),
        "organiser": OrganiserFactory(),
    }


def _titles(viewer, text, **filters):
    results = queries.search(viewer, text, filters=queries.Filters(**filters), per_page=50)
    return results, [hit.title for hit in results.hits]


def _everything_says(results, word):
    """Whether `word` occurs anywhere in what a viewer gets: titles, snippets, facets."""
    texts = [hit.title + hit.snippet for hit in results.hits]
    return any(word.lower() in text.lower() for text in texts)


@pytest.mark.parametrize(
    ("status", "confidentiality", "seen_by"),
    [
        (EventStatus.DRAFT, Confidentiality.PUBLIC, {"organiser"}),
        (EventStatus.PUBLISHED, Confidentiality.PUBLIC, set(VIEWERS)),
        (
            EventStatus.PUBLISHED,
            Confidentiality.NETWORK,
            {"councillor", "coordinator", "organiser"},
        ),
        (
            EventStatus.REGISTRATION_OPEN,
            Confidentiality.CHATHAM_HOUSE,
            {"councillor", "coordinator", "organiser"},
        ),
        (EventStatus.CANCELLED, Confidentiality.PUBLIC, set(VIEWERS)),
        (EventStatus.DRAFT, Confidentiality.NETWORK, {"organiser"}),
    ],
)
def test_event_visibility_matches_event_rules(viewers, index, status, confidentiality, seen_by):
    event = EventFactory(
        title="Quartiersdigitalisierung",
        status=status,
        confidentiality=confidentiality,
        description="Geheimprojekt Wärmeplanung",
    )
    AgendaItemFactory(event=event, title="Impuls zur Wärmeplanung", abstract="Sensorik")
    index(event)
    for name, viewer in viewers.items():
        results, titles = _titles(viewer, "Wärmeplanung")
        if name in seen_by:
            assert titles == ["Quartiersdigitalisierung"], name
            assert results.total == 1
        else:
            assert titles == [], name
            assert results.total == 0
            assert all(count == 0 for facet in results.facets.values() for _, count in facet)
            assert results.facets == {
                "kind": [],
                "year": [],
                "municipality": [],
                "topic": [],
                "body": [],
                "paper_type": [],
                "result": [],
            }


def test_event_agenda_text_is_found_and_highlighted(viewers, index):
    event = EventFactory(title="Stadtgespräch Mobilität", status=EventStatus.PUBLISHED)
    AgendaItemFactory(
        event=event, title="Rufbusse im ländlichen Raum", abstract="On-Demand-Verkehr"
    )
    index(event)
    results, titles = _titles(viewers["anonymous"], "Rufbus")
    assert titles == ["Stadtgespräch Mobilität"]
    assert "<mark>Rufbusse</mark>" in results.hits[0].snippet


def test_event_leaves_index_when_back_to_draft(viewers, index):
    event = EventFactory(title="Offene Daten", status=EventStatus.PUBLISHED)
    index(event)
    assert _titles(viewers["anonymous"], "Daten")[1] == ["Offene Daten"]
    event.status = EventStatus.DRAFT
    event.save()
    services.handle_change("events.event", event.pk, False)
    assert _titles(viewers["anonymous"], "Daten")[1] == []
    assert _titles(viewers["organiser"], "Daten")[1] == ["Offene Daten"]


def test_deleted_event_leaves_index(viewers, index):
    event = EventFactory(title="Offene Daten", status=EventStatus.PUBLISHED)
    index(event)
    pk = event.pk
    event.delete()
    services.handle_change("events.event", pk, True)
    assert _titles(viewers["organiser"], "Daten")[1] == []
    assert not SearchDocument.objects.filter(object_id=pk, model_label="events.event").exists()


def test_topic_inactive_is_never_found(viewers, index):
    active = Topic.objects.create(title="Roboterkunde", slug="test-aktiv", summary="Roboter")
    hidden = Topic.objects.create(
        title="Roboterkunde intern", slug="test-intern", summary="Roboter", is_active=False
    )
    index(active, hidden)
    for viewer in viewers.values():
        results, titles = _titles(viewer, "Roboter")
        assert titles == ["Roboterkunde"]
        assert results.total == 1


def test_municipality_is_public(viewers, index):
    municipality = MunicipalityFactory(name="Kaiserslautern", name_official="Stadt Kaiserslautern")
    index(municipality)
    for viewer in viewers.values():
        assert _titles(viewer, "Kaiserslautern")[1] == ["Kaiserslautern"]


def _person(**visibility):
    profile = ProfileFactory(
        user__first_name="Erika",
        user__last_name="Beispiel",
        bio="Begeistert von Open Data",
        expertise="Breitbandausbau",
        **{f"{group}_visibility": value for group, value in visibility.items()},
    )
    MandateFactory(profile=profile, committees="Digitalausschuss")
    return profile


@pytest.mark.parametrize(
    ("identity", "seen_by"),
    [
        (Visibility.PUBLIC, set(VIEWERS)),
        (Visibility.NETWORK, {"councillor", "coordinator", "organiser"}),
        (Visibility.ORGANISERS, {"organiser"}),
    ],
)
def test_person_found_only_where_identity_is_visible(viewers, index, identity, seen_by):
    profile = _person(identity=identity, interests=Visibility.PUBLIC)
    index(profile)
    for name, viewer in viewers.items():
        results, titles = _titles(viewer, "Erika Beispiel")
        assert titles == (["Erika Beispiel"] if name in seen_by else []), name
        assert results.total == (1 if name in seen_by else 0)


@pytest.mark.parametrize(
    ("group", "word"),
    [("interests", "Breitbandausbau"), ("about", "Open Data"), ("mandates", "Digitalausschuss")],
)
def test_person_hidden_field_group_never_matches_or_leaks(viewers, index, group, word):
    profile = _person(identity=Visibility.PUBLIC, **{group: Visibility.ORGANISERS})
    index(profile)
    for name, viewer in viewers.items():
        results, titles = _titles(viewer, word)
        if name == "organiser":
            assert titles == ["Erika Beispiel"]
        else:
            assert titles == [], name
            assert results.total == 0
        # The name is always findable; the hidden group never shows in a snippet.
        results, titles = _titles(viewer, "Beispiel")
        assert titles == ["Erika Beispiel"]
        assert _everything_says(results, word) == (name == "organiser"), name


def test_person_interest_topic_facet_only_where_interests_visible(viewers, index):
    topic = Topic.objects.create(title="Glasfaser", slug="test-glasfaser", summary="Netze")
    profile = _person(identity=Visibility.PUBLIC, interests=Visibility.NETWORK)
    profile.interests.add(topic)
    index(profile)
    anonymous, _ = _titles(viewers["anonymous"], "Beispiel")
    member, _ = _titles(viewers["councillor"], "Beispiel")
    assert anonymous.facets["topic"] == []
    assert member.facets["topic"] == [(topic.pk, 1)]
    assert _titles(viewers["anonymous"], "Beispiel", topic=topic.pk)[1] == []
    assert _titles(viewers["councillor"], "Beispiel", topic=topic.pk)[1] == ["Erika Beispiel"]


def test_inactive_person_is_not_found(viewers, index):
    profile = _person(identity=Visibility.PUBLIC)
    profile.user.is_active = False
    profile.user.save()
    index(profile)
    assert _titles(viewers["organiser"], "Beispiel")[1] == []


def test_access_list_document_only_for_its_readers(viewers):
    """Documents with min_level NOBODY (e.g. drafts of practices) are seen by their readers."""
    document = SearchDocument.objects.create(
        model_label="knowledge.practice",
        object_id=1,
        kind="practice",
        title="Entwurf Bürgerbeteiligung",
        url="/praxis/1/",
        min_level=Level.NOBODY,
        max_level=Level.NOBODY,
    )
    reader = viewers["coordinator"].pk
    SearchReader.objects.create(document=document, user_id=reader)
    tags = document_tokens(
        kind="practice",
        year=None,
        municipality_ids=set(),
        topic_ids=set(),
    )
    get_backend().write([Row(id=document.pk, title=document.title, body="", tags=tags)])
    for name, viewer in viewers.items():
        titles = _titles(viewer, "Beteiligung")[1]
        assert titles == (["Entwurf Bürgerbeteiligung"] if name == "coordinator" else []), name
    assert queries.suggest(viewers["councillor"], "Bürgerbet") == []
    assert [hit.title for hit in queries.suggest(viewers["coordinator"], "Bürgerbet")] == [
        "Entwurf Bürgerbeteiligung"
    ]


def test_suggestions_respect_visibility(viewers, index):
    EventFactory(title="Datenstrategie intern", status=EventStatus.DRAFT)
    public = EventFactory(title="Datenstrategie öffentlich", status=EventStatus.PUBLISHED)
    index(*Event.objects.all())
    assert [hit.title for hit in queries.suggest(viewers["anonymous"], "Datenstr")] == [
        public.title
    ]
    assert len(queries.suggest(viewers["organiser"], "Datenstr")) == 2
