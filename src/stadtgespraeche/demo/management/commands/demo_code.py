from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from stadtgespraeche.demo.loader import ORGANISER_EMAIL, current_demo_code


class Command(BaseCommand):
    help = "Print the current two-factor code of a demo account (demo installations only)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("email", nargs="?", default=ORGANISER_EMAIL)

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO:
            raise CommandError("Only available with STADTGESPRAECHE_DEMO=1.")
        code = current_demo_code(options["email"])
        if code is None:
            raise CommandError(
                f"{options['email']} is no demo account with two-factor authentication."
            )
        self.stdout.write(code)
