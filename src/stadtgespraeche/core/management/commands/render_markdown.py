from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from stadtgespraeche.core import markdown


class Command(BaseCommand):
    help = (
        "Render the stored HTML of Markdown fields whose rows an older renderer version "
        f"produced (now version {markdown.RENDERER_VERSION}); with --all every row."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="Render every row, stale or not.")
        parser.add_argument("--batch-size", type=int, default=500, help="Rows per transaction.")

    def handle(self, *args: Any, **options: Any) -> None:
        for model in markdown.stored_markdown_models():
            rendered = markdown.render_stored(
                model, everything=options["all"], batch_size=options["batch_size"]
            )
            self.stdout.write(f"{model._meta.label}: {rendered} rendered")
