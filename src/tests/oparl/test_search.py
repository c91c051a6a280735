"""Both recorded crawls imported: a digital-policy word finds papers of both councils in
the one search, with their topic; a re-run reindexes nothing."""

import pytest
from django.contrib.auth.models import AnonymousUser

from stadtgespraeche.oparl.enums import Vendor
from stadtgespraeche.oparl.models import Endpoint, TopicKeywords
from stadtgespraeche.oparl.services.importer import run_import
from stadtgespraeche.search import queries
from stadtgespraeche.search.enums import Kind
from stadtgespraeche.search.models import SearchDocument
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.topics import TopicFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
LABEL = "oparl.oparlpaper"
AGENDA = "oparl.oparlagendaitem"


def _search(text, **filters):
    return queries.search(AnonymousUser(), text, filters=queries.Filters(**filters), per_page=50)


def test_both_crawls_imported_are_found_for_a_digital_policy_word(
    fake_oparl, fetcher, django_capture_on_commit_callbacks
):
    topic = TopicFactory(title="Digitale Verwaltung")
    TopicKeywords.objects.create(topic=topic, keywords="digital")
    huertgenwald = MunicipalityFactory(name="Hürtgenwald", key="05358016")
    karlsruhe = MunicipalityFactory(name="Karlsruhe", key="08212000")
    endpoints = [
        Endpoint.objects.create(
            system_url=fake_oparl.huertgenwald_system,
            vendor=Vendor.STERNBERG,
            municipality=huertgenwald,
        ),
        Endpoint.objects.create(
            system_url=fake_oparl.karlsruhe_system, vendor=Vendor.SOMACOS, municipality=karlsruhe
        ),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        for endpoint in endpoints:
            run_import(endpoint, fetcher=fetcher)

    results = _search("digital", kind=Kind.COUNCIL_PAPER)
    municipalities = dict(results.facets["municipality"])
    assert municipalities[huertgenwald.pk] >= 5
    assert municipalities[karlsruhe.pk] >= 5
    assert all(hit.url.startswith(fake_oparl.base) for hit in results.hits)
    assert all(hit.date is not None for hit in results.hits)
    on_topic = _search("digital", topic=topic.pk, kind=Kind.COUNCIL_PAPER)
    assert on_topic.total == results.total

    items = _search("digital", kind=Kind.COUNCIL_AGENDA_ITEM)
    bodies = dict(items.facets["body"])
    assert bodies[endpoints[0].pk] >= 1
    assert bodies[endpoints[1].pk] >= 1
    assert dict(items.facets["municipality"]).keys() == {huertgenwald.pk, karlsruhe.pk}
    assert all(hit.url.startswith(fake_oparl.base) for hit in items.hits)
    assert all(hit.date is not None for hit in items.hits)

    documents = SearchDocument.objects.filter(model_label__in=[LABEL, AGENDA]).count()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        run = run_import(endpoints[1], fetcher=fetcher)
    assert run.stats["counts"].get("typed_written", 0) == 0
    assert callbacks == []  # nothing changed: nothing to reindex
    assert SearchDocument.objects.filter(model_label__in=[LABEL, AGENDA]).count() == documents
