"""Role × event status matrix for registering, and who sees the participant list."""

import pytest
from django.contrib.auth.models import AnonymousUser

from stadtgespraeche.events.enums import AttendanceMode, EventStatus
from stadtgespraeche.registrations.enums import RegistrationStatus as Status
from stadtgespraeche.registrations.exceptions import RegistrationError
from stadtgespraeche.registrations.models import Registration
from stadtgespraeche.registrations.services import registration as services
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.registrations import RegistrationFactory
from tests.registrations.helpers import coordinator_with_councillor, open_event

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

ROLES = ["anonymous", "councillor", "speaker", "coordinator", "organiser"]
ORGANISER_STATUSES = {
    EventStatus.PUBLISHED,
    EventStatus.REGISTRATION_OPEN,
    EventStatus.REGISTRATION_CLOSED,
}


def _actor_and_person(role):
    """The acting person and whom they try to register."""
    if role == "anonymous":
        return AnonymousUser(), UserFactory()
    if role == "organiser":
        return OrganiserFactory(), UserFactory()
    if role == "coordinator":
        return coordinator_with_councillor()
    person = UserFactory(role=role)
    return person, person


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", list(EventStatus))
def test_register_matrix(role, status):
    event = open_event(status=status)
    actor, person = _actor_and_person(role)

    try:
        services.register(event, person=person, by=actor, mode=AttendanceMode.IN_PERSON)
    except RegistrationError:
        registered = False
    else:
        registered = True

    if role == "organiser":
        expected = status in ORGANISER_STATUSES
    else:
        expected = role in {"councillor", "coordinator"} and status == EventStatus.REGISTRATION_OPEN
    assert registered == expected
    assert Registration.objects.filter(event=event).exists() == expected


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", list(EventStatus))
def test_register_permissions_matrix(role, status):
    event = open_event(status=status)
    actor, _person = _actor_and_person(role)
    is_open = status == EventStatus.REGISTRATION_OPEN

    assert actor.has_perm("registrations.register_self", event) == (
        role == "councillor" and is_open
    )
    assert actor.has_perm("registrations.register_councillors", event) == (
        role == "coordinator" and is_open
    )
    assert actor.has_perm("registrations.manage_registrations") == (role == "organiser")


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        ("anonymous", False),
        ("stranger", False),
        ("waitlisted", False),
        ("cancelled", False),
        ("registered", True),
        ("attended", True),
        ("organiser", True),
    ],
)
def test_participant_list_visibility(viewer, expected):
    event = open_event()
    if viewer == "anonymous":
        user = AnonymousUser()
    elif viewer == "stranger":
        user = UserFactory()
    elif viewer == "organiser":
        user = OrganiserFactory()
    else:
        user = RegistrationFactory(event=event, status=Status(viewer)).user

    assert user.has_perm("registrations.view_participant_list", event) == expected


# Who sees the coordinator's list of councillors with their registrations.
COUNCILLOR_LIST = {
    "anonymous": False,
    "councillor": False,
    "coordinator": True,
    "coordinator without municipality": False,
    "inactive coordinator": False,
    "organiser": False,
}


@pytest.mark.parametrize("role", COUNCILLOR_LIST)
def test_view_councillor_registrations_matrix(role):
    from tests.factories.accounts import CoordinatorFactory

    coordinator, councillor = coordinator_with_councillor()
    person = {
        "anonymous": AnonymousUser(),
        "councillor": councillor,
        "coordinator": coordinator,
        "coordinator without municipality": CoordinatorFactory(),
        "inactive coordinator": coordinator,
        "organiser": OrganiserFactory(),
    }[role]
    if role == "inactive coordinator":
        person.is_active = False
        person.save()

    allowed = person.has_perm("registrations.view_councillor_registrations")

    assert allowed is COUNCILLOR_LIST[role]
