"""rules.post_actions: what a person may do with each post of a thread page, on every path."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from stadtgespraeche.discussions.rules import PostActions, post_actions
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.discussions import PostFactory

pytestmark = [pytest.mark.django_db, pytest.mark.unit]

NONE = PostActions(
    is_mine=False, can_reply=False, can_edit=False, can_delete=False, can_report=False
)


def test_own_fresh_post_may_be_replied_to_edited_and_deleted_but_not_reported():
    author = UserFactory()
    post = PostFactory(author=author)

    actions = post_actions(post, author, can_post=True, moderator=False)

    assert actions == PostActions(
        is_mine=True, can_reply=True, can_edit=True, can_delete=True, can_report=False
    )
    assert actions.any


def test_own_post_after_the_edit_window_is_no_longer_editable():
    author = UserFactory()
    post = PostFactory(author=author)
    post.created_at = timezone.now() - datetime.timedelta(days=30)

    actions = post_actions(post, author, can_post=True, moderator=False)

    assert actions.can_edit is False
    assert actions.can_delete is True


def test_someone_elses_post_may_be_replied_to_and_reported():
    post = PostFactory()

    actions = post_actions(post, UserFactory(), can_post=True, moderator=False)

    assert actions == PostActions(
        is_mine=False, can_reply=True, can_edit=False, can_delete=False, can_report=True
    )


def test_without_the_right_to_post_nothing_but_reporting_remains():
    post = PostFactory()

    actions = post_actions(post, UserFactory(), can_post=False, moderator=False)

    assert actions.can_reply is False
    assert actions.can_report is True


def test_hidden_post_cannot_be_replied_to_or_reported_but_its_author_sees_it_is_theirs():
    author = UserFactory()
    post = PostFactory(author=author, hidden_at=timezone.now(), hidden_reason="Ton")

    own = post_actions(post, author, can_post=True, moderator=False)
    other = post_actions(post, UserFactory(), can_post=True, moderator=False)

    assert own == PostActions(
        is_mine=True, can_reply=False, can_edit=False, can_delete=True, can_report=False
    )
    assert other == NONE


def test_deleted_post_allows_nothing_even_for_moderators():
    post = PostFactory(deleted_at=timezone.now())

    assert post_actions(post, OrganiserFactory(), can_post=True, moderator=True) == NONE


def test_moderator_may_delete_someone_elses_post():
    post = PostFactory()

    actions = post_actions(post, OrganiserFactory(), can_post=True, moderator=True)

    assert actions.can_delete is True
    assert actions.can_edit is False


def test_anonymous_visitor_may_do_nothing():
    post = PostFactory()

    assert post_actions(post, AnonymousUser(), can_post=False, moderator=False) == NONE
