import pytest
from django.urls import reverse

from stadtgespraeche.accounts.enums import Role
from stadtgespraeche.oparl.enums import Vendor
from stadtgespraeche.oparl.models import Endpoint, OparlPaper, SyncRun
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


def test_organiser_adds_an_endpoint(client, fake_oparl):
    organiser = OrganiserFactory()
    town = MunicipalityFactory(key="05358016")
    client.force_login(organiser)
    assert reverse("oparl:endpoint-add") in client.get(reverse("oparl:coverage")).content.decode()

    response = client.post(
        reverse("oparl:endpoint-add"), {"system_url": fake_oparl.huertgenwald_system}
    )

    assert response.status_code == 302
    endpoint = Endpoint.objects.get()
    assert endpoint.municipality == town
    assert endpoint.vendor == Vendor.STERNBERG


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
