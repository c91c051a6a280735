"""Council papers (OParl) in the one search: public, with decisions, filters and a link to
the original; imports announce their papers in one batch."""

import pytest
from django.contrib.auth.models import AnonymousUser

from stadtgespraeche.core import indexing
from stadtgespraeche.oparl.models import OparlFile, OparlPaper, TopicKeywords
from stadtgespraeche.oparl.services.topics import assign_topics
from stadtgespraeche.search import queries, services
from stadtgespraeche.search.enums import Kind
from stadtgespraeche.search.models import SearchDocument, SearchTag
from tests.factories import oparl as council_data
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.topics import TopicFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
LABEL = "oparl.oparlpaper"


def _search(text, **filters):
    return queries.search(AnonymousUser(), text, filters=queries.Filters(**filters), per_page=50)


def test_paper_with_its_decision_and_file_text_is_found(index):
    town = MunicipalityFactory(name="Musterstadt")
    endpoint = council_data.council(town, name="Rat der Stadt Musterstadt")
    paper = council_data.paper(endpoint, "Breitbandausbau im Außenbereich")
    council_data.decision(paper, result="mehrheitlich abgelehnt", committee="Bauausschuss")
    OparlFile.objects.create(
        endpoint=endpoint,
        oparl_id=f"{paper.oparl_id}/file/1",
        parent_oparl_id=paper.oparl_id,
        parent_field="mainFile",
        text="Die Verwaltung empfiehlt Leerrohre für Glasfaser.",
    )
    index(paper)

    hits = _search("Breitbandausbau").hits
    assert [(h.title, h.kind, h.url) for h in hits] == [
        ("Breitbandausbau im Außenbereich", Kind.COUNCIL_PAPER, paper.web)
    ]
    assert [h.title for h in _search("abgelehnt").hits] == [paper.name]
    assert [h.title for h in _search("Bauausschuss").hits] == [paper.name]
    assert [h.title for h in _search("Leerrohre").hits] == [paper.name]
    document = SearchDocument.objects.get(model_label=LABEL)
    assert "Rat der Stadt Musterstadt" in document.body
    assert document.year == 2025
    assert SearchTag.objects.filter(document=document, kind="m", value=town.pk).exists()


def test_filters_municipality_and_topic():
    topic = TopicFactory()
    TopicKeywords.objects.create(topic=topic, keywords="Glasfaser")
    north, south = MunicipalityFactory(), MunicipalityFactory()
    a = council_data.paper(council_data.council(north), "Glasfaser Nord")
    b = council_data.paper(council_data.council(south), "Glasfaser Süd")
    c = council_data.paper(council_data.council(south), "Nord-Süd-Verbindung")
    OparlFile.objects.create(
        endpoint=c.endpoint,
        oparl_id=f"{c.oparl_id}/file/1",
        parent_oparl_id=c.oparl_id,
        text="Leerrohre für Glasfaser mitverlegen.",
    )  # found by its file text, but file text does not assign topics
    council_data.paper(council_data.council(south), "Straßenreinigung")
    assign_topics()
    services.handle_changes(LABEL, [a.pk, b.pk, c.pk])

    assert {h.title for h in _search("Glasfaser").hits} == {a.name, b.name, c.name}
    assert {h.title for h in _search("Glasfaser", municipality=south.pk).hits} == {
        b.name,
        c.name,
    }
    assert {h.title for h in _search("Glasfaser", topic=topic.pk).hits} == {a.name, b.name}
    assert {h.title for h in _search("Glasfaser", kind=Kind.COUNCIL_PAPER).hits} == {
        a.name,
        b.name,
        c.name,
    }


def test_deleted_and_placeholder_papers_are_not_findable():
    endpoint = council_data.council()
    paper = council_data.paper(endpoint, "Digitalisierungsstrategie")
    placeholder = council_data.paper(endpoint, "Digitalisierung Platzhalter", is_placeholder=True)
    services.handle_changes(LABEL, [paper.pk, placeholder.pk])
    assert [h.title for h in _search("Digitalisierungsstrategie").hits] == [paper.name]

    OparlPaper.objects.filter(pk=paper.pk).update(deleted=True)
    services.handle_changes(LABEL, [paper.pk, 999_999])

    assert _search("Digitalisierungsstrategie").hits == []
    assert not SearchDocument.objects.filter(model_label=LABEL).exists()


def test_changed_many_reaches_the_batch_handler_once(django_capture_on_commit_callbacks):
    calls = []
    indexing.register("probe", lambda label, pk, removed: calls.append(("one", pk)))
    indexing.register_batch("probe", lambda label, pks: calls.append(("many", pks)))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            indexing.changed_many(LABEL, [3, 1])
            indexing.changed_many(LABEL, [])
    finally:
        indexing.unregister("probe")
    assert calls == [("many", [3, 1])]


def test_changed_many_falls_back_to_the_object_handler(django_capture_on_commit_callbacks):
    calls = []
    indexing.register("probe", lambda label, pk, removed: calls.append((label, pk, removed)))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            indexing.changed_many(LABEL, [5, 6])
    finally:
        indexing.unregister("probe")
    assert (LABEL, 5, False) in calls
    assert (LABEL, 6, False) in calls
