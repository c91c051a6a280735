"""The importer against the local fake server with both recorded crawls."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stadtgespraeche.oparl.enums import SyncStatus, Vendor
from stadtgespraeche.oparl.models import (
    TYPED_MODELS,
    Endpoint,
    ListState,
    OparlAgendaItem,
    OparlBody,
    OparlConsultation,
    OparlFile,
    OparlMeeting,
    OparlMembership,
    OparlOrganization,
    OparlPaper,
    OparlPerson,
    RawObject,
)
from stadtgespraeche.oparl.services.importer import run_import

pytestmark = pytest.mark.django_db


def _endpoint(server, which):
    if which == "huertgenwald":
        return Endpoint.objects.create(
            system_url=server.huertgenwald_system,
            body_url=f"{server.base}/huertgenwald/oparl/v1.0/body/1",
            vendor=Vendor.STERNBERG,
        )
    return Endpoint.objects.create(
        system_url=server.karlsruhe_system,
        body_url=f"{server.base}/karlsruhe/oparl/bodies/0001",
        vendor=Vendor.SOMACOS,
    )


def _writes(queries):
    return [
        q["sql"]
        for q in queries
        if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))
        and any(f'"oparl_{name}' in q["sql"] for name in ("raw", "oparl"))
    ]


def _counts(endpoint):
    return {
        name: (
            model.objects.filter(endpoint=endpoint, deleted=False, is_placeholder=False).count(),
            model.objects.filter(endpoint=endpoint, deleted=True).count(),
            model.objects.filter(endpoint=endpoint, is_placeholder=True).count(),
        )
        for name, model in TYPED_MODELS.items()
    }


def test_huertgenwald_full_import(fake_oparl, fetcher):
    endpoint = _endpoint(fake_oparl, "huertgenwald")
    run = run_import(endpoint, fetcher=fetcher)

    assert run.status == SyncStatus.SUCCEEDED, run.error
    assert run.error == ""
    counts = _counts(endpoint)
    # OPARL.md section 8 / SOURCES.md: live, deleted, placeholders
    assert counts["Organization"] == (22, 0, 0)
    assert counts["Person"] == (49, 0, 0)
    assert counts["Membership"] == (533, 0, 0)
    assert counts["Meeting"] == (346, 21, 0)
    assert counts["AgendaItem"] == (5106, 0, 0)
    assert counts["Paper"] == (2097, 18, 0)
    assert counts["Consultation"] == (2228, 0, 0)
    assert counts["File"] == (6947, 0, 0)
    assert counts["Location"] == (5, 0, 0)
    assert counts["Body"] == (1, 0, 0)
    assert run.stats["fixes"]["type_inferred"] == 39
    assert run.stats["fixes"]["ags_repaired"] == 1

    endpoint.refresh_from_db()
    assert endpoint.body_name == "Gemeinde Hürtgenwald"
    assert endpoint.body_ags == "05358016"
    assert endpoint.oparl_version == "1.0"
    assert endpoint.last_success_started == run.started_at
    body = OparlBody.objects.get(endpoint=endpoint)
    assert body.ags == "05358016"

    paper = OparlPaper.objects.get(endpoint=endpoint, oparl_id__endswith="/body/1/paper/990")
    assert paper.reference == "40/2008"
    assert paper.date == dt.date(2008, 4, 17)
    assert paper.paper_type == "Beschlussvorlage"
    assert paper.body == body
    consultation = OparlConsultation.objects.get(paper=paper)
    assert consultation.meeting is not None
    assert consultation.meeting.oparl_id.endswith("/meeting/389")
    assert consultation.agenda_item.oparl_id.endswith("/agendaitem/3976")
    main_file = OparlFile.objects.get(endpoint=endpoint, oparl_id__endswith="/file/1-4966")
    assert main_file.parent_oparl_id == paper.oparl_id
    assert main_file.parent_field == "mainFile"
    assert main_file.mime_type == "application/pdf"

    memberships = OparlMembership.objects.filter(endpoint=endpoint)
    assert not memberships.filter(person=None).exists()
    assert not memberships.filter(organization=None).exists()
    meeting = OparlMeeting.objects.filter(endpoint=endpoint, deleted=False).first()
    assert meeting.body == body
    assert OparlAgendaItem.objects.filter(meeting=meeting).exists()
    assert OparlPerson.objects.get(
        endpoint=endpoint, oparl_id=memberships.first().person.oparl_id
    ).name
    assert ListState.objects.filter(endpoint=endpoint, complete=True).count() == 4
    assert not RawObject.objects.filter(endpoint=endpoint, needs_import=True).exists()


def test_second_run_writes_nothing(fake_oparl, fetcher):
    endpoint = _endpoint(fake_oparl, "huertgenwald")
    with CaptureQueriesContext(connection) as first:
        run_import(endpoint, fetcher=fetcher)
    assert len(_writes(first.captured_queries)) > 50  # the filter sees the bulk writes
    endpoint.refresh_from_db()

    with CaptureQueriesContext(connection) as incremental:
        run = run_import(endpoint, fetcher=fetcher)
    assert run.status == SyncStatus.SUCCEEDED
    assert run.modified_since is not None
    assert _writes(incremental.captured_queries) == []
    assert run.stats["counts"].get("raw_written", 0) == 0
    assert run.stats["counts"].get("typed_written", 0) == 0
    # the crawl is from 2021: every filtered list is empty, which Sternberg says with a 404
    assert run.stats["fixes"]["404_as_empty_list"] == 4
    assert any("modified_since=" in r for r in fake_oparl.requests)

    with CaptureQueriesContext(connection) as full:
        run = run_import(endpoint, fetcher=fetcher, full=True)
    assert run.status == SyncStatus.SUCCEEDED
    assert run.stats["counts"]["objects_seen"] == 17374
    assert _writes(full.captured_queries) == []


def test_changed_object_is_rewritten_alone(fake_oparl, fetcher):
    endpoint = _endpoint(fake_oparl, "huertgenwald")
    run_import(endpoint, fetcher=fetcher)
    dataset = fake_oparl.datasets["huertgenwald"]
    papers = dataset.lists["/huertgenwald/oparl/v1.0/body/1/paper"]
    original = papers[0]
    papers[0] = {**original, "name": "Digitalisierungskonzept (geändert)"}
    try:
        run = run_import(endpoint, fetcher=fetcher, full=True)
    finally:
        papers[0] = original
    assert run.stats["counts"]["raw_written"] == 2  # stored, then marked as imported
    assert run.stats["counts"]["typed_written"] == 1
    paper = OparlPaper.objects.get(endpoint=endpoint, oparl_id=original["id"])
    assert paper.name == "Digitalisierungskonzept (geändert)"


def test_karlsruhe_import_with_placeholders(fake_oparl, fetcher):
    endpoint = _endpoint(fake_oparl, "karlsruhe")
    run = run_import(endpoint, fetcher=fetcher)

    assert run.status == SyncStatus.SUCCEEDED, run.error
    counts = _counts(endpoint)
    assert counts["Organization"][0] == 97
    assert counts["Meeting"][0] == 173
    assert counts["AgendaItem"][0] == 1789
    assert counts["Paper"] == (1145, 0, 0)  # a full list leaves out the tombstones
    assert counts["Consultation"][0] == 1386
    assert counts["File"][0] == 3814
    assert counts["Location"][0] == 190
    # consultations point to meetings of other years: placeholders, never a failure
    assert counts["Meeting"][2] == 15
    assert counts["AgendaItem"][2] > 0
    assert (
        OparlMeeting.objects.filter(endpoint=endpoint, is_placeholder=True, name="").count() == 15
    )
    endpoint.refresh_from_db()
    assert endpoint.oparl_version == "1.1"
    item = OparlAgendaItem.objects.filter(endpoint=endpoint, is_placeholder=False).first()
    assert item.public is True
    assert item.order is not None
    assert OparlConsultation.objects.filter(endpoint=endpoint).exclude(role="").exists()
    assert OparlOrganization.objects.get(
        endpoint=endpoint, oparl_id__endswith="at/883022"
    ).name == ("Behindertenbeauftragte")


def test_karlsruhe_incremental_sync_uses_raw_query_and_applies_tombstones(fake_oparl, fetcher):
    endpoint = _endpoint(fake_oparl, "karlsruhe")
    run_import(endpoint, fetcher=fetcher)
    endpoint.refresh_from_db()
    endpoint.last_success_started = dt.datetime(2025, 11, 21, tzinfo=dt.UTC)
    endpoint.save()
    dataset = fake_oparl.datasets["karlsruhe"]
    papers = dataset.lists["/karlsruhe/oparl/bodies/0001/papers"]
    live = next(p for p in papers if not p.get("deleted"))
    index = papers.index(live)
    papers[index] = {
        "id": live["id"],
        "type": live["type"],
        "created": live["created"],
        "modified": "2026-12-01T10:00:00+01:00",
        "deleted": True,
        "name": "",
    }
    fake_oparl.requests.clear()
    try:
        run = run_import(endpoint, fetcher=fetcher)
    finally:
        papers[index] = live

    assert run.status == SyncStatus.SUCCEEDED, run.error
    assert run.modified_since == dt.datetime(2025, 11, 20, tzinfo=dt.UTC)
    filtered = [r for r in fake_oparl.requests if "modified_since=" in r]
    assert filtered
    assert all("%" not in r for r in filtered)  # Somacos refuses encoded values
    assert all("modified_since=2025-11-20T00:00:00+00:00" in r for r in filtered)
    # the 1.1 lists are read in incremental runs: the 15 standalone consultations arrive
    assert any("/consultations" in r for r in filtered)
    paper = OparlPaper.objects.get(endpoint=endpoint, oparl_id=live["id"])
    assert paper.deleted is True
    # tombstones of papers never seen before are kept as deleted rows
    since = dt.datetime(2025, 11, 20, tzinfo=dt.UTC)
    tombstones = [
        p for p in papers if p.get("deleted") and dt.datetime.fromisoformat(p["modified"]) >= since
    ]
    assert len(tombstones) > 100
    assert OparlPaper.objects.filter(endpoint=endpoint, deleted=True).count() == 1 + len(tombstones)
    live_papers = OparlPaper.objects.filter(endpoint=endpoint, deleted=False, is_placeholder=False)
    assert live_papers.count() == 1144


def test_flaky_server_is_retried_and_broken_json_repaired(fake_oparl, fetcher):
    endpoint = _endpoint(fake_oparl, "huertgenwald")
    fake_oparl.quirks.flaky["/huertgenwald/oparl/v1.0/body/1/organization"] = 2
    fake_oparl.quirks.broken_json.add("/huertgenwald/oparl/v1.0/body/1/person")
    run = run_import(endpoint, fetcher=fetcher)

    assert run.status == SyncStatus.SUCCEEDED, run.error
    assert run.stats["counts"]["retries"] == 2
    assert run.stats["fixes"]["invalid_json_repaired"] == 1
    assert OparlOrganization.objects.filter(endpoint=endpoint).count() == 22
    assert OparlPerson.objects.filter(endpoint=endpoint).count() == 49


def test_failing_list_does_not_abort_the_body_and_resumes(fake_oparl, fetcher):
    endpoint = _endpoint(fake_oparl, "huertgenwald")
    paper_list = "/huertgenwald/oparl/v1.0/body/1/paper"
    fake_oparl.quirks.garbage.add(paper_list)  # page 1 of the papers is not JSON
    run = run_import(endpoint, fetcher=fetcher)

    assert run.status == SyncStatus.SUCCEEDED
    assert "paper" in run.error
    assert OparlPaper.objects.filter(endpoint=endpoint).count() == 0
    assert OparlMeeting.objects.filter(endpoint=endpoint).count() == 367
    endpoint.refresh_from_db()
    assert endpoint.last_success_started is None  # so the next run crawls everything again

    fake_oparl.quirks.garbage.clear()
    run = run_import(endpoint, fetcher=fetcher)
    assert run.error == ""
    assert OparlPaper.objects.filter(endpoint=endpoint).count() == 2115


def test_interrupted_list_resumes_at_its_checkpoint(fake_oparl, fetcher):
    endpoint = _endpoint(fake_oparl, "huertgenwald")
    paper_list = "/huertgenwald/oparl/v1.0/body/1/paper"
    run_import(endpoint, fetcher=fetcher)
    state = ListState.objects.get(endpoint=endpoint, name="paper")
    # an earlier run died after page 10: the list stands at page 11
    state.complete = False
    state.next_url = f"{fake_oparl.base}{paper_list}?page=11"
    state.save()
    fake_oparl.requests.clear()

    run = run_import(endpoint, fetcher=fetcher, full=True)
    paper_requests = [r for r in fake_oparl.requests if r.startswith(paper_list)]
    assert paper_requests[0] == f"{paper_list}?page=11"
    assert len(paper_requests) == 75
    assert run.status == SyncStatus.SUCCEEDED
    state.refresh_from_db()
    assert state.complete is True
    assert state.next_url == ""


def test_system_that_cannot_be_read_fails_the_run(fake_oparl, fetcher):
    endpoint = Endpoint.objects.create(system_url=f"{fake_oparl.base}/nowhere/system")
    run = run_import(endpoint, fetcher=fetcher)
    assert run.status == SyncStatus.FAILED
    assert "404" in run.error
    assert run.finished_at is not None
    assert not RawObject.objects.filter(endpoint=endpoint).exists()


def test_unknown_body_fails_the_run(fake_oparl, fetcher):
    endpoint = Endpoint.objects.create(
        system_url=fake_oparl.huertgenwald_system, body_url="https://elsewhere/body/9"
    )
    run = run_import(endpoint, fetcher=fetcher)
    assert run.status == SyncStatus.FAILED
    assert "not in the System's body list" in run.error


def test_unexpected_error_is_recorded_on_the_run_and_raised(fake_oparl, fetcher, monkeypatch):
    from stadtgespraeche.oparl.models import SyncRun
    from stadtgespraeche.oparl.services import importer

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importer, "import_pending", broken)
    endpoint = _endpoint(fake_oparl, "karlsruhe")
    with pytest.raises(RuntimeError, match="disk full"):
        run_import(endpoint, fetcher=fetcher)
    run = SyncRun.objects.get(endpoint=endpoint)
    assert run.status == SyncStatus.FAILED
    assert run.error.startswith("RuntimeError: disk full")
    assert run.finished_at is not None
    endpoint.refresh_from_db()
    assert endpoint.last_success_started is None
