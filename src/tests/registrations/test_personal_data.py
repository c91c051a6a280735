"""Registrations in the personal-data export and in erasure."""

import pytest

from stadtgespraeche.core import personal_data
from stadtgespraeche.registrations.enums import RegistrationStatus as Status
from stadtgespraeche.registrations.models import Registration
from stadtgespraeche.registrations.personal_data import erase_registrations, export_registrations
from tests.factories.accounts import UserFactory
from tests.factories.registrations import RegistrationFactory
from tests.registrations.helpers import open_event, past_event

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_export_lists_the_persons_registrations():
    person = UserFactory()
    RegistrationFactory(
        event=open_event(title="Kommend"),
        user=person,
        mode="in_person",
        dietary_needs="vegan",
        on_participant_list=True,
    )
    RegistrationFactory(event=past_event(title="Vorbei"), user=person, status=Status.ATTENDED)
    RegistrationFactory(event=open_event(title="Fremd"))

    data = export_registrations(person)

    rows = [(r["event"], r["mode"], r["status"]) for r in data["registrations"]]
    assert rows == [("Kommend", "vor Ort", "angemeldet"), ("Vorbei", "online", "teilgenommen")]
    assert data["registrations"][0]["dietary_needs"] == "vegan"
    assert data["registrations"][0]["on_participant_list"] is True


def test_erase_deletes_registrations_and_passes_the_place_on():
    event = open_event(capacity_in_person=1)
    person = UserFactory()
    RegistrationFactory(event=event, user=person, mode="in_person")
    RegistrationFactory(event=past_event(), user=person, status=Status.ATTENDED)
    waiting = RegistrationFactory(event=event, mode="in_person", status=Status.WAITLISTED)

    erase_registrations(person)

    waiting.refresh_from_db()
    assert not Registration.objects.filter(user=person).exists()
    assert waiting.status == Status.REGISTERED


def test_registrations_section_is_registered():
    assert "events_registrations" in [section.key for section in personal_data.sections()]
