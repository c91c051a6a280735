import pytest
from django.contrib.auth.models import AnonymousUser

from stadtgespraeche.people.rules import is_coordinator_of
from tests.factories.accounts import UserFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.people import AffiliationFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def _person(kind, municipality):
    """A person in one of the states relevant to a municipality."""
    if kind == "anonymous":
        return AnonymousUser()
    if kind == "organiser":
        return UserFactory(role="organiser")
    if kind == "coordinator_here":
        user = UserFactory(role="coordinator")
        AffiliationFactory(user=user, municipality=municipality, role="coordinator")
        return user
    if kind == "coordinator_here_inactive":
        user = UserFactory(role="coordinator", is_active=False)
        AffiliationFactory(user=user, municipality=municipality, role="coordinator")
        return user
    if kind == "coordinator_elsewhere":
        user = UserFactory(role="coordinator")
        AffiliationFactory(user=user, role="coordinator")
        return user
    if kind == "councillor_here":
        user = UserFactory(role="councillor")
        AffiliationFactory(user=user, municipality=municipality, role="councillor")
        return user
    if kind == "speaker":
        return UserFactory(role="speaker")
    raise AssertionError(kind)


MATRIX = [
    # person, invite_person, invite_councillor, invite_coordinator, is_coordinator_of
    ("anonymous", False, False, False, False),
    ("organiser", True, True, True, False),
    ("coordinator_here", True, True, False, True),
    ("coordinator_here_inactive", False, False, False, False),
    ("coordinator_elsewhere", True, False, False, False),
    ("councillor_here", False, False, False, False),
    ("speaker", False, False, False, False),
]


@pytest.mark.parametrize(
    ("kind", "invite_person", "invite_councillor", "invite_coordinator", "coordinates"), MATRIX
)
def test_directory_rules_matrix(
    kind, invite_person, invite_councillor, invite_coordinator, coordinates
):
    municipality = MunicipalityFactory()
    person = _person(kind, municipality)

    assert {
        "invite_person": person.has_perm("people.invite_person"),
        "invite_councillor": person.has_perm("people.invite_councillor", municipality),
        "invite_coordinator": person.has_perm("people.invite_coordinator", municipality),
        "is_coordinator_of": is_coordinator_of(person, municipality),
    } == {
        "invite_person": invite_person,
        "invite_councillor": invite_councillor,
        "invite_coordinator": invite_coordinator,
        "is_coordinator_of": coordinates,
    }


def test_is_coordinator_of_without_municipality_is_false():
    assert is_coordinator_of(UserFactory(role="coordinator"), None) is False


# Who edits the public profile of a municipality: its active coordinators only.
PROFILE_MATRIX = {
    "anonymous": False,
    "organiser": False,
    "coordinator_here": True,
    "coordinator_here_inactive": False,
    "coordinator_elsewhere": False,
    "councillor_here": False,
    "speaker": False,
}


@pytest.mark.parametrize("kind", PROFILE_MATRIX)
def test_edit_municipality_profile_matrix(kind):
    municipality = MunicipalityFactory()
    person = _person(kind, municipality)

    allowed = person.has_perm("people.edit_municipality_profile", municipality)

    assert allowed is PROFILE_MATRIX[kind]
