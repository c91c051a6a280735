import pytest

from stadtgespraeche.discussions import access
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.discussions import ThreadFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def registered_kind():
    access.register(
        "test-kind",
        label="Test",
        can_view=lambda thread, user: thread.title.startswith("open"),
        can_post=lambda thread, user: thread.title.endswith("post"),
        show_names=lambda thread, user: False,
    )
    yield "test-kind"
    access.unregister("test-kind")


def test_register_adds_kind_and_replaces_on_second_call(registered_kind):
    first = access.policy_for(registered_kind)

    access.register(registered_kind, label="Neu", can_view=first.can_view, can_post=first.can_post)

    assert registered_kind in access.kinds()
    assert access.policy_for(registered_kind).label == "Neu"


def test_owner_apps_register_their_kinds():
    assert {"event", "topic", "municipality"} <= set(access.kinds())


def test_can_view_asks_the_policy(db, registered_kind):
    person = UserFactory()

    assert access.can_view(ThreadFactory(owner_kind=registered_kind, title="open"), person)
    assert not access.can_view(ThreadFactory(owner_kind=registered_kind, title="shut"), person)


def test_can_post_needs_view_and_post(db, registered_kind):
    person = UserFactory()

    assert access.can_post(ThreadFactory(owner_kind=registered_kind, title="open post"), person)
    assert not access.can_post(ThreadFactory(owner_kind=registered_kind, title="shut post"), person)
    assert not access.can_post(ThreadFactory(owner_kind=registered_kind, title="open"), person)


def test_moderators_view_post_and_see_names_in_every_thread(db, registered_kind):
    thread = ThreadFactory(owner_kind=registered_kind, title="shut")
    organiser = OrganiserFactory()

    assert (
        access.can_view(thread, organiser),
        access.can_post(thread, organiser),
        access.show_names(thread, organiser),
    ) == (True, True, True)


def test_show_names_asks_the_policy(db, registered_kind):
    thread = ThreadFactory(owner_kind=registered_kind, title="open")

    assert access.show_names(thread, UserFactory()) is False


def test_unknown_kind_is_closed(db):
    thread = ThreadFactory(owner_kind="gone")
    person = UserFactory()

    assert (access.can_view(thread, person), access.can_post(thread, person)) == (False, False)
    assert access.show_names(thread, person) is False
    assert access.owner_of(thread) is None
    assert access.can_start("gone", 1, person) is False


def test_can_start_without_start_function_is_false(db, registered_kind):
    assert access.can_start(registered_kind, 1, UserFactory()) is False


def test_owner_of_event_thread_names_the_event(db):
    from tests.factories.discussions import EventThreadFactory

    link = EventThreadFactory(event__title="Hybride Ratsarbeit")

    owner = access.owner_of(link.thread)

    assert (owner.label, owner.url) == ("Hybride Ratsarbeit", link.event.get_absolute_url())
