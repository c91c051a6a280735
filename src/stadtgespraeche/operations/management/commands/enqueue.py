"""`stadtgespraeche enqueue TASK [--kwargs JSON]`: queue one background task by its path.

For jobs an operator starts by hand that belong in the worker rather than the terminal,
e.g. a full search rebuild after an upgrade (docs/operations.md):

    stadtgespraeche enqueue stadtgespraeche.search.tasks.reindex --kwargs '{"restart": true}'
"""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.tasks import Task
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Queue one background task (dotted path of a django.tasks task) for the worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("task", help="e.g. stadtgespraeche.search.tasks.reindex")
        parser.add_argument("--kwargs", default="{}", help="keyword arguments as a JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            task = import_string(options["task"])
        except ImportError as error:
            raise CommandError(f"No such task: {options['task']}") from error
        if not isinstance(task, Task):
            raise CommandError(f"{options['task']} is not a background task")
        try:
            kwargs = json.loads(options["kwargs"])
        except json.JSONDecodeError as error:
            raise CommandError(f"--kwargs is not valid JSON: {error}") from error
        if not isinstance(kwargs, dict):
            raise CommandError("--kwargs must be a JSON object")
        result = task.enqueue(**kwargs)
        self.stdout.write(f"{options['task']}: {result.status.lower()} (id {result.id})")
