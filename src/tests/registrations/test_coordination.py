"""The coordinator's list of their councillors with registration status, and registering
a councillor from it (registrations/queries/coordination.py, views/coordination.py)."""

import pytest
from django.core import mail

from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.people.enums import AffiliationRole
from stadtgespraeche.registrations.enums import RegistrationStatus
from stadtgespraeche.registrations.models import Registration
from stadtgespraeche.registrations.queries import coordination
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.people import AffiliationFactory
from tests.factories.registrations import RegistrationFactory

from .helpers import coordinator_with_councillor, open_event, past_event

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = "/netzwerk/koordination/ratsmitglieder/"


def _register_url(event, person):
    return f"/netzwerk/termine/{event.slug}/anmelden/ratsmitglied/{person.pk}/"


# --- Queries -----------------------------------------------------------------------------


def test_councillor_rows_show_each_councillors_status_per_event():
    coordinator, rita = coordinator_with_councillor(
        councillor=UserFactory(first_name="Rita", last_name="Rat")
    )
    open_one = open_event(title="Offen")
    planned = open_event(title="Geplant", status=EventStatus.PUBLISHED)
    RegistrationFactory(event=open_one, user=rita, status=RegistrationStatus.WAITLISTED)

    events = coordination.upcoming_events_for_coordinator(coordinator)
    (row,) = coordination.councillor_rows(coordinator, events)

    assert events == [open_one, planned]
    assert row.person == rita
    first, second = row.cells
    assert first.registration.status == RegistrationStatus.WAITLISTED
    assert not first.can_register
    assert second.registration is None
    assert not second.can_register  # registration not open yet


def test_councillor_rows_offer_registration_after_a_cancellation():
    coordinator, councillor = coordinator_with_councillor()
    event = open_event()
    RegistrationFactory(event=event, user=councillor, status=RegistrationStatus.CANCELLED)

    (row,) = coordination.councillor_rows(coordinator, [event])

    (cell,) = row.cells
    assert cell.registration is None
    assert cell.can_register
    assert [mode for mode, _label in cell.modes] == ["in_person", "online"]


def test_upcoming_events_leave_out_past_drafts_and_cancelled():
    coordinator, _councillor = coordinator_with_councillor()
    past_event()
    open_event(status=EventStatus.DRAFT)
    open_event(status=EventStatus.CANCELLED)

    assert coordination.upcoming_events_for_coordinator(coordinator) == []


def test_councillor_rows_of_someone_without_councillors_are_empty():
    event = open_event()

    assert coordination.councillor_rows(UserFactory(), [event]) == []


# --- Views -------------------------------------------------------------------------------


def test_coordinator_sees_own_councillors_with_status(client):
    coordinator, rita = coordinator_with_councillor(
        councillor=UserFactory(first_name="Rita", last_name="Rat")
    )
    stranger = UserFactory(first_name="Fremd", last_name="Fraktion")
    AffiliationFactory(user=stranger, role=AffiliationRole.COUNCILLOR)
    event = open_event(title="Stadtgespräch Wärme")
    client.force_login(coordinator)

    content = client.get(URL).content.decode()

    assert "Rita Rat" in content
    assert "Stadtgespräch Wärme" in content
    assert _register_url(event, rita) in content
    assert "Fremd Fraktion" not in content


@pytest.mark.parametrize("who", ["councillor", "organiser"])
def test_councillor_list_is_denied_to_non_coordinators(client, who):
    _coordinator, rita = coordinator_with_councillor(
        councillor=UserFactory(first_name="Rita", last_name="Rat")
    )
    open_event()
    client.force_login(rita if who == "councillor" else OrganiserFactory())

    response = client.get(URL)

    assert response.status_code == 403
    assert "Rita Rat" not in response.content.decode()


def test_councillor_list_without_councillors_invites_to_invite(client):
    coordinator, councillor = coordinator_with_councillor()
    councillor.affiliations.all().delete()
    client.force_login(coordinator)

    content = client.get(URL).content.decode()

    assert "Es sind noch keine Ratsmitglieder" in content
    assert "/verzeichnis/einladen/" in content


@pytest.mark.parametrize("count", [1, 3])
def test_councillor_list_query_count(client, django_assert_num_queries, count):
    coordinator, _first = coordinator_with_councillor()
    municipality = coordinator.affiliations.get().municipality
    for _ in range(count - 1):
        AffiliationFactory(municipality=municipality, role=AffiliationRole.COUNCILLOR)
    for _ in range(count):
        open_event()
    client.force_login(coordinator)
    client.get(URL)

    with django_assert_num_queries(8):
        response = client.get(URL)

    assert response.content.decode().count("data-councillor=") == count


def test_coordinator_registers_a_councillor_from_the_list(
    client, django_capture_on_commit_callbacks
):
    coordinator, councillor = coordinator_with_councillor()
    event = open_event()
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_register_url(event, councillor), {"mode": "online"}, follow=True)

    registration = Registration.objects.get(event=event, user=councillor)
    assert (registration.mode, registration.registered_by) == ("online", coordinator)
    assert f"{councillor} ist angemeldet" in response.content.decode()
    assert [message.to for message in mail.outbox] == [[councillor.email]]


def test_registering_from_the_list_when_full_puts_on_the_waitlist(client):
    coordinator, councillor = coordinator_with_councillor()
    event = open_event(capacity_in_person=1)
    RegistrationFactory(event=event, mode="in_person")
    client.force_login(coordinator)

    response = client.post(_register_url(event, councillor), {"mode": "in_person"}, follow=True)

    assert Registration.objects.get(user=councillor).status == RegistrationStatus.WAITLISTED
    assert "Warteliste" in response.content.decode()


def test_registering_from_the_list_with_a_wrong_mode_changes_nothing(client):
    coordinator, councillor = coordinator_with_councillor()
    event = open_event()
    client.force_login(coordinator)

    response = client.post(_register_url(event, councillor), {"mode": "teleport"}, follow=True)

    assert not Registration.objects.exists()
    assert "Bitte wählen Sie eine der Teilnahmeformen" in response.content.decode()


def test_registering_from_the_list_while_closed_shows_the_reason(client):
    coordinator, councillor = coordinator_with_councillor()
    event = open_event(status=EventStatus.PUBLISHED)
    client.force_login(coordinator)

    response = client.post(_register_url(event, councillor), {"mode": "online"}, follow=True)

    assert not Registration.objects.exists()
    assert "nicht geöffnet" in response.content.decode()


def test_registering_someone_elses_councillor_is_404(client):
    coordinator, _councillor = coordinator_with_councillor()
    _other_coordinator, stranger = coordinator_with_councillor()
    event = open_event()
    client.force_login(coordinator)

    response = client.post(_register_url(event, stranger), {"mode": "online"})

    assert response.status_code == 404
    assert not Registration.objects.exists()


def test_registering_from_the_list_is_denied_to_councillors(client):
    _coordinator, councillor = coordinator_with_councillor()
    event = open_event()
    client.force_login(councillor)

    response = client.post(_register_url(event, councillor), {"mode": "online"})

    assert response.status_code == 403
    assert not Registration.objects.exists()
