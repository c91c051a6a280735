"""Benchmark of the people directory search (issue 3, section 6).

Generates a network of councillor profiles (default 200,000 in 11,000 municipalities of the
real reference data) into a separate database, then runs representative searches through
the real query function (people.queries.search_people) and the real view (Django test
client) and prints p50/p95 latency and SQL queries per page. See benchmarks/README.md.

    python -m uv run --frozen python benchmarks/directory_search.py  # SQLite
    scripts/with-postgres.sh \
        python -m uv run --frozen python benchmarks/directory_search.py --postgres

Not part of the test suite (tests/people/test_people_search_benchmark.py only proves
that the generator works, with 50 profiles).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_DIR))

from benchmarks.harness import insert_rows, next_id  # noqa: E402 - after the path

RESULTS_DIR = REPO_DIR / "benchmarks" / "results"
SEED = 20261125
BATCH = 5_000
UNUSABLE_PASSWORD = "!benchmark"  # noqa: S105 - not a hash: nobody can log in with it

FIRST_NAMES = [
    "Anna",
    "Ben",
    "Clara",
    "David",
    "Emma",
    "Felix",
    "Greta",
    "Hannes",
    "Ida",
    "Jonas",
    "Katrin",
    "Lars",
    "Mia",
    "Niklas",
    "Olga",
    "Paul",
    "Quirin",
    "Rita",
    "Stefan",
    "Tanja",
    "Ulrich",
    "Vera",
    "Werner",
    "Xenia",
    "Yusuf",
    "Zeynep",
    "Ahmet",
    "Birgit",
    "Carsten",
    "Dana",
    "Elif",
    "Frank",
    "Gabriele",
    "Heinz",
    "Ilse",
    "Jana",
    "Karl",
    "Lena",
    "Malte",
    "Nadine",
    "Oskar",
    "Petra",
    "Ralf",
    "Sabine",
    "Thomas",
    "Ute",
    "Volker",
    "Wiebke",
    "Aylin",
    "Bernd",
    "Charlotte",
    "Dieter",
    "Eva",
    "Fatma",
    "Günter",
]
LAST_NAMES = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Schäfer",
    "Koch",
    "Bauer",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Krüger",
    "Hofmann",
    "Hartmann",
    "Lange",
    "Schmitt",
    "Werner",
    "Schmitz",
    "Krause",
    "Meier",
    "Lehmann",
    "Schmid",
    "Schulze",
    "Maier",
    "Köhler",
    "Herrmann",
    "König",
    "Walter",
    "Mayer",
    "Huber",
    "Kaiser",
    "Fuchs",
    "Peters",
    "Lang",
    "Scholz",
    "Möller",
    "Weiß",
    "Jung",
    "Hahn",
    "Schubert",
    "Vogel",
    "Friedrich",
    "Keller",
    "Günther",
    "Frank",
    "Berger",
    "Winkler",
    "Roth",
    "Beck",
    "Lorenz",
    "Baumann",
    "Franke",
    "Albrecht",
    "Schuster",
    "Simon",
    "Ludwig",
    "Böhm",
    "Winter",
    "Kraus",
    "Martin",
    "Schumacher",
    "Krämer",
    "Vogt",
    "Stein",
    "Jäger",
    "Otto",
    "Sommer",
    "Groß",
    "Seidel",
    "Heinrich",
    "Brandt",
    "Haas",
    "Schreiber",
    "Graf",
    "Dietrich",
    "Ziegler",
    "Kuhn",
    "Yılmaz",
    "Kaya",
    "Demir",
    "Nowak",
    "Kowalski",
    "Petrović",
    "Rossi",
    "Nguyen",
]
TOPICS = [
    "Offene Daten",
    "Digitale Verwaltung",
    "Smarte Mobilität",
    "Radverkehr",
    "Glasfaserausbau",
    "Mobilfunk",
    "Digitale Bildung",
    "Schuldigitalisierung",
    "Bürgerbeteiligung online",
    "Datenschutz",
    "IT-Sicherheit",
    "Digitale Zwillinge",
    "Sensorik im Stadtraum",
    "Energiewende digital",
    "Wärmeplanung",
    "Klimaanpassung",
    "Smarte Straßenbeleuchtung",
    "Parkraummanagement",
    "Open Source",
    "Künstliche Intelligenz",
    "Digitale Gesundheit",
    "Tourismus digital",
    "Innenstadtentwicklung",
    "Ländlicher Raum",
    "Interkommunale Zusammenarbeit",
    "Plattformen für Ehrenamt",
    "E-Government-Gesetz",
    "Barrierefreiheit",
    "Abfallwirtschaft smart",
    "Wasserwirtschaft",
]
WORDS = [
    "Projekt",
    "Erfahrung",
    "Stadtrat",
    "Ausschuss",
    "Förderung",
    "Beteiligung",
    "Plattform",
    "Daten",
    "Sensoren",
    "Verkehr",
    "Quartier",
    "Mobilität",
    "Schule",
    "Verwaltung",
    "Portal",
    "Pilot",
    "Haushalt",
    "Strategie",
    "Netz",
    "Bürgerinnen",
    "Bürger",
    "Kommune",
    "Landkreis",
    "Region",
    "Modellprojekt",
    "Evaluation",
    "Beschaffung",
    "Rechenzentrum",
    "App",
    "Karte",
    "Energie",
    "Klima",
    "Wärme",
    "Licht",
    "Wasser",
    "Parken",
    "Rad",
    "Bus",
    "Bahn",
    "Markt",
]
VISIBILITY_WEIGHTS = (("public", 3), ("network", 6), ("organisers", 1))
BODY_WEIGHTS = (("city_council", 8), ("county_assembly", 3), ("regional_assembly", 1))
ROLE_WEIGHTS = (("member", 12), ("faction_chair", 2), ("deputy_faction_chair", 1))


def configure_django(*, database: Path | None, postgres: bool) -> None:
    """Point the project's settings at the benchmark database, then set Django up."""
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
        # settings.py keeps its SQLite file (with its PRAGMAs) in DATA_DIR.
        os.environ["DATA_DIR"] = str(database.parent)
    import django

    django.setup()
    if not postgres:
        from django.conf import settings

        settings.DATABASES["default"]["NAME"] = database


# --- generation -----------------------------------------------------------------------------


def _weighted(rng: random.Random, weights: tuple[tuple[str, int], ...]) -> str:
    values, counts = zip(*weights, strict=True)
    return rng.choices(values, counts)[0]


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _batches(total: int) -> Iterator[range]:
    for start in range(0, total, BATCH):
        yield range(start, min(start + BATCH, total))


@dataclass
class GenerationReport:
    profiles: int = 0
    municipalities: int = 0
    mandates: int = 0
    interests: int = 0
    factions: int = 0
    seconds: float = 0.0
    steps: dict[str, float] = field(default_factory=dict)


def generate(
    *,
    profiles: int,
    municipalities: int,
    seed: int = SEED,
    load_reference: bool = True,
    log: Callable[[str], None] = print,
) -> GenerationReport:
    """Create `profiles` councillors (user, profile, mandates, interests) spread over the
    first `municipalities` municipalities of the database, deterministically from `seed`.
    With `load_reference`, the shipped reference data is loaded first."""
    from django.db import transaction

    from stadtgespraeche.accounts.models import User
    from stadtgespraeche.municipalities.models import Municipality, Party
    from stadtgespraeche.municipalities.reference_data import load_reference_data
    from stadtgespraeche.people.models import Faction, Mandate, Profile
    from stadtgespraeche.topics.models import Topic

    rng = random.Random(seed)
    report = GenerationReport()
    started = time.perf_counter()

    def step(name: str, since: float) -> float:
        now = time.perf_counter()
        report.steps[name] = now - since
        log(f"  {name}: {now - since:.1f} s")
        return now

    mark = started
    if load_reference:
        load_reference_data()
        mark = step("reference data", mark)
    towns = list(
        Municipality.objects.filter(kind__in=["city", "municipality"])
        .exclude(latitude=None)
        .order_by("key")
        .values_list("pk", flat=True)[:municipalities]
    )
    if not towns:
        raise SystemExit("No municipalities: load the reference data first.")
    report.municipalities = len(towns)
    parties = list(Party.objects.order_by("short_name"))
    if not parties:
        parties = [
            Party.objects.create(short_name=name, name=name, color="#333333")
            for name in ("SPD", "CDU", "GRÜNE", "FDP", "DIE LINKE", "FREIE WÄHLER")
        ]
    party_weights = [max(1, 12 - index) for index in range(len(parties))]
    existing_topics = {topic.title: topic for topic in Topic.objects.all()}
    topics = [
        existing_topics.get(title)
        or Topic.objects.create(
            title=title, slug=f"bench-{index}", summary=f"{title} in der Kommune."
        )
        for index, title in enumerate(TOPICS)
    ]
    mark = step("parties and topics", mark)

    with transaction.atomic():
        # Factions: 2–5 per municipality, each of one party.
        faction_rows = []
        faction_id = next_id(Faction)
        factions_by_town: dict[int, list[tuple[int, int]]] = {}
        for town in towns:
            for party in rng.sample(parties, k=min(len(parties), rng.randint(2, 5))):
                faction_rows.append(
                    {
                        "id": faction_id,
                        "municipality_id": town,
                        "name": f"{party.short_name}-Fraktion",
                        "party_id": party.pk,
                    }
                )
                factions_by_town.setdefault(town, []).append((faction_id, party.pk))
                faction_id += 1
        insert_rows(Faction, faction_rows)
        report.factions = len(faction_rows)
        mark = step(f"{len(faction_rows):,} factions", mark)

        # Rows go straight through the database driver (benchmarks.harness.insert_rows)
        # with ids chosen here: bulk_create spent most of the time building SQL.
        offset = User.objects.filter(email__startswith="bench").count()
        through = Profile.interests.through
        user_id, profile_id, mandate_id, interest_id = (
            next_id(User),
            next_id(Profile),
            next_id(Mandate),
            next_id(through),
        )
        for chunk in _batches(profiles):
            users, people, mandates, interests = [], [], [], []
            for n in chunk:
                town = rng.choice(towns)
                users.append(
                    {
                        "id": user_id,
                        "email": f"bench{offset + n}@example.invalid",
                        "first_name": rng.choice(FIRST_NAMES),
                        "last_name": rng.choice(LAST_NAMES),
                        "password": UNUSABLE_PASSWORD,  # hashing would dominate the run
                    }
                )
                people.append(
                    {
                        "id": profile_id,
                        "user_id": user_id,
                        "municipality_id": town,
                        "bio": _sentence(rng, rng.randint(8, 30)),
                        "expertise": _sentence(rng, rng.randint(4, 15)),
                        "languages": "Deutsch, Englisch",
                        "identity_visibility": _weighted(rng, VISIBILITY_WEIGHTS),
                        "photo_visibility": _weighted(rng, VISIBILITY_WEIGHTS),
                        "mandates_visibility": _weighted(rng, VISIBILITY_WEIGHTS),
                        "interests_visibility": _weighted(rng, VISIBILITY_WEIGHTS),
                        "about_visibility": _weighted(rng, VISIBILITY_WEIGHTS),
                    }
                )
                town_factions = factions_by_town[town]
                for _ in range(1 if rng.random() < 0.85 else 2):
                    faction, party = rng.choice(town_factions)
                    mandates.append(
                        {
                            "id": mandate_id,
                            "profile_id": profile_id,
                            "municipality_id": town,
                            "body": _weighted(rng, BODY_WEIGHTS),
                            "faction_id": faction,
                            "party_id": party,
                            "role": _weighted(rng, ROLE_WEIGHTS),
                            "committees": "Digitalausschuss, Bauausschuss",
                        }
                    )
                    mandate_id += 1
                for topic in rng.sample(topics, k=rng.randint(1, 4)):
                    interests.append(
                        {"id": interest_id, "profile_id": profile_id, "topic_id": topic.pk}
                    )
                    interest_id += 1
                user_id += 1
                profile_id += 1
            insert_rows(User, users)
            insert_rows(Profile, people)
            insert_rows(Mandate, mandates)
            insert_rows(through, interests)
            report.profiles += len(people)
            report.mandates += len(mandates)
            report.interests += len(interests)
            if (chunk.stop // BATCH) % 10 == 0 or chunk.stop == profiles:
                log(f"  … {chunk.stop:,} profiles")
        del party_weights
        step("profiles, mandates, interests", mark)
    report.seconds = time.perf_counter() - started
    return report


# --- searches --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    name: str
    params: dict[str, str]


def scenarios() -> list[Scenario]:
    from stadtgespraeche.municipalities.models import Party, State
    from stadtgespraeche.topics.models import Topic

    party = Party.objects.filter(short_name="SPD").first() or Party.objects.order_by("pk").first()
    state = State.objects.filter(code="07").first() or State.objects.order_by("pk").first()
    topic = Topic.objects.filter(title="Radverkehr").first() or Topic.objects.order_by("pk").first()
    if party is None or state is None or topic is None:
        raise SystemExit("No parties, states or topics: generate data first.")
    return [
        Scenario("all (no filter)", {}),
        Scenario("text: name", {"q": "Anna Müller"}),
        Scenario("text: expertise word", {"q": "Sensoren"}),
        Scenario("text: rare", {"q": "Xenia Nguyen"}),
        Scenario("party", {"party": party.short_name}),
        Scenario("state", {"state": state.code}),
        Scenario("topic", {"topic": topic.slug}),
        Scenario("page 50 of state", {"state": state.code, "page": "50"}),
        Scenario(
            "combined",
            {"q": "Projekt", "state": state.code, "party": party.short_name, "topic": topic.slug},
        ),
    ]


@dataclass
class Measurement:
    scenario: str
    viewer: str
    results: int
    query_p50: float
    query_p95: float
    view_p50: float
    view_p95: float
    sql_per_page: int


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def measure(
    *, repeat: int, only: str = "", log: Callable[[str], None] = print
) -> list[Measurement]:
    """Run every scenario `repeat` times per viewer through the query function and the view."""
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from stadtgespraeche.accounts.models import User
    from stadtgespraeche.people import queries
    from stadtgespraeche.people.forms.search import PeopleSearchForm
    from stadtgespraeche.people.views.search import MAP_LIMIT, PER_PAGE, CountedPaginator

    url = reverse("people:people")
    member = User.objects.filter(email__startswith="bench").order_by("pk").first()
    assert member is not None, "generate data first"
    viewers: dict[str, tuple[Any, Client]] = {"anonymous": (AnonymousUser(), Client())}
    member_client = Client()
    member_client.force_login(member)
    viewers["member"] = (member, member_client)

    measurements = []
    for scenario in scenarios():
        if only and only not in scenario.name:
            continue
        for viewer_name, (viewer, client) in viewers.items():
            form = PeopleSearchForm(scenario.params)
            form.is_valid()
            query_times, view_times = [], []
            results = 0
            sql = 0
            for _ in range(repeat):
                started = time.perf_counter()
                people = queries.search_people(viewer, **form.filters())
                counts = queries.count_people(people, map_limit=MAP_LIMIT)
                paginator = CountedPaginator(people, PER_PAGE, count=counts.total)
                page = paginator.get_page(scenario.params.get("page"))
                for profile in page:
                    list(profile.mandates.all())
                    list(profile.interests.all())
                query_times.append((time.perf_counter() - started) * 1000)
                results = page.paginator.count

                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(url, scenario.params)
                    view_times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, response.status_code
                sql = len(captured.captured_queries)
            measurement = Measurement(
                scenario=scenario.name,
                viewer=viewer_name,
                results=results,
                query_p50=statistics.median(query_times),
                query_p95=_percentile(query_times, 0.95),
                view_p50=statistics.median(view_times),
                view_p95=_percentile(view_times, 0.95),
                sql_per_page=sql,
            )
            log(
                f"  {scenario.name} / {viewer_name}: {results:,} results, "
                f"view p50 {measurement.view_p50:.0f} ms"
            )
            measurements.append(measurement)
    return measurements


def explain(*, only: str = "") -> None:
    """Print the query plans of the counting and the page query (as a member)."""
    from django.db import connection
    from django.db.models import Count

    from stadtgespraeche.accounts.models import User
    from stadtgespraeche.people import queries
    from stadtgespraeche.people.forms.search import PeopleSearchForm

    options = {"analyze": True} if connection.vendor == "postgresql" else {}
    member = User.objects.filter(email__startswith="bench").order_by("pk").first()
    for scenario in scenarios():
        if only and only not in scenario.name:
            continue
        form = PeopleSearchForm(scenario.params)
        form.is_valid()
        people = queries.search_people(member, **form.filters())
        grouped = people.order_by().values_list("municipality").annotate(n=Count("pk")).order_by()
        for label, queryset in (("counts", grouped), ("page", people[:20])):
            print(f"--- {scenario.name}: {label}")
            print(queryset.explain(**options))


def table(measurements: list[Measurement], *, title: str) -> str:
    header = (
        "| scenario | viewer | results | query p50 ms | query p95 ms "
        "| view p50 ms | view p95 ms | SQL/page |"
    )
    lines = [f"### {title}", "", header, "|---|---|--:|--:|--:|--:|--:|--:|"]
    for m in measurements:
        lines.append(
            f"| {m.scenario} | {m.viewer} | {m.results:,} | {m.query_p50:.1f} | {m.query_p95:.1f} "
            f"| {m.view_p50:.1f} | {m.view_p95:.1f} | {m.sql_per_page} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", type=int, default=200_000)
    parser.add_argument("--municipalities", type=int, default=11_000)
    parser.add_argument("--repeat", type=int, default=7, help="runs per scenario and viewer")
    parser.add_argument(
        "--database",
        type=Path,
        default=RESULTS_DIR / "sqlite" / "stadtgespraeche.sqlite3",
        help="SQLite file (kept between runs; delete it or use --fresh to regenerate)",
    )
    parser.add_argument("--postgres", action="store_true", help="use DATABASE_URL (PostgreSQL)")
    parser.add_argument("--fresh", action="store_true", help="delete the SQLite file first")
    parser.add_argument("--only", default="", help="run only scenarios whose name contains this")
    parser.add_argument("--explain", action="store_true", help="print query plans and stop")
    args = parser.parse_args(argv)

    if args.fresh and not args.postgres:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.database}{suffix}").unlink(missing_ok=True)
    configure_django(database=None if args.postgres else args.database, postgres=args.postgres)

    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    from stadtgespraeche.people.models import Profile

    setup_test_environment()  # the test client's host "testserver" is allowed

    engine = f"{connection.vendor} {connection.Database.__name__}"
    print(f"==> Database: {engine} ({connection.settings_dict['NAME']})")
    call_command("migrate", verbosity=0)
    if Profile.objects.count() < args.profiles:
        print(
            f"==> Generating {args.profiles:,} profiles in {args.municipalities:,} municipalities"
        )
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:  # a larger page cache only while generating
                cursor.execute("PRAGMA cache_size=-262144")
        report = generate(profiles=args.profiles, municipalities=args.municipalities)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size=-2000")  # SQLite's default, as in production
        print(
            f"    {report.profiles:,} profiles, {report.mandates:,} mandates, "
            f"{report.interests:,} interests, {report.factions:,} factions in "
            f"{report.municipalities:,} municipalities: {report.seconds:.0f} s"
        )
    else:
        print(f"==> Reusing {Profile.objects.count():,} profiles")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics (both databases)
        if connection.vendor == "sqlite":
            # Move the generated rows from the write-ahead log into the database file.
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    if args.explain:
        explain(only=args.only)
        return
    tables = []
    print(f"==> Searching ({args.repeat} runs each)")
    measurements = measure(repeat=args.repeat, only=args.only)
    tables.append(table(measurements, title=connection.vendor))
    print()
    print("\n\n".join(tables))


if __name__ == "__main__":
    main()
