"""Erase the accounts whose deletion grace period is over. Run daily (cron/systemd timer);
running it more often or twice is harmless."""

from typing import Any

from django.core.management.base import BaseCommand

from stadtgespraeche.accounts.services import process_due_deletions


class Command(BaseCommand):
    help = "Carry out account deletions whose grace period is over (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = process_due_deletions()
        self.stdout.write(f"{count} account deletion(s) carried out.")
