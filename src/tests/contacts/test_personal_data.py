import pytest

from stadtgespraeche.contacts.models import (
    AbuseReport,
    Block,
    ContactRequest,
    ContactRequestStatus,
    HiddenSuggestion,
)
from stadtgespraeche.contacts.personal_data import erase_contacts, export_contacts
from stadtgespraeche.core import personal_data
from tests.factories.accounts import UserFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def people():
    person = UserFactory(first_name="Paula", last_name="Person")
    other = UserFactory(first_name="Otto", last_name="Other")
    third = UserFactory(first_name="Theo", last_name="Third")
    ContactRequest.objects.create(
        sender=person, recipient=other, message="Gesendet", status=ContactRequestStatus.ACCEPTED
    )
    ContactRequest.objects.create(sender=third, recipient=person, message="Empfangen")
    ContactRequest.objects.create(sender=other, recipient=third, message="Fremd")
    Block.objects.create(blocker=person, blocked=third)
    Block.objects.create(blocker=other, blocked=person)
    HiddenSuggestion.objects.create(user=person, hidden=other)
    AbuseReport.objects.create(reporter=person, reported=third, reason="Beleidigung")
    AbuseReport.objects.create(reporter=other, reported=person, reason="Spam")
    return person, other, third


def test_export_contains_own_requests_blocks_reports_and_hidden_suggestions(people):
    person, _other, _third = people

    data = export_contacts(person)

    assert [(r["direction"], r["person"], r["message"]) for r in data["contact_requests"]] == [
        ("sent", "Otto Other", "Gesendet"),
        ("received", "Theo Third", "Empfangen"),
    ]
    assert [b["person"] for b in data["blocked_people"]] == ["Theo Third"]
    assert [r["reason"] for r in data["reports"]] == ["Beleidigung"]
    assert [h["person"] for h in data["hidden_suggestions"]] == ["Otto Other"]


def test_erase_removes_the_persons_contact_data_and_keeps_others(people):
    person, other, third = people

    erase_contacts(person)

    assert list(ContactRequest.objects.values_list("message", flat=True)) == ["Fremd"]
    assert Block.objects.count() == 0
    assert HiddenSuggestion.objects.count() == 0
    report = AbuseReport.objects.get()
    assert report.reason == "Beleidigung"
    assert report.reporter is None
    assert report.reported == third
    assert other.pk  # the other people stay untouched


def test_contacts_section_is_registered():
    assert "contacts" in [section.key for section in personal_data.sections()]
