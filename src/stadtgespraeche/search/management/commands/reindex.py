"""Rebuild the search index from the content, provider by provider, resumably.

Progress (last primary key per provider) is stored in ReindexProgress after every batch, so
an interrupted run continues where it stopped; `--restart` starts again from the beginning.
On a terminal it draws a progress bar, otherwise it prints plain progress lines.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from stadtgespraeche.search import german, queries, services
from stadtgespraeche.search.models import ReindexProgress, SearchDocument
from stadtgespraeche.search.providers import Provider, all_providers

BATCH = 500
BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Rebuild the search index (resumable; --restart starts from the beginning)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--restart", action="store_true", help="Forget progress, start over.")
        parser.add_argument(
            "--only", action="append", default=[], metavar="LABEL", help="e.g. events.event"
        )
        parser.add_argument("--batch", type=int, default=BATCH)

    def handle(self, *args: Any, **options: Any) -> None:
        providers = all_providers()
        if options["only"]:
            known = {provider.model_label for provider in providers}
            unknown = set(options["only"]) - known
            if unknown:
                raise CommandError(f"Unknown content types: {', '.join(sorted(unknown))}")
            providers = [p for p in providers if p.model_label in options["only"]]
        labels = [provider.model_label for provider in providers]
        if options["restart"]:
            ReindexProgress.objects.filter(model_label__in=labels).delete()
        self.tty = self.stdout.isatty()
        for provider in providers:
            self._reindex(provider, batch=options["batch"])
        if options["restart"] and not options["only"]:
            # Every document was rewritten with the current German normalisation.
            services.record_normalisation()
        elif queries.index_normalisation() not in (None, german.NORMALISATION_VERSION):
            self.stdout.write(
                self.style.WARNING(
                    "The index was built with an older German normalisation: "
                    "run `reindex --restart` to rebuild every document."
                )
            )
            return
        self.stdout.write(self.style.SUCCESS("Search index is up to date."))

    def _reindex(self, provider: Provider, *, batch: int) -> None:
        label = provider.model_label
        progress, _ = ReindexProgress.objects.get_or_create(model_label=label)
        if progress.done:
            self.stdout.write(f"{label}: already done (use --restart to rebuild)")
            return
        objects = provider.queryset().order_by("pk")
        total = objects.count()
        done = objects.filter(pk__lte=progress.last_pk).count()
        if progress.last_pk:
            self.stdout.write(f"{label}: resuming after id {progress.last_pk}")
        documents = 0
        while True:
            chunk = list(objects.filter(pk__gt=progress.last_pk)[:batch])
            if not chunk:
                break
            documents += services.index_objects(provider, chunk)
            progress.last_pk = chunk[-1].pk
            progress.save(update_fields=["last_pk", "updated_at"])
            done += len(chunk)
            self._progress(label, done, total)
        # Objects deleted since their last indexing: drop their documents.
        existing = set(objects.values_list("pk", flat=True))
        stale = [
            pk
            for pk in SearchDocument.objects.filter(model_label=label)
            .values_list("object_id", flat=True)
            .distinct()
            if pk not in existing
        ]
        for pk in stale:
            services.remove_object(label, pk)
        progress.done = True
        progress.save(update_fields=["done", "updated_at"])
        if self.tty:
            self.stdout.write("")
        self.stdout.write(f"{label}: {done} objects, {documents} documents written")

    def _progress(self, label: str, done: int, total: int) -> None:
        if self.tty:
            filled = BAR_WIDTH * done // max(total, 1)
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            self.stdout.write(f"\r{label:28} [{bar}] {done}/{total}", ending="")
            self.stdout.flush()
        else:
            self.stdout.write(f"{label}: {done}/{total}")
