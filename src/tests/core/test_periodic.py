from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from stadtgespraeche.core import periodic
from stadtgespraeche.core.jobs import clear_expired_sessions
from stadtgespraeche.core.models import PeriodicJobRun

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
    assert PeriodicJobRun.objects.get(name="test.ok").last_succeeded_at is not None


def test_run_due_skips_a_job_until_its_interval_has_passed(registry):
    periodic.run_due()

    assert periodic.run_due() == {"test.ok": "skipped"}
    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        assert periodic.run_due() == {"test.ok": "ok"}
    assert registry == ["ok", "ok"]


def test_run_due_with_force_runs_a_job_that_is_not_due(registry):
    periodic.run_due()

    assert periodic.run_due(force=True) == {"test.ok": "ok"}


def test_failing_job_is_recorded_and_does_not_stop_the_others(registry):
    def broken() -> None:
        raise RuntimeError("kaputt")

    periodic.register("test.broken", broken, every=timedelta(minutes=5))

    results = periodic.run_due()

    assert results == {"test.broken": "failed", "test.ok": "ok"}
    run = PeriodicJobRun.objects.get(name="test.broken")
    assert run.last_failed_at is not None
    assert run.last_succeeded_at is None
    assert periodic.run_due() == {"test.broken": "failed", "test.ok": "skipped"}


def test_runperiodic_command_lists_the_registered_jobs(capsys):
    call_command("runperiodic", "--list")

    assert "core.clear_expired_sessions" in capsys.readouterr().out


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
