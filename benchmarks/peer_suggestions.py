"""Benchmark of the peer suggestions ("Gesprächspartner:innen", issue 3 section 3).

Generates a network of councillor profiles (default 200,000 in the first 11,000 towns of the
real reference data, fixed seed, bulk_create) into a separate database, then computes the
suggestions of ~50 persons through the real function (contacts.suggestions.peer_suggestions)
and prints p50/p95 latency and SQL queries per person. See benchmarks/PEER_SUGGESTIONS.md.

    python -m uv run --frozen python benchmarks/peer_suggestions.py            # SQLite
    scripts/with-postgres.sh \
        python -m uv run --frozen python benchmarks/peer_suggestions.py --postgres

The SQLite file (benchmarks/results/peer_suggestions/stadtgespraeche.sqlite3) is kept between
runs; --fresh regenerates it.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parents[1]
RESULTS_DIR = REPO_DIR / "benchmarks" / "results" / "peer_suggestions"
SEED = 20261125
BATCH = 5_000
UNUSABLE_PASSWORD = "!benchmark"  # noqa: S105 - not a hash: nobody can log in with it

FIRST_NAMES = ["Anna", "Ben", "Clara", "David", "Elif", "Felix", "Greta", "Hannes", "Ida", "Jonas"]
LAST_NAMES = ["Müller", "Schmidt", "Yılmaz", "Nowak", "Weber", "Becker", "Koch", "Richter"]
PARTIES = ["SPD", "CDU", "GRÜNE", "FDP", "DIE LINKE", "FREIE WÄHLER", "CSU", "VOLT"]
# 40 topics; popularity is skewed (the first topics are chosen far more often).
TOPICS = [f"Benchmark-Thema {number:02d}" for number in range(40)]
VISIBILITY = (("public", 3), ("network", 6), ("organisers", 1))


def configure_django(*, database: Path | None, postgres: bool) -> None:
    sys.path.insert(0, str(REPO_DIR / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stadtgespraeche.settings")
    os.environ.setdefault("STADTGESPRAECHE_DEMO", "1")
    if postgres:
        if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
            sys.exit("--postgres needs DATABASE_URL: run it through scripts/with-postgres.sh")
    else:
        os.environ.pop("DATABASE_URL", None)
        assert database is not None
        database.parent.mkdir(parents=True, exist_ok=True)
        os.environ["DATA_DIR"] = str(database.parent)  # settings keep the SQLite file there
    import django

    django.setup()
    if not postgres:
        from django.conf import settings

        settings.DATABASES["default"]["NAME"] = database


def _weighted(rng: random.Random, weights: tuple[tuple[str, int], ...]) -> str:
    values, counts = zip(*weights, strict=True)
    return rng.choices(values, counts)[0]


def _batches(total: int) -> Iterator[range]:
    for start in range(0, total, BATCH):
        yield range(start, min(start + BATCH, total))


def generate(*, profiles: int, municipalities: int, seed: int = SEED) -> None:
    """Create `profiles` councillors (user, profile, one or two mandates, 1–6 interests)."""
    from django.db import transaction

    from stadtgespraeche.accounts.models import User
    from stadtgespraeche.municipalities.models import Municipality, Party
    from stadtgespraeche.municipalities.reference_data import load_reference_data
    from stadtgespraeche.people.models import Faction, Mandate, Profile
    from stadtgespraeche.topics.models import Topic

    rng = random.Random(seed)
    started = time.perf_counter()
    if not Municipality.objects.exists():
        load_reference_data()
        print(f"  reference data: {time.perf_counter() - started:.0f} s")
    towns = list(
        Municipality.objects.filter(kind__in=["city", "municipality"])
        .order_by("key")
        .values_list("pk", flat=True)[:municipalities]
    )
    parties = [
        Party.objects.get_or_create(short_name=name, defaults={"name": name, "color": "#333333"})[0]
        for name in PARTIES
    ]
    topics = [
        Topic.objects.get_or_create(
            title=title, defaults={"slug": f"bench-{index}", "summary": title}
        )[0]
        for index, title in enumerate(TOPICS)
    ]
    topic_weights = [1 / (index + 2) for index in range(len(topics))]
    with transaction.atomic():
        factions = [
            Faction(municipality_id=town, name=f"{party.short_name}-Fraktion", party=party)
            for town in towns
            for party in rng.sample(parties, k=rng.randint(2, 5))
        ]
        Faction.objects.bulk_create(factions, batch_size=BATCH)
        factions_by_town: dict[int, list[Faction]] = {}
        for faction in Faction.objects.filter(municipality_id__in=towns).only(
            "pk", "municipality_id", "party_id"
        ):
            factions_by_town.setdefault(faction.municipality_id, []).append(faction)
        through = Profile.interests.through
        for chunk in _batches(profiles):
            users = User.objects.bulk_create(
                [
                    User(
                        email=f"peer{n}@example.invalid",
                        first_name=rng.choice(FIRST_NAMES),
                        last_name=rng.choice(LAST_NAMES),
                        password=UNUSABLE_PASSWORD,
                        is_active=rng.random() > 0.02,
                    )
                    for n in chunk
                ],
                batch_size=BATCH,
            )
            people = Profile.objects.bulk_create(
                [
                    Profile(
                        user=user,
                        municipality_id=rng.choice(towns),
                        identity_visibility=_weighted(rng, VISIBILITY),
                        mandates_visibility=_weighted(rng, VISIBILITY),
                        interests_visibility=_weighted(rng, VISIBILITY),
                    )
                    for user in users
                ],
                batch_size=BATCH,
            )
            mandates, interests = [], []
            for person in people:
                for faction in rng.sample(
                    factions_by_town[person.municipality_id], k=1 if rng.random() < 0.9 else 2
                ):
                    mandates.append(
                        Mandate(
                            profile=person,
                            municipality_id=person.municipality_id,
                            body="city_council",
                            faction=faction,
                            party_id=faction.party_id,
                        )
                    )
                chosen = {
                    topic.pk
                    for topic in rng.choices(topics, weights=topic_weights, k=rng.randint(1, 6))
                }
                interests += [through(profile_id=person.pk, topic_id=pk) for pk in chosen]
            Mandate.objects.bulk_create(mandates, batch_size=BATCH)
            through.objects.bulk_create(interests, batch_size=BATCH)
            if chunk.stop % 50_000 == 0 or chunk.stop == profiles:
                print(f"  … {chunk.stop:,} profiles ({time.perf_counter() - started:.0f} s)")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(*, persons: int, seed: int = SEED) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from stadtgespraeche.contacts.suggestions import peer_suggestions
    from stadtgespraeche.people.models import Profile

    rng = random.Random(seed + 1)
    ids = list(
        Profile.objects.filter(user__is_active=True, user__email__startswith="peer")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    sample = rng.sample(ids, k=min(persons, len(ids)))
    timings: list[float] = []
    queries: list[int] = []
    found: list[int] = []
    example = ""
    for pk in sample:
        profile = Profile.objects.select_related("user", "municipality").get(pk=pk)
        peer_suggestions(profile)  # warm the caches of the database
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            result = peer_suggestions(profile)
            timings.append((time.perf_counter() - started) * 1000)
        queries.append(len(captured))
        found.append(len(result))
        if result and not example:
            example = result[0].reason
    print(
        f"==> peer_suggestions for {len(sample)} persons ({connection.vendor}):\n"
        f"    p50 {statistics.median(timings):.0f} ms · p95 {_percentile(timings, 0.95):.0f} ms · "
        f"max {max(timings):.0f} ms · SQL queries per person {min(queries)}–{max(queries)} · "
        f"suggestions per person {min(found)}–{max(found)}\n"
        f"    e.g. “{example}”"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", type=int, default=200_000)
    parser.add_argument("--municipalities", type=int, default=11_000)
    parser.add_argument("--persons", type=int, default=50)
    parser.add_argument("--database", type=Path, default=RESULTS_DIR / "stadtgespraeche.sqlite3")
    parser.add_argument("--postgres", action="store_true", help="use DATABASE_URL (PostgreSQL)")
    parser.add_argument("--fresh", action="store_true", help="delete the SQLite file first")
    args = parser.parse_args(argv)
    if args.fresh and not args.postgres:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.database}{suffix}").unlink(missing_ok=True)
    configure_django(database=None if args.postgres else args.database, postgres=args.postgres)

    from django.core.management import call_command
    from django.db import connection

    from stadtgespraeche.people.models import Profile

    print(f"==> Database: {connection.vendor} ({connection.settings_dict['NAME']})")
    call_command("migrate", verbosity=0)
    existing = Profile.objects.filter(user__email__startswith="peer").count()
    if existing < args.profiles:
        print(f"==> Generating {args.profiles:,} profiles in {args.municipalities:,} towns")
        generate(profiles=args.profiles, municipalities=args.municipalities)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        print(f"==> Reusing {existing:,} profiles")
    measure(persons=args.persons)


if __name__ == "__main__":
    main()
