"""`stadtgespraeche restore ARCHIVE`: the database and uploaded files from a backup."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from stadtgespraeche.operations.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore the database and the uploaded files from an archive of "
        "`stadtgespraeche backup` after checking its checksums (docs/operations.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="The .tar.gz archive (its .sha256 beside it).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that is not empty and the uploaded files.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        archive = Path(options["archive"])
        if not archive.is_file():
            raise CommandError(f"{archive} not found.")
        try:
            manifest = restore_backup(archive, force=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {manifest['database']} database and {len(manifest['files']) - 1} files "
            f"from the backup of {manifest['created_at']}."
        )
