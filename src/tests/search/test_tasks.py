"""The search rebuild as a background task (search/tasks.py)."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.search import tasks
from stadtgespraeche.search.models import SearchDocument
from tests.factories.events import EventFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_reindex_task_rebuilds_the_index_and_releases_its_lock():
    EventFactory(title="Offene Daten", status=EventStatus.PUBLISHED)

    result = tasks.reindex.enqueue(restart=True)

    assert result.return_value == "Search index is up to date."
    assert SearchDocument.objects.filter(model_label="events.event", title="Offene Daten").exists()
    assert cache.get(tasks.LOCK_KEY) is None


def test_reindex_task_rebuilds_only_the_named_content_types():
    EventFactory(title="Offene Daten", status=EventStatus.PUBLISHED)

    tasks.reindex.enqueue(restart=True, only=["municipalities.municipality"])

    assert not SearchDocument.objects.filter(model_label="events.event").exists()


def test_a_second_reindex_task_while_one_runs_does_nothing():
    EventFactory(title="Offene Daten", status=EventStatus.PUBLISHED)
    cache.add(tasks.LOCK_KEY, 1)

    result = tasks.reindex.enqueue(restart=True)

    assert result.return_value.startswith("skipped")
    assert not SearchDocument.objects.exists()
    assert cache.get(tasks.LOCK_KEY) == 1  # the running rebuild keeps its lock


def test_reindex_task_releases_its_lock_when_the_rebuild_fails(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("index unreachable")

    monkeypatch.setattr(tasks, "call_command", broken)

    result = tasks.reindex.enqueue()

    assert result.status == "FAILED"
    assert cache.get(tasks.LOCK_KEY) is None


def test_enqueue_command_queues_the_rebuild_for_the_worker(database_tasks, capsys):
    call_command("enqueue", "stadtgespraeche.search.tasks.reindex", "--kwargs", '{"restart": true}')

    task = DBTaskResult.objects.get()
    assert task.task_path == "stadtgespraeche.search.tasks.reindex"
    assert task.args_kwargs["kwargs"] == {"restart": True}
    assert "stadtgespraeche.search.tasks.reindex: ready" in capsys.readouterr().out
