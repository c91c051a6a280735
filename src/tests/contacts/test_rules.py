"""Rules matrix for contacts: role × relation × contact request state."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from stadtgespraeche.contacts.models import AbuseReport, ContactRequest, ContactRequestStatus
from tests.factories.accounts import UserFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

ROLES = ["councillor", "coordinator", "speaker", "organiser"]
STATES = [s.value for s in ContactRequestStatus]


def _request(sender_role="councillor", recipient_role="councillor", status="pending"):
    return ContactRequest.objects.create(
        sender=UserFactory(role=sender_role),
        recipient=UserFactory(role=recipient_role),
        message="Hallo",
        status=status,
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", STATES)
@pytest.mark.parametrize("relation", ["sender", "recipient", "third"])
def test_contact_request_permissions_matrix(role, status, relation):
    contact_request = _request(sender_role=role, recipient_role=role, status=status)
    user = {
        "sender": contact_request.sender,
        "recipient": contact_request.recipient,
        "third": UserFactory(role=role),
    }[relation]
    member = role != "organiser"
    pending = status == "pending"

    assert user.has_perm("contacts.view_contactrequest", contact_request) == (
        member and relation != "third"
    )
    assert user.has_perm("contacts.answer_contactrequest", contact_request) == (
        member and relation == "recipient" and pending
    )
    assert user.has_perm("contacts.withdraw_contactrequest", contact_request) == (
        member and relation == "sender" and pending
    )


@pytest.mark.parametrize("status", STATES)
def test_contact_request_permissions_denied_to_anonymous_and_inactive(status):
    contact_request = _request(status=status)
    inactive = contact_request.recipient
    inactive.is_active = False

    for user in (AnonymousUser(), inactive):
        for permission in ("view", "answer", "withdraw"):
            assert not user.has_perm(f"contacts.{permission}_contactrequest", contact_request)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("councillor", {"contacts": True, "suggestions": True, "request": True, "groups": False}),
        ("coordinator", {"contacts": True, "suggestions": False, "request": True, "groups": False}),
        ("speaker", {"contacts": True, "suggestions": False, "request": True, "groups": False}),
        ("organiser", {"contacts": False, "suggestions": False, "request": False, "groups": True}),
        ("anonymous", {"contacts": False, "suggestions": False, "request": False, "groups": False}),
    ],
)
def test_person_permissions_by_role(role, expected):
    user = AnonymousUser() if role == "anonymous" else UserFactory(role=role)
    other = UserFactory()

    assert user.has_perm("contacts.view_contacts") == expected["contacts"]
    assert user.has_perm("contacts.view_suggestions") == expected["suggestions"]
    assert user.has_perm("contacts.hide_suggestion", other) == expected["suggestions"]
    for permission in ("add_contactrequest", "block_person", "report_person"):
        assert user.has_perm(f"contacts.{permission}", other) == expected["request"]
    assert user.has_perm("contacts.suggest_groups") == expected["groups"]
    assert user.has_perm("contacts.view_abusereport") == expected["groups"]


@pytest.mark.parametrize("permission", ["add_contactrequest", "block_person", "report_person"])
def test_no_contact_actions_towards_oneself(permission):
    user = UserFactory()

    assert not user.has_perm(f"contacts.{permission}", user)
    assert not user.has_perm("contacts.hide_suggestion", user)


@pytest.mark.parametrize(("handled", "expected"), [(False, True), (True, False)])
def test_handle_abuse_report_only_while_open(handled, expected):
    report = AbuseReport.objects.create(
        reporter=UserFactory(),
        reported=UserFactory(),
        reason="Spam",
        handled_at=timezone.now() if handled else None,
    )
    assert UserFactory(role="organiser").has_perm("contacts.handle_abusereport", report) == expected
    assert not UserFactory().has_perm("contacts.handle_abusereport", report)
