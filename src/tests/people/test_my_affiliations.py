import pytest
from django.urls import reverse

from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.people.enums import AffiliationRole
from tests.factories.accounts import CoordinatorFactory, UserFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.network import MembershipFactory
from tests.factories.people import AffiliationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def coordinator_affiliation():
    return AffiliationFactory(
        user=CoordinatorFactory(first_name="Kora", last_name="Koordinatorin"),
        municipality=MunicipalityFactory(name="Kommunalstadt", slug="kommunalstadt"),
        role=AffiliationRole.COORDINATOR,
    )


def test_my_affiliations_lists_own_municipalities_only(client, coordinator_affiliation):
    AffiliationFactory(municipality=MunicipalityFactory(name="Fremdstadt"))
    client.force_login(coordinator_affiliation.user)

    response = client.get(reverse("people:my-affiliations"))

    assert "Kommunalstadt" in response.text
    assert "Fremdstadt" not in response.text
    assert 'name="show_publicly"' in response.text


def test_coordinator_allows_name_on_public_page(client, coordinator_affiliation):
    MembershipFactory(municipality=coordinator_affiliation.municipality)
    municipality_page = coordinator_affiliation.municipality.get_absolute_url()
    assert "Koordinatorin" not in client.get(municipality_page).text
    client.force_login(coordinator_affiliation.user)

    response = client.post(
        reverse("people:my-affiliations"),
        {"affiliation": coordinator_affiliation.pk, "show_publicly": "on"},
        follow=True,
    )

    coordinator_affiliation.refresh_from_db()
    assert coordinator_affiliation.show_publicly is True
    assert "wird jetzt auf der öffentlichen Seite" in response.text
    assert AuditLog.objects.filter(action="directory.affiliation.visibility_changed").count() == 1
    client.logout()
    assert "Kora Koordinatorin" in client.get(municipality_page).text


def test_coordinator_withdraws_permission(client, coordinator_affiliation):
    coordinator_affiliation.show_publicly = True
    coordinator_affiliation.save()
    client.force_login(coordinator_affiliation.user)

    client.post(reverse("people:my-affiliations"), {"affiliation": coordinator_affiliation.pk})

    coordinator_affiliation.refresh_from_db()
    assert coordinator_affiliation.show_publicly is False


@pytest.mark.parametrize("affiliation_id", ["other", "abc", ""])
def test_cannot_change_someone_elses_or_unknown_affiliation(
    client, coordinator_affiliation, affiliation_id
):
    intruder = CoordinatorFactory()
    client.force_login(intruder)
    target = {"other": str(coordinator_affiliation.pk), "abc": "abc", "": ""}[affiliation_id]

    response = client.post(
        reverse("people:my-affiliations"), {"affiliation": target, "show_publicly": "on"}
    )

    assert response.status_code == 404
    coordinator_affiliation.refresh_from_db()
    assert coordinator_affiliation.show_publicly is False


def test_councillor_affiliation_has_no_public_switch(client):
    affiliation = AffiliationFactory(role=AffiliationRole.COUNCILLOR)
    client.force_login(affiliation.user)

    response = client.get(reverse("people:my-affiliations"))

    assert affiliation.municipality.name in response.text
    assert 'name="show_publicly"' not in response.text


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("people:my-affiliations"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("count", [1, 3])
def test_my_affiliations_query_count(client, django_assert_num_queries, count):
    user = UserFactory()
    for _ in range(count):
        AffiliationFactory(user=user)
    client.force_login(user)

    with django_assert_num_queries(4):
        client.get(reverse("people:my-affiliations"))
