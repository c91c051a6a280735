import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from stadtgespraeche.accounts.enums import Role
from stadtgespraeche.oparl.enums import SyncStatus, Vendor
from stadtgespraeche.oparl.models import Endpoint, OparlPaper, SyncRun
from stadtgespraeche.oparl.services.runs import execute
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.municipalities import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_coverage_page_is_public_and_shows_counts_sync_and_errors(client):
    town = MunicipalityFactory(name="Hürtgenwald", key="05358016")
    endpoint = Endpoint.objects.create(
        system_url="https://x/system",
        body_name="Gemeinde Hürtgenwald",
        municipality=town,
        vendor=Vendor.STERNBERG,
        oparl_version="1.0",
    )
    for n in range(3):
        OparlPaper.objects.create(endpoint=endpoint, oparl_id=f"https://x/paper/{n}")
    OparlPaper.objects.create(endpoint=endpoint, oparl_id="https://x/paper/gone", deleted=True)
    OparlPaper.objects.create(endpoint=endpoint, oparl_id="https://x/paper/ph", is_placeholder=True)
    SyncRun.objects.create(
        endpoint=endpoint, started_at="2026-12-01T10:00:00Z", error="paper: HTTP 503\nmore"
    )
    Endpoint.objects.create(system_url="https://y/system")

    response = client.get(reverse("oparl:coverage"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Gemeinde Hürtgenwald" in content
    assert town.get_absolute_url() in content
    rows = {row.endpoint_id: row for row in response.context["rows"]}
    row = rows[endpoint.pk]
    assert row.counts == {"papers": 3, "meetings": 0, "persons": 0, "organizations": 0}
    assert row.last_error == "paper: HTTP 503"
    assert "paper: HTTP 503" in content
    assert "more" not in row.last_error
    assert [r.counts["papers"] for r in rows.values() if r.endpoint_id != endpoint.pk] == [0]
    assert reverse("oparl:endpoint-add") not in content


def test_coverage_page_empty(client):
    response = client.get(reverse("oparl:coverage"))
    assert response.status_code == 200
    assert response.context["rows"] == []


def test_organiser_adds_an_endpoint_and_its_import_is_queued(
    client, fake_oparl, fetcher, database_tasks
):
    organiser = OrganiserFactory()
    town = MunicipalityFactory(key="05358016")
    client.force_login(organiser)
    assert reverse("oparl:endpoint-add") in client.get(reverse("oparl:coverage")).content.decode()

    response = client.post(
        reverse("oparl:endpoint-add"), {"system_url": fake_oparl.huertgenwald_system}
    )

    endpoint = Endpoint.objects.get()
    assert endpoint.municipality == town
    assert endpoint.vendor == Vendor.STERNBERG
    run = SyncRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == run.get_absolute_url()
    assert run.status == SyncStatus.QUEUED
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["kwargs"] == {"run_id": run.pk}
    page = client.get(run.get_absolute_url())
    assert "hx-trigger" in page.content.decode()  # polls while queued
    assert page.context["view"].active is True

    assert execute(run.pk, fetcher=fetcher) == SyncStatus.SUCCEEDED

    page = client.get(run.get_absolute_url())
    content = page.content.decode()
    assert "hx-trigger" not in content
    view = page.context["view"]
    assert view.active is False
    assert view.objects_seen > 17000
    assert view.typed_written > 17000
    run.refresh_from_db()
    assert run.progress["phase"] == "done"
    assert run.heartbeat_at is not None
    assert str(view.objects_seen) in content


def test_system_with_several_bodies_asks_for_the_body(client, fake_oparl, database_tasks):
    town = MunicipalityFactory(name="Hürtgenwald", key="05358016")
    MunicipalityFactory(name="Nachbarort", key="05358020")
    body_list = "/huertgenwald/oparl/v1.0/body"
    other = f"{fake_oparl.base}/huertgenwald/oparl/v1.0/body/2"
    fake_oparl.quirks.extra_elements[body_list] = [
        {
            "id": other,
            "type": "https://schema.oparl.org/1.0/Body",
            "name": "Zweckverband",
            "ags": "5358020",
        }
    ]
    client.force_login(OrganiserFactory())

    response = client.post(
        reverse("oparl:endpoint-add"), {"system_url": fake_oparl.huertgenwald_system}
    )

    assert response.status_code == 200
    assert not Endpoint.objects.exists()
    choices = dict(response.context["form"].fields["body_url"].choices)
    assert choices[other] == "Zweckverband (AGS 05358020: Nachbarort)"
    assert "Hürtgenwald" in choices[f"{fake_oparl.base}/huertgenwald/oparl/v1.0/body/1"]
    content = response.content.decode()
    assert 'type="radio"' in content
    assert "mehrere Körperschaften" in content

    first = f"{fake_oparl.base}/huertgenwald/oparl/v1.0/body/1"
    response = client.post(
        reverse("oparl:endpoint-add"),
        {"system_url": fake_oparl.huertgenwald_system, "body_url": first},
    )

    assert response.status_code == 302
    endpoint = Endpoint.objects.get()
    assert endpoint.body_url == first
    assert endpoint.municipality == town


def test_body_confirmed_by_hand_with_another_key(client, fake_oparl, database_tasks):
    chosen = MunicipalityFactory(key="05358020")
    MunicipalityFactory(key="05358016")
    client.force_login(OrganiserFactory())
    client.post(
        reverse("oparl:endpoint-add"),
        {"system_url": fake_oparl.huertgenwald_system, "ags": "05358020"},
    )
    assert Endpoint.objects.get().municipality == chosen


def test_organiser_starts_an_import_once(client, database_tasks):
    endpoint = Endpoint.objects.create(system_url="https://x/system", body_name="Rat X")
    client.force_login(OrganiserFactory())
    url = reverse("oparl:endpoint-sync", kwargs={"pk": endpoint.pk})

    response = client.post(url, {"full": "1"})

    run = SyncRun.objects.get()
    assert response["Location"] == run.get_absolute_url()
    assert (run.status, run.full) == (SyncStatus.QUEUED, True)
    coverage = client.get(reverse("oparl:coverage")).content.decode()
    assert run.get_absolute_url() in coverage
    assert url not in coverage  # no second start while one is queued

    response = client.post(url)

    assert response["Location"] == run.get_absolute_url()
    assert SyncRun.objects.count() == 1
    assert DBTaskResult.objects.count() == 1


@pytest.mark.parametrize("role", [Role.COUNCILLOR, Role.COORDINATOR])
def test_others_may_not_start_imports_or_see_runs(client, role, database_tasks):
    endpoint = Endpoint.objects.create(system_url="https://x/system")
    run = SyncRun.objects.create(
        endpoint=endpoint, started_at="2026-12-01T10:00:00Z", error="secret-error"
    )
    client.force_login(UserFactory(role=role))

    assert (
        client.post(reverse("oparl:endpoint-sync", kwargs={"pk": endpoint.pk})).status_code == 403
    )
    response = client.get(run.get_absolute_url())
    assert response.status_code == 403
    assert "secret-error" not in response.content.decode()
    assert SyncRun.objects.count() == 1
    coverage = client.get(reverse("oparl:coverage")).content.decode()
    assert run.get_absolute_url() not in coverage
    assert DBTaskResult.objects.count() == 0


def test_progress_partial_for_htmx(client):
    endpoint = Endpoint.objects.create(system_url="https://x/system")
    run = SyncRun.objects.create(
        endpoint=endpoint,
        started_at="2026-12-01T10:00:00Z",
        progress={
            "phase": "lists",
            "list_name": "paper",
            "page": 3,
            "total_pages": 84,
            "lists_done": 2,
            "lists_total": 4,
            "objects_seen": 1234,
            "written": 1000,
        },
    )
    client.force_login(OrganiserFactory())

    response = client.get(run.get_absolute_url(), headers={"HX-Request": "true"})

    content = response.content.decode()
    assert "<h1" not in content
    assert 'max="84" value="3"' in content
    assert "Drucksachen (2 von 4 Listen fertig)" in content
    assert "1234" in content


def test_anonymous_visitor_may_not_see_a_run(client):
    endpoint = Endpoint.objects.create(system_url="https://x/system")
    run = SyncRun.objects.create(endpoint=endpoint, started_at="2026-12-01T10:00:00Z")
    response = client.get(run.get_absolute_url())
    assert response.status_code == 302


def test_organiser_sees_refusal_and_unknown_key(client, fake_oparl):
    client.force_login(OrganiserFactory())
    response = client.post(
        reverse("oparl:endpoint-add"), {"system_url": f"{fake_oparl.base}/nowhere/system"}
    )
    assert response.status_code == 200
    assert "HTTP 404" in response.content.decode()
    response = client.post(
        reverse("oparl:endpoint-add"),
        {"system_url": fake_oparl.huertgenwald_system, "ags": "09999999"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ags"]
    assert not Endpoint.objects.exists()


@pytest.mark.parametrize("role", [Role.COUNCILLOR, Role.COORDINATOR])
def test_others_may_not_add_endpoints(client, role):
    client.force_login(UserFactory(role=role))
    response = client.post(reverse("oparl:endpoint-add"), {"system_url": "https://x/system"})
    assert response.status_code == 403
    assert not Endpoint.objects.exists()


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(reverse("oparl:endpoint-add"))
    assert response.status_code == 302
    assert "login" in response["Location"] or "anmelden" in response["Location"]


@pytest.mark.parametrize("endpoints", [1, 3])
def test_coverage_page_query_count_is_constant(client, django_assert_num_queries, endpoints):
    for n in range(endpoints):
        endpoint = Endpoint.objects.create(
            system_url=f"https://rat-{n}.example/system",
            body_name=f"Gemeinde {n}",
            municipality=MunicipalityFactory(),
        )
        OparlPaper.objects.create(endpoint=endpoint, oparl_id=f"https://rat-{n}.example/p/1")
        SyncRun.objects.create(endpoint=endpoint, started_at="2026-12-01T10:00:00Z")

    with django_assert_num_queries(5):
        response = client.get(reverse("oparl:coverage"))

    assert len(response.context["rows"]) == endpoints
    assert all(row.counts["papers"] == 1 for row in response.context["rows"])
