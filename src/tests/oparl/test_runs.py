"""Starting imports: one queued or running run per endpoint, the task, stale runs."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from stadtgespraeche.core import periodic
from stadtgespraeche.oparl.enums import SyncStatus, Vendor
from stadtgespraeche.oparl.exceptions import SyncBusy
from stadtgespraeche.oparl.models import Endpoint, OparlPaper, SyncRun
from stadtgespraeche.oparl.services import runs
from stadtgespraeche.oparl.tasks import import_endpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def endpoint():
    return Endpoint.objects.create(system_url="https://rat.example/system", body_name="Rat")


def test_request_sync_queues_a_run_and_its_task(endpoint, database_tasks):
    run = runs.request_sync(endpoint, full=True)

    assert (run.status, run.full) == (SyncStatus.QUEUED, True)
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["kwargs"] == {"run_id": run.pk}
    assert runs.active_run(endpoint) == run


def test_a_second_request_while_one_is_queued_or_running_is_refused(endpoint, database_tasks):
    first = runs.request_sync(endpoint)
    with pytest.raises(SyncBusy) as refused:
        runs.request_sync(endpoint)
    assert refused.value.run_id == first.pk
    SyncRun.objects.filter(pk=first.pk).update(
        status=SyncStatus.RUNNING, heartbeat_at=timezone.now()
    )
    with pytest.raises(SyncBusy):
        runs.reserve(endpoint)
    assert SyncRun.objects.count() == 1
    assert DBTaskResult.objects.count() == 1


def test_the_database_itself_refuses_two_active_runs(endpoint):
    SyncRun.objects.create(endpoint=endpoint, started_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        SyncRun.objects.create(
            endpoint=endpoint, started_at=timezone.now(), status=SyncStatus.QUEUED
        )
    # finished runs do not count
    SyncRun.objects.update(status=SyncStatus.SUCCEEDED)
    SyncRun.objects.create(endpoint=endpoint, started_at=timezone.now(), status=SyncStatus.QUEUED)


def test_a_run_without_sign_of_life_is_released(endpoint, database_tasks):
    old = timezone.now() - runs.STALE_AFTER - dt.timedelta(minutes=1)
    stale = SyncRun.objects.create(
        endpoint=endpoint, started_at=old, heartbeat_at=old, status=SyncStatus.RUNNING
    )

    run = runs.request_sync(endpoint)

    stale.refresh_from_db()
    assert stale.status == SyncStatus.FAILED
    assert "Abandoned" in stale.error
    assert run.status == SyncStatus.QUEUED


def test_a_recent_run_is_not_released(endpoint):
    SyncRun.objects.create(
        endpoint=endpoint,
        started_at=timezone.now() - dt.timedelta(hours=2),
        heartbeat_at=timezone.now() - dt.timedelta(minutes=5),
    )
    assert runs.release_stale(endpoint) == 0


def test_execute_skips_what_is_not_queued(endpoint):
    run = SyncRun.objects.create(
        endpoint=endpoint, started_at=timezone.now(), status=SyncStatus.SUCCEEDED
    )
    assert runs.execute(run.pk) == "skipped (succeeded)"
    assert runs.execute(run.pk + 1000) == "gone"
    run.refresh_from_db()
    assert run.status == SyncStatus.SUCCEEDED


def test_task_imports_the_queued_run_with_progress(fake_oparl):
    endpoint = Endpoint.objects.create(
        system_url=fake_oparl.karlsruhe_system, vendor=Vendor.SOMACOS
    )
    run = runs.reserve(endpoint)

    result = import_endpoint.call(run_id=run.pk)

    assert result == SyncStatus.SUCCEEDED
    run.refresh_from_db()
    assert run.status == SyncStatus.SUCCEEDED
    assert run.progress["phase"] == "done"
    assert run.progress["objects_seen"] == run.stats["counts"]["objects_seen"]
    assert OparlPaper.objects.filter(endpoint=endpoint, is_placeholder=False).count() == 1145
    assert runs.active_run(endpoint) is None


def test_periodic_sync_queues_every_endpoint_not_under_way(database_tasks):
    quiet = Endpoint.objects.create(system_url="https://a.example/system")
    busy = Endpoint.objects.create(system_url="https://b.example/system")
    SyncRun.objects.create(endpoint=busy, started_at=timezone.now(), heartbeat_at=timezone.now())

    # runperiodic only enqueues the job; the worker then runs it (core.tasks.run_periodic_job).
    assert periodic.run_due(only="oparl.sync") == {"oparl.sync": "enqueued"}
    job = DBTaskResult.objects.get()
    claimed_at = dt.datetime.fromisoformat(job.args_kwargs["kwargs"]["claimed_at"])
    job.delete()

    assert periodic.run_claimed("oparl.sync", claimed_at) == "ok"

    queued = SyncRun.objects.get(status=SyncStatus.QUEUED)
    assert queued.endpoint == quiet
    assert SyncRun.objects.filter(endpoint=busy).count() == 1
    assert DBTaskResult.objects.get().task_path.endswith("import_endpoint")


def test_command_queues_in_the_background(endpoint, database_tasks, capsys):
    call_command("oparl_import", str(endpoint.pk), "--background")
    assert "queued as run" in capsys.readouterr().out
    assert SyncRun.objects.get().status == SyncStatus.QUEUED
    with pytest.raises(Exception, match="1 endpoint"):
        call_command("oparl_import", str(endpoint.pk))
    assert "already queued or running" in capsys.readouterr().out


def test_progress_line_and_bar(capsys, monkeypatch):
    from stadtgespraeche.oparl.management.commands.oparl_import import Command
    from stadtgespraeche.oparl.services.importer import Progress

    command = Command()
    command.tty = True
    command._progress(
        Progress(list_name="paper", page=21, total_pages=84, objects_seen=500, written=7)
    )
    err = capsys.readouterr().err
    assert "[#######-----------------------] 21/84 pages" in err
    command.tty = False
    command._progress(Progress(phase="typed", objects_seen=500, written=7))
    assert capsys.readouterr().err == "typed import … (500 objects, 7 new or changed)\n"
