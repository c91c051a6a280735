"""The profile page shows e-mail and phone only to the person and to accepted contacts."""

import pytest

from stadtgespraeche.contacts.models import ContactRequest, ContactRequestStatus
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.people import ProfileFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def profile():
    return ProfileFactory(user=UserFactory(email="kontakt@example.org"), phone="+49 631 123456")


def _contact(a, b, status):
    ContactRequest.objects.create(sender=a, recipient=b, message="Hallo", status=status)


@pytest.mark.parametrize("status", [ContactRequestStatus.ACCEPTED], ids=["accepted"])
@pytest.mark.parametrize("direction", ["sent", "received"])
def test_accepted_contact_sees_email_and_phone(client, profile, status, direction):
    viewer = UserFactory()
    if direction == "sent":
        _contact(viewer, profile.user, status)
    else:
        _contact(profile.user, viewer, status)
    client.force_login(viewer)

    response = client.get(profile.get_absolute_url())

    assert "kontakt@example.org" in response.text
    assert "+49 631 123456" in response.text


@pytest.mark.parametrize(
    "status",
    [
        ContactRequestStatus.PENDING,
        ContactRequestStatus.DECLINED,
        ContactRequestStatus.WITHDRAWN,
        ContactRequestStatus.ENDED,
    ],
)
def test_contact_details_absent_without_accepted_request(client, profile, status):
    viewer = UserFactory()
    _contact(viewer, profile.user, status)
    client.force_login(viewer)

    response = client.get(profile.get_absolute_url())

    assert response.status_code == 200
    assert "kontakt@example.org" not in response.text
    assert "+49 631 123456" not in response.text
    assert "Kontakt anfragen" in response.text


def test_organiser_without_contact_does_not_see_contact_details(client, profile):
    client.force_login(OrganiserFactory())

    response = client.get(profile.get_absolute_url())

    assert "kontakt@example.org" not in response.text
    assert "+49 631 123456" not in response.text


def test_owner_sees_own_details_but_not_in_preview(client, profile):
    client.force_login(profile.user)

    assert "+49 631 123456" in client.get(profile.get_absolute_url()).text
    preview = client.get(profile.get_absolute_url() + "?vorschau=network")
    assert "+49 631 123456" not in preview.text
