"""The demo's upcoming Stadtgespräch with open registration and a nearly full mode."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from stadtgespraeche.demo.loader import COUNCILLOR_EMAIL
from stadtgespraeche.demo.registrations import TITLE
from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.events.models import Event
from stadtgespraeche.registrations import queries as queries_registration
from stadtgespraeche.registrations.models import Registration

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _run() -> None:
    call_command("load_demo", "--force", stdout=StringIO())


def test_demo_has_an_open_event_with_one_place_left_in_person(reference_data):
    _run()

    event = Event.objects.get(title=TITLE)
    assert event.status == EventStatus.REGISTRATION_OPEN
    assert [item.kind for item in event.agenda.order_by("starts_at")] == [
        "welcome",
        "impulse",
        "exchange",
        "wrap_up",
    ]
    assert queries_registration.registration_window_open(event)
    in_person, online = queries_registration.mode_counts(event)
    assert (in_person.capacity, in_person.registered, in_person.places_left) == (12, 11, 1)
    assert online.registered == 0
    assert not Registration.objects.filter(event=event, user__email=COUNCILLOR_EMAIL).exists()
    assert not [m for m in mail.outbox if TITLE in m.subject or TITLE in m.body]


def test_demo_registrations_load_twice_without_duplicates(reference_data):
    _run()
    _run()

    assert Event.objects.filter(title=TITLE).count() == 1
    assert Registration.objects.filter(event__title=TITLE).count() == 11
