"""Role × state matrix of the notifications permissions."""

import pytest
from django.contrib.auth.models import AnonymousUser

from stadtgespraeche.notifications import services
from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory
from tests.factories.events import EventFactory
from tests.factories.topics import TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.unit]

ROLES = {
    "organiser": OrganiserFactory,
    "coordinator": CoordinatorFactory,
    "councillor": UserFactory,
    "speaker": lambda: UserFactory(role="speaker"),
}


@pytest.mark.parametrize("role", ROLES)
def test_every_active_role_has_a_centre_settings_and_follows(role):
    person = ROLES[role]()

    assert person.has_perm("notifications.view_notifications")
    assert person.has_perm("notifications.change_preferences")
    assert person.has_perm("notifications.follow", TopicFactory())
    assert person.has_perm("notifications.follow", EventFactory())


@pytest.mark.parametrize("role", ROLES)
def test_only_the_recipient_may_change_a_notification(role):
    person = ROLES[role]()
    [own] = services.notify([person], kind="test.kind", title="Meins")
    [foreign] = services.notify([UserFactory()], kind="test.kind", title="Fremd")

    assert person.has_perm("notifications.change_notification", own)
    assert not person.has_perm("notifications.change_notification", foreign)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("organiser", True), ("coordinator", False), ("councillor", False), ("speaker", False)],
)
def test_draft_events_can_be_followed_only_by_organisers(role, allowed):
    person = ROLES[role]()

    assert person.has_perm("notifications.follow", EventFactory(status="draft")) is allowed


def test_inactive_and_anonymous_people_have_no_permissions():
    inactive = UserFactory(is_active=False)
    anonymous = AnonymousUser()

    for person in (inactive, anonymous):
        assert not person.has_perm("notifications.view_notifications")
        assert not person.has_perm("notifications.change_preferences")
        assert not person.has_perm("notifications.follow", TopicFactory())


def test_unregistered_models_cannot_be_followed():
    person = UserFactory()

    assert not person.has_perm("notifications.follow", UserFactory())
    assert not person.has_perm("notifications.follow", None)
