"""The notifications section of "Ihre Daten": export and erasure."""

import json

import pytest

from stadtgespraeche.core import personal_data
from stadtgespraeche.notifications import services
from stadtgespraeche.notifications.enums import ALL_KINDS, Cadence
from stadtgespraeche.notifications.models import Follow, Notification, Preference
from tests.factories.accounts import UserFactory
from tests.factories.topics import TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.unit]


def _section(user):
    [section] = [entry for entry in personal_data.export(user) if entry["key"] == "notifications"]
    return section


def test_export_lists_notifications_follows_and_preferences():
    person = UserFactory()
    services.notify([person], kind="test.kind", title="Ein Hinweis", url="/x/")
    services.follow(person, TopicFactory(title="Datenethik Export"))
    services.set_preferences(person, {"test.daily": Cadence.WEEKLY})
    services.notify([UserFactory()], kind="test.kind", title="Fremd")

    section = _section(person)

    data = section["data"]
    assert section["title"] == "Benachrichtigungen und Gefolgtes"
    assert [item["title"] for item in data["notifications"]] == ["Ein Hinweis"]
    assert data["notifications"][0]["kind"] == "Testart"
    assert [item["name"] for item in data["follows"]] == ["Datenethik Export"]
    assert data["preferences"] == [
        {"kind": "Tägliche Testart", "email": "in der wöchentlichen Zusammenfassung"}
    ]
    json.dumps(data)  # serialisable


def test_export_names_the_all_kinds_setting():
    person = UserFactory()
    services.unsubscribe(person, ALL_KINDS)

    assert _section(person)["data"]["preferences"] == [
        {"kind": "Alle Arten", "email": "keine E-Mail (nur hier auf der Plattform)"}
    ]


def test_erase_removes_everything_of_the_person_only():
    person, other = UserFactory(), UserFactory()
    for someone in (person, other):
        services.notify([someone], kind="test.kind", title="Hinweis")
        services.follow(someone, TopicFactory())
        services.unsubscribe(someone, "test.kind")

    personal_data.erase(person)

    assert not Notification.objects.filter(recipient=person).exists()
    assert not Follow.objects.filter(user=person).exists()
    assert not Preference.objects.filter(user=person).exists()
    assert Notification.objects.filter(recipient=other).count() == 1
    assert Follow.objects.filter(user=other).count() == 1
