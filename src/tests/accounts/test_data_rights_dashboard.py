"""The organisers' list of pending deletions: dates and role, never names or addresses."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from stadtgespraeche.accounts import services
from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = reverse("dashboard:deletion-list")


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("organiser", True), ("coordinator", False), ("councillor", False), ("speaker", False)],
)
def test_view_deletionrequest_permission_matrix(role, allowed):
    assert UserFactory(role=role).has_perm("accounts.view_deletionrequest") is allowed


def test_inactive_organiser_may_not_view_deletions():
    assert not UserFactory(role="organiser", is_active=False).has_perm(
        "accounts.view_deletionrequest"
    )


def test_deletion_list_shows_pending_requests_without_personal_data(client):
    person = UserFactory(email="rita@example.org", first_name="Rita", last_name="Ratsfrau")
    pending = services.request_account_deletion(person, send_email=False)
    cancelled = services.request_account_deletion(UserFactory(), send_email=False)
    services.cancel_account_deletion(cancelled.token)
    client.force_login(OrganiserFactory())

    response = client.get(URL)

    assert [d.pk for d in response.context["page_obj"]] == [pending.pk]
    assert "1 ausstehende Löschung" in response.text
    assert "Ratsmitglied" in response.text
    assert "Ratsfrau" not in response.text
    assert "rita@example.org" not in response.text


def test_deletion_list_is_empty_after_processing(client):
    services.request_account_deletion(UserFactory(), send_email=False)
    services.process_due_deletions(now=timezone.now() + timedelta(days=15))
    client.force_login(OrganiserFactory())

    response = client.get(URL)

    assert "Es stehen keine Kontolöschungen an." in response.text


def test_deletion_list_is_refused_for_coordinators(client):
    person = UserFactory(last_name="Ratsfrau")
    services.request_account_deletion(person, send_email=False)
    client.force_login(CoordinatorFactory())

    response = client.get(URL)

    assert response.status_code == 403
    assert "Ratsfrau" not in response.text


def test_deletion_list_redirects_anonymous_visitors(client):
    response = client.get(URL)

    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("count", [1, 3])
def test_deletion_list_query_count(client, count, django_assert_num_queries):
    for _ in range(count):
        services.request_account_deletion(UserFactory(), send_email=False)
    client.force_login(OrganiserFactory())

    with django_assert_num_queries(5):
        client.get(URL)
