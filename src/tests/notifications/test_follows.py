"""The followable registry and the {% follow_button %} tag."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.template import Context, Template
from django.test import RequestFactory

from stadtgespraeche.accounts.models import User
from stadtgespraeche.events.models import Event
from stadtgespraeche.municipalities.models import Municipality
from stadtgespraeche.notifications import follows, queries, services
from stadtgespraeche.topics.models import Topic
from tests.factories.accounts import UserFactory
from tests.factories.topics import TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.unit]


def test_topics_municipalities_and_events_are_registered():
    assert follows.get(Topic) is not None
    assert follows.get(Municipality) is not None
    assert follows.get(Event) is not None
    assert follows.get(User) is None


def test_resolve_only_registered_existing_objects():
    topic = TopicFactory()
    person = UserFactory()
    topic_type = ContentType.objects.get_for_model(Topic).pk

    assert follows.resolve(topic_type, topic.pk) == topic
    assert follows.resolve(topic_type, 999999) is None
    assert follows.resolve(ContentType.objects.get_for_model(User).pk, person.pk) is None
    assert follows.resolve(999999, 1) is None


def test_register_followable_replaces_the_predicate(monkeypatch):
    monkeypatch.setattr(follows, "_registry", dict(follows._registry))
    follows.register_followable(Topic, can_follow=lambda user, topic: False)

    assert not follows.can_follow(UserFactory(), TopicFactory())
    assert not follows.can_follow(AnonymousUser(), TopicFactory())


def _render(user, target):
    request = RequestFactory().get("/themen/x/")
    request.user = user
    template = Template("{% load notifications %}{% follow_button target %}")
    return template.render(Context({"request": request, "target": target}))


def test_follow_button_offers_follow_then_unfollow():
    person = UserFactory()
    topic = TopicFactory(title="Offene Daten Test")

    before = _render(person, topic)
    services.follow(person, topic)
    after = _render(person, topic)

    assert 'value="follow"' in before
    assert 'Folgen<span class="sr-only">: Offene Daten Test</span>' in before
    assert 'name="next" value="/themen/x/"' in before
    assert 'value="unfollow"' in after
    assert "Nicht mehr folgen" in after


def test_follow_button_absent_for_visitors_and_unregistered_objects():
    assert _render(AnonymousUser(), TopicFactory()).strip() == ""
    assert _render(UserFactory(), UserFactory()).strip() == ""


def test_follows_of_leaves_out_deleted_targets():
    person = UserFactory()
    kept, gone = TopicFactory(), TopicFactory()
    services.follow(person, kept)
    services.follow(person, gone)
    gone.delete()

    assert [entry.target for entry in queries.follows_of(person)] == [kept]
