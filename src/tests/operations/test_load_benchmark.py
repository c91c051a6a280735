"""Smoke test of benchmarks/nationwide.py and benchmarks/load_bench.py: the generator builds
every kind of row at a tiny scale, and every page of the load benchmark answers 200 to its
viewer, logged in through the sessions the benchmark makes. Nothing is timed and wrk is not
run (the benchmark itself is not part of the suite)."""

import sys
from pathlib import Path

import pytest

from stadtgespraeche.accounts.models import User
from stadtgespraeche.discussions.models import Post
from stadtgespraeche.events.enums import Confidentiality, EventStatus
from stadtgespraeche.events.models import Event
from stadtgespraeche.knowledge.models import Practice
from stadtgespraeche.notifications.models import Notification
from stadtgespraeche.people.models import Profile
from stadtgespraeche.registrations.models import Registration
from tests.factories.events import EventFactory
from tests.factories.municipalities import MunicipalityFactory, PartyFactory, StateFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

REPO_DIR = Path(__file__).resolve().parents[3]


@pytest.fixture
def benchmarks():
    if str(REPO_DIR) not in sys.path:
        sys.path.insert(0, str(REPO_DIR))
    from benchmarks import load_bench, nationwide

    return nationwide, load_bench


@pytest.fixture
def generated(benchmarks):
    nationwide, _load_bench = benchmarks
    MunicipalityFactory.create_batch(3, state=StateFactory())
    PartyFactory()
    # The page list needs an open public event (the tiny scale might draw none).
    EventFactory(status=EventStatus.REGISTRATION_OPEN, confidentiality=Confidentiality.PUBLIC)
    return nationwide.generate(
        scale=0.0005, reindex=False, load_reference=False, log=lambda _line: None
    )


def test_nationwide_generator_builds_every_kind_of_row(generated, benchmarks):
    nationwide, _load_bench = benchmarks

    assert generated.counts["councillors"] == Profile.objects.count() == 100
    assert generated.counts["events"] == Event.objects.count() - 1 >= 2
    assert Registration.objects.exists()
    assert generated.counts["practices"] == Practice.objects.count() == 10
    assert generated.counts["posts"] == Post.objects.count() > 0
    assert generated.counts["notifications"] == Notification.objects.count() >= 400
    persona = User.objects.get(email=nationwide.PERSONA_EMAIL)
    assert Notification.objects.filter(recipient=persona).exists()
    assert User.objects.get(email=nationwide.ORGANISER_EMAIL).is_organiser


def test_every_page_of_the_load_benchmark_answers_its_viewer(generated, benchmarks, client):
    _nationwide, load_bench = benchmarks
    cookies = load_bench.session_keys()
    pages = load_bench.pages()

    assert {page.viewer for page in pages} == {"anonymous", "member", "organiser"}
    rows = []
    for page in pages:
        server_ms, queries = load_bench.server_time(page, cookies, repeat=1)
        assert queries <= 20, page
        # Anonymous pages may come from the response cache (0 queries); no logged-in page.
        assert queries > 0 or page.viewer == "anonymous", page
        run = load_bench.WrkRun(rps=10.0, p50=1.0, p95=2.0, p99=3.0, errors=0)
        floor = load_bench.WrkRun(rps=100.0, p50=1.0, p95=1.0, p99=1.0, errors=0)
        rows.append(load_bench.Row(page, run, floor, server_ms, queries, 1.0))
    table = load_bench.table(rows, title="smoke")

    assert table.count("| 10.0 ✗ |") == len(pages)
    assert "| notification centre | member |" in table
