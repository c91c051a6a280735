"""/health/live and /health/ready for load balancers and monitoring (docs/operations.md)."""

import datetime

import pytest
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from stadtgespraeche.core.mail import send_templated_mail
from stadtgespraeche.operations import health

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _fresh_migration_check(monkeypatch):
    monkeypatch.setattr(health, "_migrations_applied", False)


def test_live_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/live")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_ready_reports_every_check(client):
    response = client.get("/health/ready")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "migrations", "disk", "queue"}
    assert body["checks"]["migrations"] == {"ok": True, "unapplied": 0}
    assert body["checks"]["disk"]["free_mb"] > 0


def test_ready_is_503_with_unapplied_migrations(client, monkeypatch):
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("x", 1)])

    response = client.get("/health/ready")

    assert response.status_code == 503
    assert response.json()["status"] == "unready"
    assert response.json()["checks"]["migrations"] == {"ok": False, "unapplied": 1}


def test_ready_is_503_when_the_disk_is_nearly_full(client, settings):
    settings.HEALTH_MIN_FREE_DISK_MB = 10**12

    response = client.get("/health/ready")

    assert response.status_code == 503
    assert response.json()["checks"]["disk"]["ok"] is False


def test_ready_stays_200_but_degraded_when_the_queue_is_late(client, settings, database_tasks):
    send_templated_mail(
        to=["rat@example.org"],
        template="accounts/emails/password_reset",
        context={"user": None, "reset_url": "https://example.org/x"},
    )
    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(hours=1))

    response = client.get("/health/ready")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["queue"]["ok"] is False
    assert body["checks"]["queue"]["oldest_due_seconds"] >= 3600


def test_queue_age_of_a_deferred_retry_counts_from_its_due_time(database_tasks):
    send_templated_mail(
        to=["rat@example.org"],
        template="accounts/emails/password_reset",
        context={"user": None, "reset_url": "https://example.org/x"},
    )
    now = timezone.now()
    DBTaskResult.objects.update(
        enqueued_at=now - datetime.timedelta(hours=2),
        run_after=now - datetime.timedelta(seconds=30),
    )

    assert 25 <= health.queue().details["oldest_due_seconds"] <= 60


def test_health_is_exempt_from_the_https_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/health/live").status_code == 200
    assert client.get("/").status_code == 301
