"""Role × state matrix: who manages Stadtgespräche and who sees them."""

import pytest
from django.contrib.auth.models import AnonymousUser

from stadtgespraeche.events import queries
from stadtgespraeche.events.enums import Confidentiality, EventStatus
from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory
from tests.factories.events import EventFactory

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
def test_manage_events_only_for_active_organisers(role):
    assert _user(role).has_perm("events.manage_events") == (role == "organiser")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", list(EventStatus))
@pytest.mark.parametrize("confidentiality", list(Confidentiality))
def test_event_visibility_matrix(role, status, confidentiality):
    event = EventFactory(status=status, confidentiality=confidentiality)
    user = _user(role)

    visible = queries.visible_events(user).filter(pk=event.pk).exists()

    if role == "organiser":
        expected = True
    elif status == EventStatus.DRAFT:
        expected = False
    elif confidentiality == Confidentiality.PUBLIC:
        expected = True
    else:
        expected = role in {"councillor", "speaker", "coordinator"}
    assert visible == expected
