"""A coordinator's call for topic wishes to their councillors (wishes/services/calls.py and
the form on the collection page)."""

import pytest
from django.core import mail

from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.notifications.models import Notification
from stadtgespraeche.people.enums import AffiliationRole
from stadtgespraeche.wishes.enums import Phase
from stadtgespraeche.wishes.exceptions import NotAllowed, WishError, WrongPhase
from stadtgespraeche.wishes.services import calls
from tests.factories.accounts import UserFactory
from tests.factories.people import AffiliationFactory
from tests.factories.wishes import WishRoundFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_call_for_wishes_mails_and_notifies_own_councillors_once(
    collecting_round, coordinator, councillor, other_councillor
):
    asked = calls.call_for_wishes(collecting_round, by=coordinator, message="Fraktion am Montag")

    assert asked == 1
    (message,) = mail.outbox
    assert message.to == [councillor.email]
    assert message.subject == f"Ihre Themenwünsche für „{collecting_round.title}“"
    assert "Kora Koordination bittet Sie um Ihre Themenwünsche" in message.body
    assert "Fraktion am Montag" in message.body
    assert f"/themenwuensche/runde/{collecting_round.pk}/wuenschen/" in message.body
    (notification,) = Notification.objects.all()
    assert notification.recipient == councillor
    assert notification.cadence == "off"  # the call's own e-mail is the only one
    assert not Notification.objects.filter(recipient=other_councillor).exists()
    assert AuditLog.objects.get(action="wishes.round.call_sent").data == {"councillors": 1}


def test_second_call_reaches_only_new_councillors(
    collecting_round, coordinator, councillor, municipality
):
    calls.call_for_wishes(collecting_round, by=coordinator)
    newcomer = UserFactory()
    AffiliationFactory(user=newcomer, municipality=municipality, role=AffiliationRole.COUNCILLOR)

    assert calls.call_for_wishes(collecting_round, by=coordinator) == 1
    assert [m.to for m in mail.outbox] == [[councillor.email], [newcomer.email]]

    with pytest.raises(WishError, match="bereits"):
        calls.call_for_wishes(collecting_round, by=coordinator)


def test_call_for_wishes_by_a_councillor_is_refused(collecting_round, councillor):
    with pytest.raises(NotAllowed):
        calls.call_for_wishes(collecting_round, by=councillor)

    assert not mail.outbox


def test_call_for_wishes_outside_collecting_is_refused(voting_round, coordinator, councillor):
    with pytest.raises(WrongPhase):
        calls.call_for_wishes(voting_round, by=coordinator)

    assert not Notification.objects.exists()


def test_call_for_wishes_without_councillors_is_refused(collecting_round, coordinator):
    with pytest.raises(WishError):
        calls.call_for_wishes(collecting_round, by=coordinator)


def test_call_for_wishes_with_a_too_long_message_is_refused(
    collecting_round, coordinator, councillor
):
    with pytest.raises(WishError):
        calls.call_for_wishes(collecting_round, by=coordinator, message="x" * 2001)

    assert not mail.outbox


# --- View --------------------------------------------------------------------------------


def _url(wish_round):
    return f"/themenwuensche/runde/{wish_round.pk}/aufruf/"


def test_collection_page_offers_the_call(client, collecting_round, coordinator, councillor):
    client.force_login(coordinator)

    content = client.get(f"/themenwuensche/runde/{collecting_round.pk}/sammeln/").content.decode()

    assert _url(collecting_round) in content
    assert "Aufruf zu Themenwünschen senden" in content


def test_coordinator_sends_the_call(client, collecting_round, coordinator, councillor):
    client.force_login(coordinator)

    response = client.post(_url(collecting_round), {"message": "Bis Freitag"}, follow=True)

    assert "1 Ratsmitglied wurde um Wünsche gebeten." in response.content.decode()
    assert len(mail.outbox) == 1


def test_call_twice_shows_the_reason(client, collecting_round, coordinator, councillor):
    client.force_login(coordinator)
    client.post(_url(collecting_round), {"message": ""})

    response = client.post(_url(collecting_round), {"message": ""}, follow=True)

    assert "bereits alle Ihre Ratsmitglieder" in response.content.decode()
    assert len(mail.outbox) == 1


def test_call_with_a_too_long_message_explains(client, collecting_round, coordinator, councillor):
    client.force_login(coordinator)

    response = client.post(_url(collecting_round), {"message": "x" * 2001}, follow=True)

    assert "höchstens 2.000 Zeichen" in response.content.decode()
    assert not mail.outbox


def test_call_is_denied_to_councillors(client, collecting_round, councillor):
    client.force_login(councillor)

    response = client.post(_url(collecting_round), {"message": ""})

    assert response.status_code == 403
    assert not mail.outbox


def test_call_in_a_closed_round_is_denied(client, coordinator, councillor):
    closed = WishRoundFactory(phase=Phase.CLOSED)
    client.force_login(coordinator)

    assert client.post(_url(closed), {"message": ""}).status_code == 403
    assert not mail.outbox
