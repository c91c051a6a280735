"""Council agenda items as documents of their own, and the council facets (body, paper type,
normalised result) of the one search: query level, view level and indexing cost."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.urls import reverse

from stadtgespraeche.oparl.enums import PaperKind, ResultKind
from stadtgespraeche.oparl.models import OparlAgendaItem, OparlPaper, TopicKeywords
from stadtgespraeche.oparl.services.topics import assign_topics
from stadtgespraeche.search import queries, services
from stadtgespraeche.search.enums import PAPER_KIND_CODES, RESULT_KIND_CODES, Kind
from stadtgespraeche.search.models import SearchDocument
from stadtgespraeche.search.providers import provider_for
from tests.factories import oparl as council_data
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.topics import TopicFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
PAPER = "oparl.oparlpaper"
ITEM = "oparl.oparlagendaitem"
URL = reverse("search:search")


def _search(text, **filters):
    return queries.search(AnonymousUser(), text, filters=queries.Filters(**filters), per_page=50)


def _index_all():
    services.handle_changes(PAPER, list(OparlPaper.objects.values_list("pk", flat=True)))
    services.handle_changes(ITEM, list(OparlAgendaItem.objects.values_list("pk", flat=True)))


@pytest.fixture
def councils():
    """Two councils deciding on broadband: adopted, rejected, noted."""
    topic = TopicFactory(title="Glasfaser")
    TopicKeywords.objects.create(topic=topic, keywords="Glasfaser")
    north = council_data.council(MunicipalityFactory(name="Nordstadt"), name="Rat Nordstadt")
    south = council_data.council(MunicipalityFactory(name="Südstadt"), name="Rat Südstadt")
    adopted = council_data.paper(north, "Glasfaserausbau Nordstadt")
    council_data.decision(adopted, result="Einstimmig, 0 Enthaltungen", committee="Rat")
    rejected = council_data.paper(south, "Glasfaser für Schulen", paper_type="Antrag")
    council_data.decision(rejected, result="mehrheitlich abgelehnt", committee="Schulausschuss")
    noted = council_data.paper(south, "Glasfaser: Sachstand", paper_type="Mitteilungsvorlage")
    council_data.decision(noted, result="Kenntnisnahme")
    assign_topics()
    _index_all()
    return {"topic": topic, "north": north, "south": south, "rejected": rejected}


def test_agenda_item_is_a_document_with_meeting_committee_result_and_original(councils):
    item = OparlAgendaItem.objects.get(consultations__paper=councils["rejected"])
    item.web = "https://ris.example/to/1"
    item.save()
    _index_all()

    hits = _search("Glasfaser Schulen", kind=Kind.COUNCIL_AGENDA_ITEM).hits

    assert [(h.title, h.url, h.result_label) for h in hits] == [
        ("Glasfaser für Schulen", "https://ris.example/to/1", "abgelehnt")
    ]
    document = SearchDocument.objects.get(model_label=ITEM, object_id=item.pk)
    assert "Schulausschuss" in document.body
    assert "mehrheitlich abgelehnt (abgelehnt)" in document.body
    assert "01.04.2025" in document.body
    assert "Rat Südstadt" in document.body


def test_agenda_item_without_web_page_links_to_its_meeting(councils):
    item = OparlAgendaItem.objects.select_related("meeting").get(
        consultations__paper=councils["rejected"]
    )
    [hit] = _search("Glasfaser Schulen", kind=Kind.COUNCIL_AGENDA_ITEM).hits
    assert hit.url == item.meeting.oparl_id


def test_not_public_deleted_and_unnamed_agenda_items_are_not_findable(councils):
    items = list(OparlAgendaItem.objects.order_by("pk"))
    OparlAgendaItem.objects.filter(pk=items[0].pk).update(public=False)
    OparlAgendaItem.objects.filter(pk=items[1].pk).update(deleted=True)
    OparlAgendaItem.objects.filter(pk=items[2].pk).update(name="")
    _index_all()
    assert not SearchDocument.objects.filter(model_label=ITEM).exists()


def test_filters_body_paper_type_and_result_at_query_level(councils):
    north, south = councils["north"], councils["south"]
    rejected = RESULT_KIND_CODES[ResultKind.REJECTED]
    motion = PAPER_KIND_CODES[PaperKind.MOTION]

    everything = _search("Glasfaser")
    assert everything.total == 6  # three papers, three agenda items
    assert dict(everything.facets["body"]) == {north.pk: 2, south.pk: 4}
    assert dict(everything.facets["result"]) == {
        RESULT_KIND_CODES[ResultKind.UNANIMOUS]: 2,
        rejected: 2,
        RESULT_KIND_CODES[ResultKind.NOTED]: 2,
    }
    assert dict(everything.facets["paper_type"]) == {
        PAPER_KIND_CODES[PaperKind.DECISION]: 2,
        motion: 2,
        PAPER_KIND_CODES[PaperKind.INFORMATION]: 2,
    }

    in_south = _search("Glasfaser", body=south.pk)
    assert in_south.total == 4
    assert dict(in_south.facets["body"]) == {north.pk: 2, south.pk: 4}  # ignores itself
    assert {h.title for h in _search("Glasfaser", result=rejected).hits} == {
        "Glasfaser für Schulen"
    }
    motions = _search("Glasfaser", paper_type=motion, kind=Kind.COUNCIL_PAPER)
    assert [h.title for h in motions.hits] == ["Glasfaser für Schulen"]
    assert _search("Glasfaser", body=north.pk, result=rejected).total == 0
    on_topic = _search("Glasfaser", topic=councils["topic"].pk, body=north.pk)
    assert on_topic.total == 2


def test_facet_labels_name_councils_paper_types_and_results(councils):
    facets = queries.labelled_facets(_search("Glasfaser").facets)
    assert {entry.label for entry in facets["body"]} == {"Rat Nordstadt", "Rat Südstadt"}
    assert {entry.label for entry in facets["result"]} == {
        "einstimmig beschlossen",
        "abgelehnt",
        "zur Kenntnis genommen, ohne Abstimmung",
    }
    assert {entry.label for entry in facets["paper_type"]} == {
        "Beschlussvorlage",
        "Antrag",
        "Mitteilungs- oder Informationsvorlage",
    }


def test_search_page_filters_by_council_and_result(client, councils):
    south = councils["south"]
    rejected = RESULT_KIND_CODES[ResultKind.REJECTED]

    page = client.get(URL, {"q": "Glasfaser"}).content.decode()
    assert "Vorlagenart" in page
    assert f"body={south.pk}" in page
    assert f"result={rejected}" in page
    assert "Rat Südstadt" in page

    filtered = client.get(URL, {"q": "Schulen", "result": rejected}).content.decode()
    assert "Glasfaser für <mark>Schulen</mark>" in filtered
    assert filtered.count("kern-card__content") == 2  # the paper and its agenda item
    assert "Filter entfernen: Ergebnis" in filtered
    assert "Ergebnis: abgelehnt" in filtered


@pytest.mark.parametrize("value", ["abc", "0", "-3", "99999999999999999999"])
def test_search_page_ignores_bad_council_filters(client, councils, value):
    response = client.get(URL, {"q": "Glasfaser", "body": value, "result": value})
    assert response.status_code == 200
    assert response.content.decode().count("kern-card__content") == 6


@pytest.mark.parametrize("count", [1, 3])
def test_indexing_agenda_items_costs_fixed_queries(django_assert_num_queries, count):
    endpoint = council_data.council(MunicipalityFactory())
    for n in range(count):
        paper = council_data.paper(endpoint, f"Digitalisierung {n}")
        council_data.decision(paper)
    provider = provider_for(ITEM)
    items = list(provider.queryset())
    # items are loaded by the caller; the documents need no further queries per item.
    with django_assert_num_queries(0):
        documents = [d for _, docs in provider.documents_for_many(items) for d in docs]
    assert len(documents) == count
    # Loading a batch: items (with meeting, committee, council), consultations with papers,
    # the papers' topics.
    with django_assert_num_queries(3):
        list(provider.queryset())
    # Writing: the fixed statements of services._replace, whatever the number of items
    # (the full-text rows: one statement on PostgreSQL, delete + insert on SQLite).
    expected = 7 if connection.vendor == "postgresql" else 8
    with django_assert_num_queries(expected):
        services.index_objects(provider, items)


def test_search_page_with_council_results_costs_fixed_queries(
    client, councils, django_assert_num_queries
):
    # The frequency check and the window of the word; the tag facets in one statement; the
    # documents; their results; the names of municipalities, topics and councils. On
    # PostgreSQL each window reads the newest id first: two more.
    with django_assert_num_queries(10 if connection.vendor == "postgresql" else 8):
        response = client.get(URL, {"q": "Glasfaser"})
    assert response.content.decode().count("kern-card__content") == 6


def test_paper_topics_change_reindexes_its_agenda_items(
    councils, django_capture_on_commit_callbacks
):
    from stadtgespraeche.oparl.services.topics import set_keywords

    paper = OparlPaper.objects.get(name="Glasfaserausbau Nordstadt")
    other = TopicFactory(title="Ausbau")
    with django_capture_on_commit_callbacks(execute=True):
        set_keywords(topic=other, keywords="ausbau")  # the immediate task backend runs it

    item = OparlAgendaItem.objects.get(consultations__paper=paper)
    assert _search("Glasfaserausbau", topic=other.pk, kind=Kind.COUNCIL_AGENDA_ITEM).total == 1
    assert item.pk in {
        d.object_id
        for d in SearchDocument.objects.filter(
            model_label=ITEM, tags__kind="t", tags__value=other.pk
        )
    }
