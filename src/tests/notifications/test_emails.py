"""The notification e-mail: language, plain text, one-click unsubscribe headers, tokens."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from stadtgespraeche.notifications import emails, services, tokens
from stadtgespraeche.notifications.enums import ALL_KINDS
from stadtgespraeche.notifications.models import Notification
from tests.factories.accounts import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.unit]


def _notify(person, **options):
    return services.notify([person], kind="test.kind", title="Ein Thema wurde geplant", **options)


def test_immediate_mail_has_one_click_unsubscribe_headers(django_capture_on_commit_callbacks):
    person = UserFactory(language="de")

    with django_capture_on_commit_callbacks(execute=True):
        _notify(person, url="/themen/x/", body="Mehr dazu")

    [message] = mail.outbox
    assert message.to == [person.email]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://testserver/benachrichtigungen/abmelden/")
    url = unsubscribe.strip("<>")
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert tokens.read_token(token) == tokens.UnsubscribeRequest(person.pk, "test.kind")
    assert url in message.body
    assert "http://testserver/benachrichtigungen/einstellungen/" in message.body
    assert "http://testserver/themen/x/" in message.body
    assert "Mehr dazu" in message.body
    assert message.subject.startswith("Ein Thema wurde geplant")
    assert message.body.startswith("Guten Tag")
    # Plain text only (no HTML alternative is needed for these short messages).
    assert message.alternatives == []


@override_settings(NOTIFICATIONS_UNSUBSCRIBE_MAILTO="abmelden@example.org")
def test_unsubscribe_header_adds_mailto_when_configured(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _notify(UserFactory())

    header = mail.outbox[0].extra_headers["List-Unsubscribe"]
    assert header.endswith(", <mailto:abmelden@example.org?subject=unsubscribe>")


def test_immediate_mail_in_recipient_language(django_capture_on_commit_callbacks):
    person = UserFactory(language="en")

    with django_capture_on_commit_callbacks(execute=True):
        _notify(person)

    assert "Hello" in mail.outbox[0].body
    assert "Notification settings" in mail.outbox[0].body


def test_send_immediately_never_twice(django_capture_on_commit_callbacks):
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = _notify(person)

    assert emails.send_immediately(notification.pk) is False
    assert len(mail.outbox) == 1


def test_send_immediately_skips_inactive_recipient():
    person = UserFactory()
    [notification] = _notify(person)
    person.is_active = False
    person.save()

    assert emails.send_immediately(notification.pk) is False
    assert mail.outbox == []
    # Claimed anyway: it will not turn up in a digest later either.
    assert Notification.objects.get(pk=notification.pk).emailed_at is not None


def test_send_immediately_logs_a_failed_delivery(monkeypatch, caplog):
    person = UserFactory()
    [notification] = _notify(person)

    def broken(**kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr(emails, "send_templated_mail", broken)

    assert emails.send_immediately(notification.pk) is False
    assert "could not be sent" in caplog.text


def test_token_round_trip_for_all_kinds():
    token = tokens.make_token(42)

    assert tokens.read_token(token) == tokens.UnsubscribeRequest(42, ALL_KINDS)


def test_tampered_token_is_rejected():
    token = tokens.make_token(42, "test.kind")
    payload, rest = token.split(":", 1)

    assert tokens.read_token(payload[:-2] + "xx:" + rest) is None
    assert tokens.read_token("nonsense") is None
    assert tokens.read_token(token + "a") is None


def test_token_with_other_salt_is_rejected():
    from django.core import signing

    forged = signing.dumps({"u": 42, "k": "*"}, salt="another.purpose")

    assert tokens.read_token(forged) is None


@pytest.mark.parametrize("payload", [["u", 1], {"u": "42", "k": "*"}, {"u": 42, "k": ""}])
def test_token_with_malformed_payload_is_rejected(payload):
    from django.core import signing

    assert tokens.read_token(signing.dumps(payload, salt=tokens.SALT)) is None


@override_settings(NOTIFICATIONS_UNSUBSCRIBE_MAX_AGE_DAYS=30)
def test_expired_token_is_rejected():
    token = tokens.make_token(42)

    with time_machine.travel(timezone.now() + timedelta(days=29)):
        assert tokens.read_token(token) is not None
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert tokens.read_token(token) is None
