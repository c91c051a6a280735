"""Roles × thread owner visibility × post state for the discussions permissions."""

import pytest
from django.contrib.auth.models import AnonymousUser

from stadtgespraeche.discussions import access
from stadtgespraeche.events.enums import Confidentiality, EventStatus
from stadtgespraeche.registrations.enums import RegistrationStatus
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.discussions import (
    EventThreadFactory,
    MunicipalityThreadFactory,
    PostFactory,
    TopicThreadFactory,
)
from tests.factories.registrations import RegistrationFactory

pytestmark = pytest.mark.integration

ROLES = ["anonymous", "member", "participant", "organiser", "inactive"]


def make_user(role, event=None):
    if role == "anonymous":
        return AnonymousUser()
    if role == "organiser":
        return OrganiserFactory()
    person = UserFactory(is_active=role != "inactive")
    if role == "participant" and event is not None:
        RegistrationFactory(event=event, user=person, status=RegistrationStatus.REGISTERED)
    return person


def event_thread(owner):
    confidentiality, status = {
        "public": (Confidentiality.PUBLIC, EventStatus.PUBLISHED),
        "network": (Confidentiality.NETWORK, EventStatus.PUBLISHED),
        "chatham": (Confidentiality.CHATHAM_HOUSE, EventStatus.PUBLISHED),
        "draft": (Confidentiality.PUBLIC, EventStatus.DRAFT),
    }[owner]
    link = EventThreadFactory(event__confidentiality=confidentiality, event__status=status)
    return link.thread, link.event


# (view, post, names) per role for each owner.
EVENT_MATRIX = {
    "public": {
        "anonymous": (True, False, True),
        "member": (True, True, True),
        "participant": (True, True, True),
        "organiser": (True, True, True),
        "inactive": (True, False, True),
    },
    "network": {
        "anonymous": (False, False, True),
        "member": (True, True, True),
        "participant": (True, True, True),
        "organiser": (True, True, True),
        "inactive": (False, False, True),
    },
    "chatham": {
        "anonymous": (False, False, False),
        "member": (True, False, False),
        "participant": (True, True, True),
        "organiser": (True, True, True),
        "inactive": (False, False, False),
    },
    "draft": {
        "anonymous": (False, False, True),
        "member": (False, False, True),
        "participant": (False, False, True),
        "organiser": (True, True, True),
        "inactive": (False, False, True),
    },
}


@pytest.mark.parametrize("owner", list(EVENT_MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_event_thread_access_matrix(db, owner, role):
    thread, event = event_thread(owner)
    user = make_user(role, event)

    result = (
        access.can_view(thread, user),
        access.can_post(thread, user),
        access.show_names(thread, user),
    )

    assert result == EVENT_MATRIX[owner][role]


@pytest.mark.parametrize("factory", [TopicThreadFactory, MunicipalityThreadFactory])
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", (False, False)),
        ("member", (True, True)),
        ("organiser", (True, True)),
        ("inactive", (False, False)),
    ],
)
def test_network_thread_access_matrix(db, factory, role, expected):
    thread = factory().thread
    user = make_user(role)

    assert (access.can_view(thread, user), access.can_post(thread, user)) == expected


STATES = ["visible", "deleted", "hidden"]

# (change, delete, report, hide, restore, reply) per role and post state, public thread.
POST_MATRIX = {
    ("author", "visible"): (True, True, False, False, False, True),
    ("author", "deleted"): (False, False, False, False, False, False),
    ("author", "hidden"): (False, True, False, False, False, False),
    ("member", "visible"): (False, False, True, False, False, True),
    ("member", "deleted"): (False, False, False, False, False, False),
    ("member", "hidden"): (False, False, False, False, False, False),
    ("organiser", "visible"): (False, True, True, True, False, True),
    ("organiser", "deleted"): (False, False, False, False, False, False),
    ("organiser", "hidden"): (False, True, False, False, True, False),
    ("anonymous", "visible"): (False, False, False, False, False, False),
    ("anonymous", "hidden"): (False, False, False, False, False, False),
}


@pytest.mark.parametrize(("role", "state"), list(POST_MATRIX))
def test_post_permission_matrix(db, role, state):
    from django.utils import timezone

    thread, _event = event_thread("public")
    author = UserFactory()
    post = PostFactory(thread=thread, author=author)
    if state == "deleted":
        post.deleted_at = timezone.now()
    elif state == "hidden":
        post.hidden_at = timezone.now()
    post.save()
    user = author if role == "author" else make_user(role)

    result = tuple(
        user.has_perm(f"discussions.{perm}", post)
        for perm in [
            "change_post",
            "delete_post",
            "report_post",
            "hide_post",
            "restore_post",
            "reply_post",
        ]
    )

    assert result == POST_MATRIX[(role, state)]


@pytest.mark.parametrize(
    ("role", "expected"), [("anonymous", False), ("member", False), ("organiser", True)]
)
def test_moderate_permission(db, role, expected):
    assert make_user(role).has_perm("discussions.moderate") is expected
