"""Role × editorial state matrix of the knowledge permissions."""

import pytest
from django.contrib.auth.models import AnonymousUser

from stadtgespraeche.knowledge.enums import EditorialState
from tests.factories.accounts import UserFactory
from tests.factories.knowledge import PracticeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.unit]

D, R, P = EditorialState.DRAFT, EditorialState.IN_REVIEW, EditorialState.PUBLISHED

# permission → state → set of viewers who have it
MATRIX = {
    "knowledge.view_practice": {
        D: {"author", "coordinator", "organiser"},
        R: {"author", "coordinator", "organiser"},
        P: {"author", "coordinator", "organiser", "other_coordinator", "councillor", "anonymous"},
    },
    "knowledge.change_practice": {
        D: {"author", "coordinator", "organiser"},
        R: {"coordinator", "organiser"},
        P: {"coordinator", "organiser"},
    },
    "knowledge.submit_practice": {
        D: {"author", "coordinator", "organiser"},
        R: set(),
        P: set(),
    },
    "knowledge.review_practice": {
        D: set(),
        R: {"coordinator", "organiser"},
        P: set(),
    },
    "knowledge.unpublish_practice": {
        D: set(),
        R: set(),
        P: {"coordinator", "organiser"},
    },
    "knowledge.delete_practice": {
        D: {"author", "organiser"},
        R: {"organiser"},
        P: {"organiser"},
    },
    "knowledge.view_versions": {
        D: {"author", "coordinator", "organiser"},
        R: {"author", "coordinator", "organiser"},
        P: {"author", "coordinator", "organiser"},
    },
}

CASES = [
    (permission, state, viewer)
    for permission, states in MATRIX.items()
    for state in states
    for viewer in (
        "author",
        "coordinator",
        "other_coordinator",
        "councillor",
        "organiser",
        "anonymous",
    )
]


@pytest.mark.parametrize(("permission", "state", "viewer"), CASES)
def test_matrix(permission, state, viewer, city, coordinator, other_coordinator, organiser):
    author = UserFactory()
    practice = PracticeFactory(state=state, author=author, municipalities=[city])
    people = {
        "author": author,
        "coordinator": coordinator,
        "other_coordinator": other_coordinator,
        "councillor": UserFactory(),
        "organiser": organiser,
        "anonymous": AnonymousUser(),
    }

    allowed = people[viewer].has_perm(permission, practice)

    assert allowed == (viewer in MATRIX[permission][state])


@pytest.mark.parametrize(
    ("viewer", "allowed"),
    [("councillor", True), ("coordinator", True), ("organiser", True), ("speaker", False)],
)
def test_who_may_write(viewer, allowed, coordinator, organiser):
    people = {
        "councillor": UserFactory(),
        "coordinator": coordinator,
        "organiser": organiser,
        "speaker": UserFactory(role="speaker"),
    }
    assert people[viewer].has_perm("knowledge.add_practice") is allowed
    assert AnonymousUser().has_perm("knowledge.add_practice") is False


def test_inactive_author_loses_access_to_draft(city):
    author = UserFactory(is_active=False)
    practice = PracticeFactory(state=D, author=author, municipalities=[city])
    assert not author.has_perm("knowledge.view_practice", practice)
