from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from stadtgespraeche.core import periodic


class Command(BaseCommand):
    help = "Run the periodic jobs that are due (call every few minutes from cron or a timer)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="Run all jobs, due or not.")
        parser.add_argument("--job", help="Run only the job with this name.")
        parser.add_argument("--list", action="store_true", help="List the registered jobs.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            for job in periodic.jobs():
                self.stdout.write(f"{job.name}  every {job.every}")
            return
        results = periodic.run_due(force=options["force"], only=options["job"])
        for name, outcome in results.items():
            self.stdout.write(f"{name}: {outcome}")
        if "failed" in results.values():
            raise SystemExit(1)
