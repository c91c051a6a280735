import pytest
from django.urls import reverse

from tests.factories.accounts import CoordinatorFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

HOME = reverse("accounts:home")


def test_home_shows_own_data_and_security_links(client):
    user = UserFactory(email="rat@example.org", first_name="Erika", last_name="Muster")
    client.force_login(user)

    response = client.get(HOME)

    assert "rat@example.org" in response.text
    assert "Erika Muster" in response.text
    for name in ("password-change", "email-change", "two-factor"):
        assert reverse(f"accounts:{name}") in response.text


def test_home_councillor_sees_no_invitation_link(client):
    client.force_login(UserFactory())

    response = client.get(HOME)

    assert reverse("people:invite-start") not in response.text


def test_home_coordinator_sees_invitation_link(client):
    client.force_login(CoordinatorFactory())

    response = client.get(HOME)

    assert reverse("people:invite-start") in response.text


def test_home_needs_login(client):
    response = client.get(HOME)

    assert response.url.startswith(reverse("accounts:login"))


def test_home_organiser_sees_audit_log_link(client):
    from tests.factories.accounts import OrganiserFactory

    client.force_login(OrganiserFactory())

    response = client.get(HOME)

    assert reverse("dashboard:audit-log") in response.text


def test_home_coordinator_sees_no_audit_log_link(client):
    client.force_login(CoordinatorFactory())

    response = client.get(HOME)

    assert reverse("dashboard:audit-log") not in response.text
