"""Full crawls soft-delete what a completely crawled list no longer holds; the shrink guard
keeps a list that shrank suspiciously and records a warning, shown on the coverage page."""

from collections import Counter

import pytest
from django.urls import reverse

from stadtgespraeche.oparl.enums import SyncStatus, Vendor
from stadtgespraeche.oparl.models import (
    Endpoint,
    OparlOrganization,
    OparlPaper,
    RawObject,
    SyncRun,
)
from stadtgespraeche.oparl.services.importer import run_import
from stadtgespraeche.oparl.services.reconcile import ListCrawl, reconcile, shrink_warning
from stadtgespraeche.oparl.services.references import FETCHED
from stadtgespraeche.search.models import SearchDocument

pytestmark = pytest.mark.django_db

PAPERS = "/karlsruhe/oparl/bodies/0001/papers"
ORGANIZATIONS = "/karlsruhe/oparl/bodies/0001/organizations"


def _raw(endpoint, oparl_id, object_type, parent_id="", parent_field=""):
    return RawObject.objects.create(
        endpoint=endpoint,
        oparl_id=oparl_id,
        object_type=object_type,
        data={"id": oparl_id},
        digest="x",
        parent_id=parent_id,
        parent_field=parent_field,
        needs_import=False,
        fetched_at="2025-01-01T00:00:00Z",
    )


@pytest.fixture
def stored(settings):
    settings.OPARL_SHRINK_MIN_OBJECTS = 4
    settings.OPARL_SHRINK_PERCENT = 50
    endpoint = Endpoint.objects.create(system_url="https://ris.example/oparl/system")
    for n in range(1, 7):
        _raw(endpoint, f"https://ris.example/paper/{n}", "Paper")
        OparlPaper.objects.create(endpoint=endpoint, oparl_id=f"https://ris.example/paper/{n}")
    _raw(endpoint, "https://ris.example/file/1", "File", "https://ris.example/paper/6", "mainFile")
    _raw(endpoint, "https://ris.example/paper/99", "Paper", parent_field=FETCHED)
    return endpoint


def _crawl(ids, *, complete=True):
    crawl = ListCrawl("Paper", complete=complete)
    crawl.ids = {f"https://ris.example/paper/{n}" for n in ids}
    crawl.live = len(crawl.ids)
    return crawl


@pytest.mark.unit
def test_reconcile_soft_deletes_what_the_list_no_longer_holds(stored):
    stats, warnings, touched = Counter(), [], {}

    reconcile(stored, {"paper": _crawl([1, 2, 3, 4, 5])}, stats, warnings, touched)

    gone = OparlPaper.objects.get(oparl_id="https://ris.example/paper/6")
    assert gone.deleted
    raw = RawObject.objects.get(oparl_id=gone.oparl_id)
    assert (raw.deleted, raw.digest) == (True, "")  # imported again should it come back
    assert RawObject.objects.get(oparl_id="https://ris.example/file/1").deleted  # embedded
    assert not RawObject.objects.get(oparl_id="https://ris.example/paper/99").deleted  # fetched
    assert OparlPaper.objects.filter(deleted=False).count() == 5
    assert touched == {
        "Paper": {"https://ris.example/paper/6"},
        "File": {"https://ris.example/file/1"},
    }
    assert stats["gone_from_list"] == 1
    assert warnings == []


@pytest.mark.unit
def test_shrink_guard_keeps_a_list_that_shrank_below_the_share(stored):
    stats, warnings, touched = Counter(), [], {}

    reconcile(stored, {"paper": _crawl([1, 2])}, stats, warnings, touched)

    assert not OparlPaper.objects.filter(deleted=True).exists()
    assert warnings == [shrink_warning("paper", 6, 2)] == ["shrink paper 6 2"]
    assert stats["shrink_guard"] == 1
    assert touched == {}


@pytest.mark.unit
def test_reconcile_leaves_incomplete_lists_and_small_lists_to_the_threshold(stored, settings):
    stats, warnings, touched = Counter(), [], {}
    reconcile(stored, {"paper": _crawl([1], complete=False)}, stats, warnings, touched)
    assert not OparlPaper.objects.filter(deleted=True).exists()

    settings.OPARL_SHRINK_MIN_OBJECTS = 100  # 6 objects: below the guard's size
    reconcile(stored, {"paper": _crawl([1])}, stats, warnings, touched)
    assert OparlPaper.objects.filter(deleted=True).count() == 5
    assert warnings == []


@pytest.mark.integration
def test_full_crawl_deletes_gone_papers_and_guards_a_shrunken_list(
    fake_oparl, fetcher, settings, django_capture_on_commit_callbacks, client
):
    settings.OPARL_SHRINK_MIN_OBJECTS = 50
    endpoint = Endpoint.objects.create(
        system_url=fake_oparl.karlsruhe_system, vendor=Vendor.SOMACOS
    )
    with django_capture_on_commit_callbacks(execute=True):
        run_import(endpoint, fetcher=fetcher)
    papers = fake_oparl.datasets["karlsruhe"].lists[PAPERS]
    live = [p for p in papers if p.get("deleted") is not True]
    gone = [p["id"] for p in live[:2]]
    gone_pks = list(OparlPaper.objects.filter(oparl_id__in=gone).values_list("pk", flat=True))
    assert (
        SearchDocument.objects.filter(
            model_label="oparl.oparlpaper", object_id__in=gone_pks
        ).count()
        == 2
    )

    # Two papers vanish from the list: a full crawl marks them deleted and unfindable.
    fake_oparl.quirks.hidden = {p.split(fake_oparl.base, 1)[1] for p in gone}
    with django_capture_on_commit_callbacks(execute=True):
        run = run_import(endpoint, fetcher=fetcher, full=True)
    assert run.status == SyncStatus.SUCCEEDED
    assert set(
        OparlPaper.objects.filter(deleted=True, oparl_id__in=gone).values_list(
            "oparl_id", flat=True
        )
    ) == set(gone)
    assert run.stats["counts"]["gone_from_list"] == 2
    assert not SearchDocument.objects.filter(
        model_label="oparl.oparlpaper", object_id__in=gone_pks
    ).exists()

    # They come back: live again.
    fake_oparl.quirks.hidden = set()
    run_import(endpoint, fetcher=fetcher, full=True)
    assert not OparlPaper.objects.filter(oparl_id__in=gone, deleted=True).exists()

    # Most organisations vanish at once: nothing is deleted, the run and the page warn.
    organizations = fake_oparl.datasets["karlsruhe"].lists[ORGANIZATIONS]
    fake_oparl.quirks.hidden = {
        o["id"].split(fake_oparl.base, 1)[1] for o in organizations[: len(organizations) - 10]
    }
    run = run_import(endpoint, fetcher=fetcher, full=True)
    assert run.status == SyncStatus.SUCCEEDED
    assert not OparlOrganization.objects.filter(endpoint=endpoint, deleted=True).exists()
    stored = (
        RawObject.objects.filter(
            endpoint=endpoint, object_type="Organization", parent_id="", deleted=False
        )
        .exclude(parent_field=FETCHED)
        .count()
    )
    assert run.warnings == f"shrink organization {stored} 10"
    page = client.get(reverse("oparl:coverage")).content.decode()
    assert f"nur 10 von {stored} Objekten" in page
    detail = SyncRun.objects.get(pk=run.pk)
    assert detail.warnings
