"""Cost of building one Stadtgespräch's .ics, with and without the shared VTIMEZONE.

Every .ics the platform writes (event download, series and personal feeds, the attachment of
confirmation and change e-mails) carries the Europe/Berlin VTIMEZONE. Building it from the
tz database walks every transition of its range; `events.calendar` now builds it once per
process and from 2020 instead of 1970. This script builds the same one-event calendar with
three VTIMEZONE variants, interleaved in rounds so that a busy machine affects all of them
alike, and prints the median and every round.

    python -m uv run --frozen python benchmarks/calendar_bench.py [--rounds 7] [--builds 100]

No database: the event is an unsaved model instance.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

REPO_DIR = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--builds", type=int, default=100, help=".ics builds per round")
    args = parser.parse_args()

    sys.path.insert(0, str(REPO_DIR / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stadtgespraeche.settings")
    os.environ.setdefault("STADTGESPRAECHE_DEMO", "1")
    import django

    django.setup()
    from icalendar import Timezone

    from stadtgespraeche.events import calendar
    from stadtgespraeche.events.models import Event

    berlin = ZoneInfo("Europe/Berlin")
    start = datetime(2027, 9, 21, 17, 0, tzinfo=berlin)
    event = Event(
        pk=1,
        number=12,
        slug="12-digitale-ratsarbeit",
        title="Digitale Ratsarbeit: hybride Sitzungen und offene Daten",
        description="Impulse aus Bamberg und Kaiserslautern, danach Austausch.",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        updated_at=start - timedelta(days=30),
    )
    recent = Timezone.from_tzinfo(berlin, first_date=date(2020, 1, 1), last_date=date(2040, 1, 1))
    full = Timezone.from_tzinfo(berlin)
    variants = {
        "rebuilt per file, 1970–2038 (before)": lambda: Timezone.from_tzinfo(berlin),
        "shared, 1970–2038": lambda: full,
        "shared, 2020–2040 (now)": lambda: recent,
    }
    times: dict[str, list[float]] = {name: [] for name in variants}
    sizes: dict[str, int] = {}
    for _ in range(args.rounds):
        for name, variant in variants.items():
            calendar._berlin_timezone = variant  # type: ignore[assignment]
            began = time.perf_counter()
            for _ in range(args.builds):
                data = calendar.event_calendar(event)
            times[name].append((time.perf_counter() - began) * 1000 / args.builds)
            sizes[name] = len(data)
    print(
        f"One-event .ics, {args.builds} builds per round, {args.rounds} rounds, load "
        f"{os.getloadavg()[0]:.1f}"
    )
    print("| VTIMEZONE | median ms per .ics | every round | size |")
    print("|---|--:|---|--:|")
    for name, values in times.items():
        rounds = ", ".join(f"{value:.2f}" for value in values)
        print(f"| {name} | {statistics.median(values):.2f} | {rounds} | {sizes[name]:,} B |")


if __name__ == "__main__":
    main()
