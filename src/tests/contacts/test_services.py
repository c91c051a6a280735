"""Contact services: every exit path of requests, answers, blocks, reports, hidden suggestions."""

import pytest
from django.core import mail

from stadtgespraeche.contacts import services
from stadtgespraeche.contacts.models import (
    AbuseReport,
    Block,
    ContactRequest,
    ContactRequestStatus,
    HiddenSuggestion,
)
from stadtgespraeche.contacts.queries import accepted_contact_between
from stadtgespraeche.core.models import AuditLog
from tests.factories.accounts import UserFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.people import ProfileFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _person(first_name="Rita", last_name="Rat", *, identity="network", **kwargs):
    user = UserFactory(first_name=first_name, last_name=last_name, **kwargs)
    ProfileFactory(
        user=user,
        municipality=MunicipalityFactory(name=f"Stadt {first_name}"),
        identity_visibility=identity,
    )
    return user


@pytest.fixture
def alice():
    return _person("Alice", "Abel")


@pytest.fixture
def bob():
    return _person("Bob", "Berg")


def _request(sender, recipient, message="Hallo, wollen wir uns austauschen?"):
    return services.request_contact(sender, recipient, message=message)


def test_request_contact_creates_request_mails_recipient_and_audits(
    alice, bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        contact_request = _request(alice, bob)

    assert contact_request.status == ContactRequestStatus.PENDING
    assert contact_request.message == "Hallo, wollen wir uns austauschen?"
    (message,) = mail.outbox
    assert message.to == [bob.email]
    assert message.subject == "Alice Abel möchte mit Ihnen in Kontakt kommen"
    assert "Alice Abel (Stadt Alice) bittet Sie" in message.body
    assert "Hallo, wollen wir uns austauschen?" in message.body
    assert "http://testserver/verzeichnis/kontakte/" in message.body
    assert alice.email not in message.body
    assert AuditLog.objects.filter(action="directory.contact_request.created").count() == 1


def test_request_contact_mail_hides_name_the_recipient_may_not_see(
    bob, django_capture_on_commit_callbacks
):
    hidden = _person("Hanna", "Heimlich", identity="organisers")

    with django_capture_on_commit_callbacks(execute=True):
        _request(hidden, bob)

    (message,) = mail.outbox
    assert "Hanna" not in message.subject
    assert "Hanna" not in message.body
    assert "Heimlich" not in message.body
    assert "Stadt Hanna" not in message.body
    assert "Ein Mitglied bittet Sie" in message.body


def test_request_contact_to_self_is_refused(alice):
    with pytest.raises(services.RequestToSelf):
        _request(alice, alice)


@pytest.mark.parametrize("direction", ["blocked_by_recipient", "blocked_by_sender"])
def test_request_contact_with_block_gives_neutral_error(alice, bob, direction):
    if direction == "blocked_by_recipient":
        Block.objects.create(blocker=bob, blocked=alice)
    else:
        Block.objects.create(blocker=alice, blocked=bob)

    with pytest.raises(services.NotAvailable) as error:
        _request(alice, bob)

    assert "gesperrt" not in str(error.value)
    assert ContactRequest.objects.count() == 0


def test_request_contact_to_inactive_person_gives_neutral_error(alice):
    inactive = _person("Ina", "Inaktiv", is_active=False)

    with pytest.raises(services.NotAvailable):
        _request(alice, inactive)


@pytest.mark.parametrize("from_other_side", [False, True])
def test_request_contact_twice_is_refused(alice, bob, from_other_side):
    _request(alice, bob)

    with pytest.raises(services.AlreadyRequested):
        _request(bob, alice) if from_other_side else _request(alice, bob)


def test_request_contact_when_already_connected_is_refused(alice, bob):
    services.accept_contact_request(_request(alice, bob), by=bob)

    with pytest.raises(services.AlreadyConnected):
        _request(bob, alice)


def test_request_contact_after_decline_is_possible(alice, bob):
    services.decline_contact_request(_request(alice, bob), by=bob)

    assert _request(alice, bob).status == ContactRequestStatus.PENDING


def test_request_contact_is_limited_to_ten_per_day(alice):
    for number in range(10):
        _request(alice, _person(f"Person{number}", "X"))

    with pytest.raises(services.RateLimited) as error:
        _request(alice, _person("Elf", "X"))

    assert "10 Kontaktanfragen" in str(error.value)
    assert ContactRequest.objects.filter(sender=alice).count() == 10


def test_accept_contact_request_shares_details_and_mails_sender(
    alice, bob, django_capture_on_commit_callbacks
):
    contact_request = _request(alice, bob)

    with django_capture_on_commit_callbacks(execute=True):
        services.accept_contact_request(contact_request, by=bob)

    contact_request.refresh_from_db()
    assert contact_request.status == ContactRequestStatus.ACCEPTED
    assert contact_request.responded_at is not None
    assert accepted_contact_between(alice, bob)
    assert accepted_contact_between(bob, alice)
    (message,) = mail.outbox
    assert message.to == [alice.email]
    assert "Bob Berg hat Ihre Kontaktanfrage angenommen." in message.body
    assert AuditLog.objects.filter(action="directory.contact_request.accepted").exists()


@pytest.mark.parametrize("service", ["accept_contact_request", "decline_contact_request"])
def test_only_the_recipient_answers(alice, bob, service):
    contact_request = _request(alice, bob)

    with pytest.raises(services.NotAllowed):
        getattr(services, service)(contact_request, by=alice)


def test_decline_contact_request_sends_no_mail(alice, bob, django_capture_on_commit_callbacks):
    contact_request = _request(alice, bob)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.decline_contact_request(contact_request, by=bob)

    assert contact_request.status == ContactRequestStatus.DECLINED
    assert mail.outbox == []
    assert not accepted_contact_between(alice, bob)


def test_withdraw_contact_request_by_sender_only(alice, bob):
    contact_request = _request(alice, bob)

    with pytest.raises(services.NotAllowed):
        services.withdraw_contact_request(contact_request, by=bob)
    services.withdraw_contact_request(contact_request, by=alice)

    contact_request.refresh_from_db()
    assert contact_request.status == ContactRequestStatus.WITHDRAWN


def test_answer_to_closed_request_is_refused(alice, bob):
    contact_request = _request(alice, bob)
    services.withdraw_contact_request(contact_request, by=alice)

    with pytest.raises(services.NotAllowed):
        services.accept_contact_request(ContactRequest.objects.get(), by=bob)


def test_block_person_closes_requests_and_ends_contact(alice, bob):
    carla = _person("Carla", "Chor")
    dora = _person("Dora", "Dach")
    accepted = services.accept_contact_request(_request(alice, bob), by=bob)
    incoming = _request(carla, alice)
    outgoing = _request(alice, dora)

    for other in (bob, carla, dora):
        services.block_person(alice, other)

    statuses = {
        item.pk: item.status
        for item in ContactRequest.objects.filter(pk__in=[accepted.pk, incoming.pk, outgoing.pk])
    }
    assert statuses == {
        accepted.pk: ContactRequestStatus.ENDED,
        incoming.pk: ContactRequestStatus.DECLINED,
        outgoing.pk: ContactRequestStatus.WITHDRAWN,
    }
    assert not accepted_contact_between(alice, bob)
    assert AuditLog.objects.filter(action="directory.person.blocked").count() == 3


def test_block_person_is_idempotent_and_refuses_self(alice, bob):
    first = services.block_person(alice, bob)

    assert services.block_person(alice, bob) == first
    assert Block.objects.count() == 1
    with pytest.raises(services.ContactError):
        services.block_person(alice, alice)


def test_unblock_person_lifts_block_once(alice, bob):
    services.block_person(alice, bob)

    assert services.unblock_person(alice, bob) is True
    assert services.unblock_person(alice, bob) is False
    assert Block.objects.count() == 0
    assert _request(bob, alice).status == ContactRequestStatus.PENDING


def test_report_abuse_mails_organisers_and_audits(
    alice, bob, settings, django_capture_on_commit_callbacks
):
    settings.ORGANISER_EMAIL = "orga@example.org"

    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_abuse(alice, bob, reason="  Beleidigende Nachrichten.  ")

    assert report.reason == "Beleidigende Nachrichten."
    assert report.handled_at is None
    (message,) = mail.outbox
    assert message.to == ["orga@example.org"]
    assert message.subject == "Neue Meldung im Netzwerk"
    assert "Gemeldet von: Alice Abel" in message.body
    assert "Gemeldete Person: Bob Berg" in message.body
    assert "http://testserver/organisation/meldungen/" in message.body
    assert AuditLog.objects.filter(action="directory.abuse_report.created").exists()


def test_report_abuse_refuses_self_and_is_rate_limited(alice, bob):
    with pytest.raises(services.ContactError):
        services.report_abuse(alice, alice, reason="x")
    for _ in range(5):
        services.report_abuse(alice, bob, reason="Spam")

    with pytest.raises(services.ReportRateLimited):
        services.report_abuse(alice, bob, reason="Spam")

    assert AbuseReport.objects.count() == 5


def test_mark_report_handled_once(alice, bob):
    organiser = UserFactory(role="organiser")
    report = services.report_abuse(alice, bob, reason="Spam")

    services.mark_report_handled(report, by=organiser, note=" Gespräch geführt ")

    report.refresh_from_db()
    assert report.handled_by == organiser
    assert report.note == "Gespräch geführt"
    assert AuditLog.objects.filter(action="directory.abuse_report.handled").exists()
    with pytest.raises(services.ContactError):
        services.mark_report_handled(report, by=organiser)


def test_hide_and_unhide_suggestion(alice, bob):
    services.hide_suggestion(alice, bob)
    services.hide_suggestion(alice, bob)

    assert HiddenSuggestion.objects.filter(user=alice, hidden=bob).count() == 1
    assert services.unhide_suggestion(alice, bob) is True
    assert services.unhide_suggestion(alice, bob) is False
    assert AuditLog.objects.filter(action="directory.suggestion.hidden").count() == 1
    assert AuditLog.objects.filter(action="directory.suggestion.shown_again").count() == 1


def test_request_contact_notifies_recipient_once_without_second_mail(
    alice, bob, django_capture_on_commit_callbacks
):
    from stadtgespraeche.notifications.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        contact_request = _request(alice, bob)

    (notification,) = Notification.objects.filter(recipient=bob)
    assert notification.kind == services.KIND_REQUEST_RECEIVED
    assert notification.title == "Neue Kontaktanfrage von Alice Abel"
    assert notification.url == "/verzeichnis/kontakte/"
    assert notification.key == f"contacts.request_received:{contact_request.pk}"
    assert notification.cadence == "off"  # the request mail is the only e-mail
    assert len(mail.outbox) == 1
    assert not Notification.objects.filter(recipient=alice).exists()


def test_request_contact_notification_hides_name_the_recipient_may_not_see(alice):
    from stadtgespraeche.notifications.models import Notification

    hidden = _person("Hanna", "Hidden", identity="organisers")
    _request(hidden, alice)

    (notification,) = Notification.objects.filter(recipient=alice)
    assert notification.title == "Sie haben eine neue Kontaktanfrage erhalten"
    assert "Hanna" not in notification.title


def test_refused_request_contact_notifies_nobody(alice, bob):
    from stadtgespraeche.notifications.models import Notification

    services.block_person(bob, alice)
    with pytest.raises(services.NotAvailable):
        _request(alice, bob)

    assert not Notification.objects.exists()
