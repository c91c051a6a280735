import pytest
from django.urls import reverse

from stadtgespraeche.network.enums import MembershipStatus
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.network import MembershipApplicationFactory, MembershipFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = "/organisation/"


def test_home_url_is_stable():
    assert reverse("dashboard:home") == URL


def test_home_shows_pending_count_and_members_per_status(organiser_client, series):
    MembershipApplicationFactory(series=series, municipality=MunicipalityFactory(name="Bamberg"))
    MembershipApplicationFactory(series=series)
    MembershipFactory(series=series, status=MembershipStatus.MEMBER)
    MembershipFactory(series=series, status=MembershipStatus.PAUSED)

    response = organiser_client.get(URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert "2 Anträge warten auf eine Entscheidung." in content
    assert "Bamberg" in content
    assert ">Mitglied</th>" in content
    assert reverse("dashboard:application-list") in content
    assert f"{reverse('dashboard:membership-list')}?series={series.slug}" in content


def test_home_without_series_shows_empty_state(organiser_client):
    response = organiser_client.get(URL)

    content = response.content.decode()
    assert "0 Anträge warten auf eine Entscheidung." in content
    assert "Es gibt noch keine Reihe." in content


def test_home_anonymous_is_sent_to_login(client, series):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_home_forbidden_for_non_organisers_without_counts(non_organiser_client, series):
    MembershipApplicationFactory(series=series, municipality=MunicipalityFactory(name="Bamberg"))

    response = non_organiser_client.get(URL)

    content = response.content.decode()
    assert response.status_code == 403
    assert "Bamberg" not in content
    assert "Entscheidung" not in content


@pytest.mark.parametrize("items", [1, 3])
def test_home_query_count(organiser_client, series, django_assert_num_queries, items):
    for _ in range(items):
        MembershipApplicationFactory(series=series)
        MembershipFactory(series=series)

    with django_assert_num_queries(7):
        organiser_client.get(URL)
