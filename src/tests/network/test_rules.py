"""Role × state matrix of the events permissions."""

import pytest
from django.contrib.auth.models import AnonymousUser

from stadtgespraeche.network.enums import ApplicationStatus
from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory
from tests.factories.network import MembershipApplicationFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

ROLES = ["anonymous", "councillor", "speaker", "coordinator", "organiser", "inactive_organiser"]


def _user(role):
    if role == "anonymous":
        return AnonymousUser()
    if role == "organiser":
        return OrganiserFactory()
    if role == "inactive_organiser":
        return OrganiserFactory(is_active=False)
    if role == "coordinator":
        return CoordinatorFactory()
    return UserFactory(role=role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "perm",
    ["network.view_network_overview", "network.review_applications", "network.manage_memberships"],
)
def test_organiser_permissions_by_role(role, perm):
    assert _user(role).has_perm(perm) is (role == "organiser")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "status",
    [ApplicationStatus.PENDING, ApplicationStatus.ACCEPTED, ApplicationStatus.DECLINED],
)
def test_decide_application_by_role_and_state(role, status):
    application = MembershipApplicationFactory(status=status)

    allowed = _user(role).has_perm("network.decide_application", application)

    assert allowed is (role == "organiser" and status == ApplicationStatus.PENDING)
