"""`stadtgespraeche oparl_import`: add an endpoint and/or import council data."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from stadtgespraeche.oparl.client import Fetcher
from stadtgespraeche.oparl.enums import SyncStatus
from stadtgespraeche.oparl.exceptions import EndpointRefused, SyncBusy
from stadtgespraeche.oparl.models import Endpoint
from stadtgespraeche.oparl.services.endpoints import add_endpoint
from stadtgespraeche.oparl.services.importer import Progress
from stadtgespraeche.oparl.services.runs import request_sync, run_now

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Import council data from OParl endpoints (all, or the ones given)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("endpoints", nargs="*", type=int, help="endpoint ids (default: all)")
        parser.add_argument("--add", metavar="SYSTEM_URL", help="register this System first")
        parser.add_argument("--body", default="", metavar="BODY_URL", help="body to choose")
        parser.add_argument("--full", action="store_true", help="ignore modified_since")
        parser.add_argument("--max-connections", type=int, default=None)
        parser.add_argument("--timeout", type=float, default=30.0)
        parser.add_argument(
            "--background",
            action="store_true",
            help="queue the imports for the worker instead of running them here",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.tty = sys.stderr.isatty()
        endpoints = list(Endpoint.objects.filter(pk__in=options["endpoints"]))
        if options["endpoints"] and len(endpoints) != len(set(options["endpoints"])):
            raise CommandError("Unknown endpoint id.")
        with Fetcher(timeout=options["timeout"]) as fetcher:
            if options["add"]:
                existing = Endpoint.objects.filter(system_url=options["add"]).first()
                if existing is None:
                    try:
                        existing = add_endpoint(
                            system_url=options["add"], body_url=options["body"], fetcher=fetcher
                        )
                    except EndpointRefused as error:
                        raise CommandError(str(error)) from error
                    self.stdout.write(f"Added endpoint {existing.pk}: {existing}")
                endpoints.append(existing)
            if not options["endpoints"] and not options["add"]:
                endpoints = list(Endpoint.objects.all())
            failed = 0
            for endpoint in endpoints:
                if options["max_connections"]:
                    endpoint.max_connections = options["max_connections"]
                fetcher.max_per_host = endpoint.max_connections
                try:
                    if options["background"]:
                        queued = request_sync(endpoint, full=options["full"])
                        self.stdout.write(f"{endpoint}: queued as run {queued.pk}")
                        continue
                    run = run_now(
                        endpoint, full=options["full"], fetcher=fetcher, progress=self._progress
                    )
                except SyncBusy as error:
                    self.stdout.write(f"{endpoint}: {error}")
                    failed += 1
                    continue
                if self.tty:
                    sys.stderr.write("\n")
                counts = run.stats.get("counts", {})
                self.stdout.write(
                    f"{endpoint}: {run.status}, {counts.get('objects_seen', 0)} objects, "
                    f"{counts.get('raw_written', 0)} raw / {counts.get('typed_written', 0)} "
                    f"typed rows written, fixes {run.stats.get('fixes', {})}"
                )
                if run.error:
                    self.stdout.write(run.error)
                failed += run.status == SyncStatus.FAILED
        if failed:
            raise CommandError(f"{failed} endpoint(s) failed.")

    def _progress(self, progress: Progress) -> None:
        """A progress bar per list on a terminal (pages of the list), plain lines otherwise."""
        if not self.tty:
            sys.stderr.write(progress.line() + "\n")
            return
        if progress.phase == "lists" and progress.total_pages:
            done = min(progress.page, progress.total_pages)
            filled = BAR_WIDTH * done // progress.total_pages
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            text = (
                f"{progress.list_name:14} [{bar}] {done}/{progress.total_pages} pages, "
                f"{progress.objects_seen} objects, {progress.written} new or changed"
            )
        else:
            text = progress.line()
        sys.stderr.write("\r\033[K" + text[:150])
        sys.stderr.flush()
