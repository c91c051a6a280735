import pytest
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_enqueue_queues_a_task_with_its_arguments(database_tasks, capsys):
    call_command(
        "enqueue", "stadtgespraeche.core.tasks.run_periodic_job", "--kwargs",
        '{"name": "core.prune_task_results", "claimed_at": "2026-12-01T00:00:00+00:00"}',
    )  # fmt: skip

    task = DBTaskResult.objects.get()
    assert task.args_kwargs["kwargs"]["name"] == "core.prune_task_results"
    assert f"(id {task.id})" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("path", "kwargs", "message"),
    [
        ("stadtgespraeche.nowhere.task", "{}", "No such task"),
        ("stadtgespraeche.core.periodic.run_due", "{}", "is not a background task"),
        ("stadtgespraeche.core.tasks.run_periodic_job", "{name", "not valid JSON"),
        ("stadtgespraeche.core.tasks.run_periodic_job", "[1]", "must be a JSON object"),
    ],
)
def test_enqueue_refuses_what_it_cannot_queue(database_tasks, path, kwargs, message):
    with pytest.raises(CommandError, match=message):
        call_command("enqueue", path, "--kwargs", kwargs)

    assert not DBTaskResult.objects.exists()
