"""The organiser's event form sends change notices (issue 4, sections 4 and 6): the service
must compare with the stored event, not with the instance the form has already changed."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse

from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.registrations.enums import RegistrationStatus
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory
from tests.factories.registrations import RegistrationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def _data(event, **overrides):
    data = {
        "title": event.title,
        "description": "",
        "starts_at": "2026-12-03T18:00",
        "ends_at": "2026-12-03T20:00",
        "format": "online",
        "venue_address": "",
        "online_info": "",
        "confidentiality": "public",
        "recording_policy": "none",
    }
    data.update(overrides)
    return data


@pytest.fixture
def event():
    start = datetime.datetime(2026, 12, 3, 18, 0, tzinfo=BERLIN)
    return EventFactory(
        title="Hybride Ratsarbeit",
        status=EventStatus.REGISTRATION_OPEN,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )


def test_moving_an_event_in_the_form_notifies_participants(
    organiser_client, event, django_capture_on_commit_callbacks
):
    RegistrationFactory(event=event, user=UserFactory(email="reg@example.org"))
    RegistrationFactory(event=event, status=RegistrationStatus.CANCELLED)
    url = reverse("dashboard:event-update", args=[event.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(
            url, _data(event, starts_at="2026-12-04T18:00", ends_at="2026-12-04T20:00")
        )

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.sequence == 1
    (message,) = mail.outbox
    assert message.to == ["reg@example.org"]
    assert "04.12.2026" in message.body or "4. Dezember 2026" in message.body


def test_saving_the_form_unchanged_sends_nothing(
    organiser_client, event, django_capture_on_commit_callbacks
):
    RegistrationFactory(event=event)
    url = reverse("dashboard:event-update", args=[event.pk])

    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(url, _data(event))

    event.refresh_from_db()
    assert event.sequence == 0
    assert mail.outbox == []
