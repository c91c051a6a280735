import threading
from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connections
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from stadtgespraeche.core import periodic
from stadtgespraeche.core.jobs import clear_expired_sessions
from stadtgespraeche.core.models import PeriodicJobRun
from stadtgespraeche.core.tasks import run_periodic_job

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(periodic, "_registry", {})
    calls = []
    periodic.register("test.ok", lambda: calls.append("ok"), every=timedelta(hours=1))
    return calls


def test_run_due_runs_a_new_job_and_records_success(registry):
    results = periodic.run_due()

    assert results == {"test.ok": "ok"}
    assert registry == ["ok"]
    run = PeriodicJobRun.objects.get(name="test.ok")
    assert run.last_succeeded_at is not None
    assert run.pending_since is None


def test_run_due_skips_a_job_until_its_interval_has_passed(registry):
    periodic.run_due()

    assert periodic.run_due() == {"test.ok": "skipped"}
    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        assert periodic.run_due() == {"test.ok": "ok"}
    assert registry == ["ok", "ok"]


def test_run_due_with_force_runs_a_job_that_is_not_due(registry):
    periodic.run_due()

    assert periodic.run_due(force=True) == {"test.ok": "ok"}


def test_run_due_only_runs_the_named_job(registry):
    periodic.register("test.other", lambda: registry.append("other"), every=timedelta(hours=1))

    assert periodic.run_due(only="test.other") == {"test.other": "ok"}
    assert registry == ["other"]


def test_failing_job_is_recorded_and_does_not_stop_the_others(registry):
    def broken() -> None:
        raise RuntimeError("kaputt")

    periodic.register("test.broken", broken, every=timedelta(minutes=5))

    results = periodic.run_due()

    assert results == {"test.broken": "failed", "test.ok": "ok"}
    run = PeriodicJobRun.objects.get(name="test.broken")
    assert run.last_failed_at is not None
    assert run.last_succeeded_at is None
    assert run.pending_since is None  # retried at the next call
    assert periodic.run_due() == {"test.broken": "failed", "test.ok": "skipped"}


def test_run_due_only_enqueues_with_the_database_queue(registry, database_tasks):
    assert periodic.run_due() == {"test.ok": "enqueued"}

    assert registry == []  # nothing ran inside runperiodic
    task = DBTaskResult.objects.get()
    assert task.task_path == "stadtgespraeche.core.tasks.run_periodic_job"
    assert task.args_kwargs["kwargs"]["name"] == "test.ok"
    assert PeriodicJobRun.objects.get(name="test.ok").pending_since is not None


def test_a_pending_job_is_not_enqueued_again_even_when_forced(registry, database_tasks):
    periodic.run_due()

    with time_machine.travel(timezone.now() + timedelta(minutes=59)):
        assert periodic.run_due() == {"test.ok": "skipped"}
        assert periodic.run_due(force=True) == {"test.ok": "skipped"}
    assert DBTaskResult.objects.count() == 1


def test_a_lost_claim_expires_and_the_job_is_enqueued_again(registry, database_tasks):
    periodic.run_due()
    first = DBTaskResult.objects.get()

    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        assert periodic.run_due() == {"test.ok": "enqueued"}
    second = DBTaskResult.objects.exclude(pk=first.pk).get()

    # The first task, run late, belongs to a claim that was taken over: it does nothing.
    kwargs = first.args_kwargs["kwargs"]
    assert periodic.run_claimed(kwargs["name"], _when(kwargs["claimed_at"])) == "skipped"
    kwargs = second.args_kwargs["kwargs"]
    assert periodic.run_claimed(kwargs["name"], _when(kwargs["claimed_at"])) == "ok"
    assert registry == ["ok"]


def _when(value: str):
    from datetime import datetime

    return datetime.fromisoformat(value)


def test_a_claim_runs_at_most_once_even_if_its_task_is_queued_again(registry, database_tasks):
    periodic.run_due()
    kwargs = DBTaskResult.objects.get().args_kwargs["kwargs"]
    PeriodicJobRun.objects.filter(name="test.ok").update(last_started_at=timezone.now())

    # As if requeue_abandoned_tasks queued the task again while its first run still works.
    assert run_periodic_job.call(**kwargs) == "skipped"
    assert registry == []


def test_a_task_of_an_unregistered_job_is_dropped(registry, caplog):
    assert run_periodic_job.call(name="gone.job", claimed_at=timezone.now().isoformat()) == (
        "skipped"
    )
    assert "not registered" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_two_enqueuers_at_once_enqueue_each_due_job_once(registry, database_tasks):
    """Four runperiodic calls racing: every due job is enqueued exactly once."""
    if connections["default"].vendor != "postgresql":
        pytest.skip(
            "the SQLite test database is in memory with a shared cache, which refuses a "
            "second writer instead of waiting; on SQLite the claim's UPDATE runs in an "
            "IMMEDIATE transaction, one writer at a time; concurrent runs are tested on "
            "PostgreSQL"
        )
    periodic.register("test.second", lambda: None, every=timedelta(minutes=5))
    for job in periodic.jobs():
        PeriodicJobRun.objects.create(name=job.name)
    barrier = threading.Barrier(4)
    outcomes: list[dict[str, str]] = []
    errors: list[BaseException] = []

    def enqueuer() -> None:
        try:
            barrier.wait()
            outcomes.append(periodic.run_due())
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=enqueuer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    for name in ("test.ok", "test.second"):
        assert sorted(outcome[name] for outcome in outcomes) == ["enqueued"] + ["skipped"] * 3
    tasks = DBTaskResult.objects.all()
    assert sorted(task.args_kwargs["kwargs"]["name"] for task in tasks) == [
        "test.ok",
        "test.second",
    ]


def test_runperiodic_command_lists_the_registered_jobs(capsys):
    call_command("runperiodic", "--list")

    assert "core.clear_expired_sessions" in capsys.readouterr().out


def test_runperiodic_command_reports_and_fails_on_a_failed_job(registry, capsys):
    periodic.register("test.broken", lambda: 1 / 0, every=timedelta(minutes=5))

    with pytest.raises(SystemExit):
        call_command("runperiodic")

    assert "test.broken: failed" in capsys.readouterr().out


def test_clear_expired_sessions_deletes_only_expired_ones():
    current = SessionStore()
    current.create()
    expired = SessionStore()
    expired.set_expiry(-10)
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - timedelta(days=1)
    )

    assert clear_expired_sessions() == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [current.session_key]
