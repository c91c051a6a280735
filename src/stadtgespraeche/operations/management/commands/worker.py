"""`stadtgespraeche worker`: runs the queued background tasks (e-mails and slow jobs).

The database worker of django-tasks-db under the project's name; see `--help` for its
options (`--batch` runs what is due and exits, `--max-tasks` restarts after N tasks).
Several workers may run against one database: each claims a task with a row lock.
Stop it with SIGTERM: it finishes the running task first. docs/operations.md.
"""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand


class Command(DatabaseWorkerCommand):
    help = (
        "Run the background worker: delivers e-mails and runs queued tasks "
        "(needs TASKS_BACKEND=django_tasks_db.DatabaseBackend, the default)."
    )
