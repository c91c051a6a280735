from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from stadtgespraeche.demo.loader import DEMO_PASSWORD, ReferenceDataMissing, load_demo


class Command(BaseCommand):
    help = (
        "Load the demo content (series, memberships, fictional people, three logins). "
        "Idempotent. Requires the reference data and STADTGESPRAECHE_DEMO=1."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even though STADTGESPRAECHE_DEMO is off (never on a real installation).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not (settings.DEMO or options["force"]):
            raise CommandError(
                "Demo content is only loaded with STADTGESPRAECHE_DEMO=1 (or --force): "
                "it creates accounts with a published password."
            )
        try:
            result = load_demo()
        except ReferenceDataMissing as exc:
            raise CommandError(
                "The reference data is missing (Kaiserslautern, Bamberg or the Verband Region "
                "Rhein-Neckar not found). Run `stadtgespraeche load_reference_data` first."
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(f"Demo content loaded ({result.created_users} new demo accounts).")
        )
        # The search index (search app): rebuilt so that the demo content is findable.
        call_command("reindex", "--restart", stdout=self.stdout)
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        width = max(len(login.role) for login in result.logins)
        for login in result.logins:
            note = f"  ({login.note})" if login.note else ""
            self.stdout.write(f"  {login.role.ljust(width)}  {login.email}{note}")
        self.stdout.write(f"Log in at {settings.SITE_URL}{reverse('accounts:login')}")
