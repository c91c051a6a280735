import pytest

from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.topics import services
from tests.factories.accounts import OrganiserFactory
from tests.factories.topics import TopicFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_create_topic_derives_slug_and_audits():
    organiser = OrganiserFactory()

    topic = services.create_topic(
        title="Digitale Zwillinge", summary="Kurz.", body="Lang.", by=organiser
    )

    assert topic.slug == "digitale-zwillinge"
    assert topic.is_active is True
    entry = AuditLog.objects.get(action="topics.topic.created")
    assert entry.actor == organiser
    assert entry.object_id == str(topic.pk)


def test_create_topic_derives_ascii_slug():
    TopicFactory(slug="open-data-2", title="X")
    TopicFactory(slug="mobilitaet", title="Y")

    topic = services.create_topic(title="Mobilität", summary="Kurz.", by=OrganiserFactory())

    assert topic.slug == "mobilitat"


def test_create_topic_appends_number_when_slug_taken():
    TopicFactory(slug="verkehr", title="Verkehr alt")

    topic = services.create_topic(title="Verkehr", summary="Kurz.", by=OrganiserFactory())

    assert topic.slug == "verkehr-2"


def test_update_topic_records_changed_fields():
    topic = TopicFactory(title="Alt", slug="alt", summary="S", body="B")

    services.update_topic(
        topic, title="Neu", slug="alt", summary="S", body="B", by=OrganiserFactory()
    )

    topic.refresh_from_db()
    assert topic.title == "Neu"
    assert AuditLog.objects.get(action="topics.topic.updated").data == {"fields": ["title"]}


def test_update_topic_without_changes_records_nothing():
    topic = TopicFactory(title="Alt", slug="alt", summary="S", body="B")

    services.update_topic(
        topic, title="Alt", slug="alt", summary="S", body="B", by=OrganiserFactory()
    )

    assert not AuditLog.objects.filter(action="topics.topic.updated").exists()


def test_set_topic_active_deactivates_and_reactivates():
    topic = TopicFactory()
    organiser = OrganiserFactory()

    services.set_topic_active(topic, is_active=False, by=organiser)
    topic.refresh_from_db()
    assert topic.is_active is False
    services.set_topic_active(topic, is_active=True, by=organiser)

    topic.refresh_from_db()
    assert topic.is_active is True
    assert list(
        AuditLog.objects.filter(action__startswith="topics.topic.").values_list("action", flat=True)
    ) == ["topics.topic.activated", "topics.topic.deactivated"]


def test_set_topic_active_without_change_records_nothing():
    topic = TopicFactory()

    services.set_topic_active(topic, is_active=True, by=OrganiserFactory())

    assert not AuditLog.objects.exists()
