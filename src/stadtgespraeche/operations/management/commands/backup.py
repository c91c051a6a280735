"""`stadtgespraeche backup`: database and uploaded files into one dated, checksummed archive."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from stadtgespraeche.operations.backups import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write a dated archive of the database and the uploaded files, with a SHA-256 "
        "checksum beside it (docs/operations.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output-dir",
            default=settings.BACKUP_DIR,
            help="Directory for the archive (default: BACKUP_DIR, %(default)s).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            backup = create_backup(Path(options["output_dir"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{backup.archive} ({backup.files} files, sha256 {backup.checksum})")
