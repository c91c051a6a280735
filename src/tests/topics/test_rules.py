import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory
from tests.factories.topics import TopicFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

ROLES = {
    "anonymous": lambda: AnonymousUser(),
    "councillor": UserFactory,
    "coordinator": CoordinatorFactory,
    "organiser": OrganiserFactory,
    "inactive organiser": lambda: OrganiserFactory(is_active=False),
}


@pytest.mark.parametrize(
    ("role", "topic_active", "expected"),
    [
        ("anonymous", True, True),
        ("anonymous", False, False),
        ("councillor", True, True),
        ("councillor", False, False),
        ("coordinator", True, True),
        ("coordinator", False, False),
        ("organiser", True, True),
        ("organiser", False, True),
    ],
)
def test_view_topic(role, topic_active, expected):
    user = ROLES[role]()
    topic = TopicFactory(is_active=topic_active)

    assert user.has_perm("topics.view_topic", topic) is expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", False),
        ("councillor", False),
        ("coordinator", False),
        ("organiser", True),
        ("inactive organiser", False),
    ],
)
@pytest.mark.parametrize("perm", ["topics.add_topic", "topics.change_topic"])
def test_edit_catalogue(role, expected, perm):
    user = ROLES[role]()

    assert user.has_perm(perm) is expected
