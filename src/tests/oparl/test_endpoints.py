import pytest
from django.core.management import call_command

from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.oparl.enums import SyncStatus, Vendor
from stadtgespraeche.oparl.exceptions import EndpointRefused
from stadtgespraeche.oparl.models import Endpoint, OparlPaper, RawObject, SyncRun
from stadtgespraeche.oparl.services.endpoints import add_endpoint, check_system, match_municipality
from stadtgespraeche.oparl.services.typed import import_pending
from tests.factories.municipalities import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_add_endpoint_checks_the_system_and_matches_by_padded_ags(fake_oparl, fetcher):
    huertgenwald = MunicipalityFactory(key="05358016", name="Hürtgenwald")
    endpoint = add_endpoint(system_url=fake_oparl.huertgenwald_system, fetcher=fetcher)

    assert endpoint.vendor == Vendor.STERNBERG
    assert endpoint.oparl_version == "1.0"
    assert endpoint.body_url == f"{fake_oparl.base}/huertgenwald/oparl/v1.0/body/1"
    assert endpoint.body_ags == "05358016"  # the server says "5358016"
    assert endpoint.municipality == huertgenwald
    assert AuditLog.objects.filter(action="oparl.endpoint.added").count() == 1


def test_add_endpoint_without_matching_municipality(fake_oparl, fetcher):
    endpoint = add_endpoint(system_url=fake_oparl.karlsruhe_system, fetcher=fetcher)
    assert endpoint.vendor == Vendor.SOMACOS
    assert endpoint.oparl_version == "1.1"
    assert endpoint.municipality is None


def test_add_endpoint_with_municipality_confirmed_by_hand(fake_oparl, fetcher):
    chosen = MunicipalityFactory()
    endpoint = add_endpoint(
        system_url=fake_oparl.karlsruhe_system,
        body_url=f"{fake_oparl.base}/karlsruhe/oparl/bodies/0001",
        municipality=chosen,
        fetcher=fetcher,
    )
    assert endpoint.municipality == chosen


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/nowhere/system", "HTTP 404"),
        ("/huertgenwald/oparl/v1.0/body/1", "führt nicht zu einem OParl-System"),
    ],
)
def test_add_endpoint_refuses_what_is_not_a_system(fake_oparl, fetcher, path, message):
    with pytest.raises(EndpointRefused, match=message):
        add_endpoint(system_url=f"{fake_oparl.base}{path}", fetcher=fetcher)
    assert not Endpoint.objects.exists()


def test_add_endpoint_refuses_garbage_duplicates_and_unknown_bodies(fake_oparl, fetcher):
    fake_oparl.quirks.garbage.add("/huertgenwald/oparl/v1.0/system")
    with pytest.raises(EndpointRefused, match="konnte nicht gelesen werden"):
        check_system(fake_oparl.huertgenwald_system, fetcher=fetcher)
    fake_oparl.quirks.garbage.clear()
    with pytest.raises(EndpointRefused, match="nennt diese Körperschaft nicht"):
        add_endpoint(
            system_url=fake_oparl.huertgenwald_system, body_url="https://x/body/2", fetcher=fetcher
        )
    add_endpoint(system_url=fake_oparl.huertgenwald_system, fetcher=fetcher)
    with pytest.raises(EndpointRefused, match="bereits eingetragen"):
        add_endpoint(system_url=fake_oparl.huertgenwald_system, fetcher=fetcher)
    assert Endpoint.objects.count() == 1


def test_match_municipality():
    town = MunicipalityFactory(key="05358016")
    assert match_municipality("5358016") == town
    assert match_municipality("05358016") == town
    assert match_municipality("") is None
    assert match_municipality("09999999") is None


def test_unmappable_raw_object_is_skipped_and_counted():
    endpoint = Endpoint.objects.create(system_url="https://x/system")
    good = {"id": "https://x/paper/1", "type": "Paper", "name": "Glasfaser", "body": "https://x/b"}
    for oparl_id, data in [
        ("https://x/paper/1", good),
        ("https://x/paper/2", ["not", "an", "object"]),
    ]:
        RawObject.objects.create(
            endpoint=endpoint,
            oparl_id=oparl_id,
            object_type="Paper",
            data=data,
            digest="x",
            fetched_at="2026-01-01T00:00:00Z",
        )
    from collections import Counter

    stats = Counter()
    errors = import_pending(endpoint, "https://x/b", stats)
    assert stats["map_errors"] == 1
    assert len(errors) == 1
    assert "paper/2" in errors[0]
    paper = OparlPaper.objects.get(endpoint=endpoint)
    assert paper.name == "Glasfaser"
    assert paper.body.is_placeholder is True
    assert not RawObject.objects.filter(needs_import=True).exists()


def test_command_adds_and_imports(fake_oparl, capsys):
    call_command("oparl_import", "--add", fake_oparl.karlsruhe_system, "--timeout", "10")
    out = capsys.readouterr()
    assert "Added endpoint" in out.out
    assert "succeeded" in out.out
    assert "paper: page" in out.err  # the progress line
    endpoint = Endpoint.objects.get()
    assert OparlPaper.objects.filter(endpoint=endpoint, is_placeholder=False).count() == 1145
    run = SyncRun.objects.get()
    assert run.status == SyncStatus.SUCCEEDED
    call_command("oparl_import", str(endpoint.pk))
    assert SyncRun.objects.count() == 2
    assert SyncRun.objects.first().stats["counts"].get("typed_written", 0) == 0


def test_command_rejects_unknown_endpoint():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="Unknown endpoint"):
        call_command("oparl_import", "999")


def test_periodic_sync_runs_every_endpoint(fake_oparl):
    from stadtgespraeche.core import periodic

    endpoint = Endpoint.objects.create(
        system_url=fake_oparl.karlsruhe_system, vendor=Vendor.SOMACOS
    )
    assert periodic.run_due(only="oparl.sync") == {"oparl.sync": "ok"}
    run = SyncRun.objects.get(endpoint=endpoint)
    assert run.status == SyncStatus.SUCCEEDED
    assert OparlPaper.objects.filter(endpoint=endpoint, is_placeholder=False).count() == 1145
    assert periodic.run_due(only="oparl.sync") == {"oparl.sync": "skipped"}
