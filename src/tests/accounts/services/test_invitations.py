from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from stadtgespraeche.accounts import services
from stadtgespraeche.accounts.enums import Role
from stadtgespraeche.accounts.exceptions import AlreadyActive, InvitationInvalid
from stadtgespraeche.core.models import AuditLog
from tests.factories.accounts import OrganiserFactory, UserFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_invite_user_creates_inactive_account_and_sends_link(django_capture_on_commit_callbacks):
    organiser = OrganiserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        user, invitation = services.invite_user(
            email="Neu@Example.org", role=Role.COORDINATOR, invited_by=organiser
        )

    assert user.email == "neu@example.org"
    assert user.is_active is False
    assert user.has_usable_password() is False
    assert user.role == Role.COORDINATOR
    assert invitation.status == "pending"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["neu@example.org"]
    assert invitation.get_accept_path(invitation.token) in mail.outbox[0].body
    assert invitation.token not in invitation.token_hash
    assert AuditLog.objects.get().action == "accounts.invitation.sent"


def test_invite_user_refuses_active_account():
    UserFactory(email="aktiv@example.org")

    with pytest.raises(AlreadyActive):
        services.invite_user(email="aktiv@example.org", role=Role.COUNCILLOR, invited_by=None)


def test_reinvite_revokes_the_older_link():
    _, first = services.invite_user(email="a@example.org", role=Role.COUNCILLOR, invited_by=None)
    _, second = services.invite_user(email="a@example.org", role=Role.COUNCILLOR, invited_by=None)

    with pytest.raises(InvitationInvalid):
        services.invitation_for_token(first.token)
    assert services.invitation_for_token(second.token) == second


def test_accept_invitation_activates_once():
    _, invitation = services.invite_user(
        email="b@example.org", role=Role.COUNCILLOR, invited_by=None
    )

    user = services.accept_invitation(invitation.token, password="ein-gutes-passwort-42")

    assert user.is_active is True
    assert user.check_password("ein-gutes-passwort-42") is True
    with pytest.raises(InvitationInvalid):
        services.accept_invitation(invitation.token, password="noch-ein-passwort-42")


def test_expired_invitation_is_invalid():
    _, invitation = services.invite_user(
        email="c@example.org", role=Role.COUNCILLOR, invited_by=None
    )

    with (
        time_machine.travel(timezone.now() + timedelta(days=15)),
        pytest.raises(InvitationInvalid),
    ):
        services.invitation_for_token(invitation.token)


def test_revoke_invitation_makes_it_invalid_and_audits():
    _, invitation = services.invite_user(
        email="d@example.org", role=Role.COUNCILLOR, invited_by=None, send_email=False
    )

    services.revoke_invitation(invitation, by=None)

    with pytest.raises(InvitationInvalid):
        services.invitation_for_token(invitation.token)
    assert AuditLog.objects.filter(action="accounts.invitation.revoked").count() == 1


def test_revoke_invitation_refuses_a_used_one():
    _, invitation = services.invite_user(
        email="e@example.org", role=Role.COUNCILLOR, invited_by=None, send_email=False
    )
    services.accept_invitation(invitation.token, password="ein-gutes-passwort-42")
    invitation.refresh_from_db()

    with pytest.raises(InvitationInvalid):
        services.revoke_invitation(invitation, by=None)


def test_resend_invitation_replaces_the_link(django_capture_on_commit_callbacks):
    _, invitation = services.invite_user(
        email="f@example.org", role=Role.COORDINATOR, invited_by=None, send_email=False
    )

    with django_capture_on_commit_callbacks(execute=True):
        new = services.resend_invitation(invitation, by=None)

    invitation.refresh_from_db()
    assert invitation.status == "revoked"
    assert new.status == "pending"
    assert new.user.role == Role.COORDINATOR
    assert [m.to for m in mail.outbox] == [["f@example.org"]]


def test_resend_invitation_refuses_a_revoked_one():
    _, invitation = services.invite_user(
        email="g@example.org", role=Role.COUNCILLOR, invited_by=None, send_email=False
    )
    services.revoke_invitation(invitation, by=None)

    with pytest.raises(InvitationInvalid):
        services.resend_invitation(invitation, by=None)


def test_invitation_mail_greets_by_name_names_municipality_and_network(
    django_capture_on_commit_callbacks,
):
    organiser = OrganiserFactory(first_name="Olga", last_name="Organisiert")

    with django_capture_on_commit_callbacks(execute=True):
        services.invite_user(
            email="rm.eins@example.org",
            role=Role.COUNCILLOR,
            invited_by=organiser,
            first_name="Rita",
            last_name="Rat",
            municipality_name="Kaiserslautern",
        )

    body = mail.outbox[0].body
    assert body.startswith("Guten Tag Rita Rat,")
    assert "Guten Tag rm.eins" not in body
    assert "Olga Organisiert hat Sie für Kaiserslautern zur Plattform" in body
    assert "überparteilicher Austausch von Ratsmitgliedern aus Smart-City-Kommunen" in body


def test_invitation_mail_without_name_never_greets_the_address(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_user(email="rm.eins@example.org", role=Role.COUNCILLOR, invited_by=None)

    body = mail.outbox[0].body
    assert body.startswith("Guten Tag,")
    assert "rm.eins@example.org" not in body
    assert "Sie wurden zur Plattform der Smarten Stadtgespräche eingeladen" in body
