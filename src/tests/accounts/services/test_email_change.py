from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from stadtgespraeche.accounts import services
from stadtgespraeche.accounts.exceptions import EmailChangeInvalid, EmailChangeThrottled
from stadtgespraeche.core.models import AuditLog
from tests.factories.accounts import UserFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_request_email_change_mails_the_new_address_only():
    user = UserFactory(email="alt@example.org")

    token = services.request_email_change(user, new_email="Neu@Example.org")

    user.refresh_from_db()
    assert user.email == "alt@example.org"
    assert [m.to for m in mail.outbox] == [["neu@example.org"]]
    assert token in mail.outbox[0].body
    assert AuditLog.objects.get().data == {"new_email": "neu@example.org", "sent": True}


def test_request_email_change_to_a_taken_address_sends_nothing():
    UserFactory(email="vergeben@example.org")
    user = UserFactory(email="alt@example.org")

    token = services.request_email_change(user, new_email="vergeben@example.org")

    assert mail.outbox == []
    with pytest.raises(EmailChangeInvalid):
        services.confirm_email_change(token)


def test_confirm_email_change_changes_address_and_notifies_old(
    django_capture_on_commit_callbacks,
):
    user = UserFactory(email="alt@example.org")
    token = services.request_email_change(user, new_email="neu@example.org")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_email_change(token)

    user.refresh_from_db()
    assert user.email == "neu@example.org"
    assert [m.to for m in mail.outbox] == [["alt@example.org"]]
    assert "neu@example.org" in mail.outbox[0].body
    assert AuditLog.objects.filter(action="accounts.email_change.confirmed").count() == 1


def test_confirm_email_change_link_works_once():
    user = UserFactory(email="alt@example.org")
    token = services.request_email_change(user, new_email="neu@example.org")
    services.confirm_email_change(token)

    with pytest.raises(EmailChangeInvalid):
        services.confirm_email_change(token)


def test_confirm_email_change_link_expires():
    user = UserFactory(email="alt@example.org")
    token = services.request_email_change(user, new_email="neu@example.org")

    with (
        time_machine.travel(timezone.now() + timedelta(days=1, minutes=1)),
        pytest.raises(EmailChangeInvalid),
    ):
        services.confirm_email_change(token)


def test_confirm_email_change_rejects_a_tampered_token():
    user = UserFactory(email="alt@example.org")
    token = services.request_email_change(user, new_email="neu@example.org")

    with pytest.raises(EmailChangeInvalid):
        services.confirm_email_change(token[:-2] + "xx")


def test_confirm_email_change_refused_when_address_got_taken_meanwhile():
    user = UserFactory(email="alt@example.org")
    token = services.request_email_change(user, new_email="neu@example.org")
    UserFactory(email="neu@example.org")

    with pytest.raises(EmailChangeInvalid):
        services.confirm_email_change(token)


def test_confirm_email_change_refused_for_a_deactivated_account():
    user = UserFactory(email="alt@example.org")
    token = services.request_email_change(user, new_email="neu@example.org")
    user.is_active = False
    user.save()

    with pytest.raises(EmailChangeInvalid):
        services.confirm_email_change(token)


def test_request_email_change_is_throttled_after_three_requests():
    user = UserFactory(email="alt@example.org")
    for number in range(3):
        services.request_email_change(user, new_email=f"neu{number}@example.org")

    with pytest.raises(EmailChangeThrottled):
        services.request_email_change(user, new_email="opfer@example.org")

    assert "opfer@example.org" not in [m.to[0] for m in mail.outbox]
