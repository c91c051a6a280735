"""The notifications listener behind discussions.hooks (directory/discussion_notices.py)."""

import pytest

from stadtgespraeche.discussions import services
from stadtgespraeche.notifications import kinds
from stadtgespraeche.notifications.models import Notification
from stadtgespraeche.notifications.queries import is_following
from stadtgespraeche.notifications.services import follow
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.discussions import AcceptanceFactory

pytestmark = pytest.mark.integration


def test_kinds_are_registered():
    keys = {kind.key for kind in kinds.all_kinds()}

    assert {
        "discussions.post_created",
        "discussions.post_hidden",
        "discussions.post_restored",
    } <= keys


def test_new_post_notifies_followers_but_not_author(
    public_thread, councillor, other, django_capture_on_commit_callbacks
):
    follow(other, public_thread)
    follow(councillor, public_thread)

    with django_capture_on_commit_callbacks(execute=True):
        post = services.add_post(public_thread, body="Hallo", by=councillor)

    notification = Notification.objects.get()
    assert (notification.recipient, notification.kind, notification.url) == (
        other,
        "discussions.post_created",
        post.get_absolute_url(),
    )
    assert public_thread.title in notification.title


def test_new_post_makes_author_follow_thread(
    public_thread, councillor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.add_post(public_thread, body="Hallo", by=councillor)

    assert is_following(councillor, public_thread)


def test_new_post_skips_followers_who_cannot_see_thread(
    chatham_link, participant, django_capture_on_commit_callbacks
):
    outsider = UserFactory()
    follow(outsider, chatham_link.thread)
    follow(participant, chatham_link.thread)
    chatham_link.event.status = "draft"
    chatham_link.event.save()
    organiser = OrganiserFactory()
    AcceptanceFactory(user=organiser)

    with django_capture_on_commit_callbacks(execute=True):
        services.add_post(chatham_link.thread, body="Hallo", by=organiser)

    assert list(Notification.objects.values_list("recipient", flat=True)) == []


def test_hide_and_restore_notify_the_author_with_reason(
    post, organiser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.hide_post(post, reason="Bitte sachlich", by=organiser)
    with django_capture_on_commit_callbacks(execute=True):
        services.restore_post(post, reason="Geklärt", by=organiser)

    assert list(
        Notification.objects.filter(recipient=post.author)
        .order_by("pk")
        .values_list("kind", "body")
    ) == [("discussions.post_hidden", "Bitte sachlich"), ("discussions.post_restored", "")]


def test_listener_ignores_a_post_gone_before_the_commit(post):
    from stadtgespraeche.network.discussion_notices import on_discussion_event

    post_id = post.pk
    post.delete()
    post.pk = post_id

    on_discussion_event("post_created", post)

    assert Notification.objects.count() == 0


def test_hidden_post_author_gets_exactly_one_email(
    public_thread, councillor, organiser, django_capture_on_commit_callbacks, mailoutbox_clear
):
    post = services.add_post(public_thread, body="Unfreundlich", by=councillor)
    mailoutbox_clear.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.hide_post(post, reason="Bitte sachlich bleiben.", by=organiser)

    to_author = [m for m in mailoutbox_clear if m.to == [councillor.email]]
    assert len(to_author) == 1
    assert "Bitte sachlich bleiben." in to_author[0].body
    assert Notification.objects.filter(
        recipient=councillor, kind="discussions.post_hidden"
    ).exists()
