"""The daily job that gives SQLite's planner its statistics (core.jobs.refresh_query_statistics)."""

from datetime import timedelta

import pytest
from django.db import connection

from stadtgespraeche.core import periodic
from stadtgespraeche.core.jobs import refresh_query_statistics
from tests.factories.accounts import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_job_is_registered_daily():
    [job] = [job for job in periodic.jobs() if job.name == "core.refresh_query_statistics"]
    assert job.every == timedelta(days=1)


def test_sqlite_gets_statistics_for_the_directory_tables():
    UserFactory.create_batch(3)
    analysed = refresh_query_statistics()

    if connection.vendor != "sqlite":
        assert analysed == 0  # PostgreSQL's autovacuum keeps its own statistics
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT idx FROM sqlite_stat1 WHERE tbl = 'accounts_user'")
        indexes = {row[0] for row in cursor.fetchall()}
    assert analysed > 0
    assert "accounts_user_name_idx" in indexes
