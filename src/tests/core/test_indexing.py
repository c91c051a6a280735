import pytest

from stadtgespraeche.core import indexing
from stadtgespraeche.topics.models import Topic

pytestmark = [pytest.mark.django_db, pytest.mark.unit]


@pytest.fixture
def calls():
    received: list[tuple[str, int, bool]] = []
    indexing.register("test", lambda label, pk, removed: received.append((label, pk, removed)))
    yield received
    indexing.unregister("test")


def test_changes_reach_the_handler_after_commit(calls, django_capture_on_commit_callbacks):
    topic = Topic.objects.first()

    with django_capture_on_commit_callbacks(execute=True):
        indexing.changed(topic)
        indexing.removed(topic)
        assert calls == []

    assert calls == [("topics.topic", topic.pk, False), ("topics.topic", topic.pk, True)]


def test_unsaved_objects_are_ignored(calls, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        indexing.changed(Topic(title="neu"))

    assert calls == []
