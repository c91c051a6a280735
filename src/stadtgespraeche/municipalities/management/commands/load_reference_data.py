"""Load or update the reference data shipped with the directory app (idempotent)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from stadtgespraeche.municipalities.reference_data import (
    DATA_DIR,
    ReferenceDataError,
    load_reference_data,
)


class Command(BaseCommand):
    help = (
        "Load or update states, districts, municipalities, counties, Modellprojekte Smart "
        "Cities and parties from the shipped reference data. Safe to run repeatedly."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=DATA_DIR,
            help="Folder with the reference files (default: the data shipped in the package).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = load_reference_data(data_dir=options["data_dir"])
        except ReferenceDataError as error:
            raise CommandError(str(error)) from error
        for message in report.skipped:
            self.stderr.write(self.style.WARNING(f"Skipped: {message}"))
        labels = sorted(set(report.created) | set(report.updated) | set(report.deleted))
        for label in labels:
            line = f"{label}: {report.created[label]} created, {report.updated[label]} updated"
            if report.deleted[label]:
                line += f", {report.deleted[label]} removed"
            self.stdout.write(line)
        if report.changed:
            self.stdout.write(self.style.SUCCESS("Reference data loaded."))
        else:
            self.stdout.write(self.style.SUCCESS("Reference data already up to date."))
