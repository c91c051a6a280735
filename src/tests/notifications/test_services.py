import pytest

from stadtgespraeche.notifications import queries, services
from stadtgespraeche.notifications.models import Notification
from stadtgespraeche.topics.models import Topic
from tests.factories.accounts import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.unit]


def test_notify_creates_one_notification_per_active_recipient():
    first, second = UserFactory(), UserFactory()
    inactive = UserFactory(is_active=False)

    created = services.notify(
        [first, second, first, inactive], kind="test.kind", title="Hallo", url="/x/"
    )

    assert len(created) == 2
    assert set(Notification.objects.values_list("recipient_id", flat=True)) == {
        first.pk,
        second.pk,
    }
    assert queries.unread_count(first) == 1


def test_notify_with_key_is_idempotent():
    person = UserFactory()

    services.notify([person], kind="test.kind", title="Eins", key="k:1")
    again = services.notify([person], kind="test.kind", title="Eins", key="k:1")

    assert again == []
    assert Notification.objects.filter(recipient=person).count() == 1


def test_notify_without_recipients_creates_nothing():
    assert services.notify([], kind="test.kind", title="Leer") == []
    assert not Notification.objects.exists()


def test_follow_and_unfollow_a_topic():
    person = UserFactory()
    topic = Topic.objects.first()

    services.follow(person, topic)
    services.follow(person, topic)

    assert queries.is_following(person, topic)
    assert list(queries.followers(topic)) == [person]

    services.unfollow(person, topic)

    assert not queries.is_following(person, topic)
    assert not queries.followers(topic).exists()
