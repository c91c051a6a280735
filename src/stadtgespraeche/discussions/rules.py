"""Permission predicates of the discussions app (django-rules).

What a thread allows is decided by its owner's policy (`access.py`); these predicates add
what holds for posts: authors edit within the window and delete their own posts, moderators
(organisers) delete, hide and restore any post and work through the report queue.
"""

from dataclasses import dataclass
from typing import Any

import rules

from . import access
from .services import is_editable


@rules.predicate
def is_person(user: Any) -> bool:
    return access.is_active_person(user)


@rules.predicate
def is_moderator(user: Any) -> bool:
    return access.is_moderator(user)


@rules.predicate
def can_view_thread(user: Any, thread: Any) -> bool:
    return thread is not None and access.can_view(thread, user)


@rules.predicate
def can_post_in_thread(user: Any, thread: Any) -> bool:
    return thread is not None and access.can_post(thread, user)


@rules.predicate
def is_post_author(user: Any, post: Any) -> bool:
    return (
        post is not None
        and access.is_active_person(user)
        and post.author_id is not None
        and post.author_id == user.pk
    )


@rules.predicate
def is_post_visible(user: Any, post: Any) -> bool:
    return post is not None and not post.is_deleted and not post.is_hidden


@rules.predicate
def is_post_editable(user: Any, post: Any) -> bool:
    return post is not None and is_editable(post)


@rules.predicate
def can_view_post_thread(user: Any, post: Any) -> bool:
    return post is not None and access.can_view(post.thread, user)


@rules.predicate
def can_post_in_post_thread(user: Any, post: Any) -> bool:
    return post is not None and access.can_post(post.thread, user)


@rules.predicate
def is_post_deleted(user: Any, post: Any) -> bool:
    return post is not None and post.is_deleted


@rules.predicate
def is_post_hidden(user: Any, post: Any) -> bool:
    return post is not None and post.is_hidden


rules.add_perm("discussions.view_thread", can_view_thread)
rules.add_perm("discussions.add_post", can_post_in_thread)
# Reply to or quote a post: the right to post in its thread, and the post still readable.
rules.add_perm("discussions.reply_post", can_post_in_post_thread & is_post_visible)
rules.add_perm(
    "discussions.change_post", is_post_author & is_post_editable & can_post_in_post_thread
)
rules.add_perm("discussions.delete_post", (is_post_author | is_moderator) & ~is_post_deleted)
rules.add_perm(
    "discussions.report_post",
    is_person & can_view_post_thread & ~is_post_author & ~is_post_deleted & ~is_post_hidden,
)
rules.add_perm("discussions.moderate", is_moderator)
rules.add_perm("discussions.hide_post", is_moderator & ~is_post_deleted & ~is_post_hidden)
rules.add_perm("discussions.restore_post", is_moderator & ~is_post_deleted & is_post_hidden)


# --- Actions on the posts of one page ----------------------------------------------------
# The thread page decides the same permissions as above for every post at once, from facts
# asked once per thread (may the person post, is the person a moderator), so a page of 50
# posts costs no query per post.


@dataclass(frozen=True)
class PostActions:
    """What `user` may do with one post on the thread page."""

    is_mine: bool
    can_reply: bool
    can_edit: bool
    can_delete: bool
    can_report: bool

    @property
    def any(self) -> bool:
        return self.can_reply or self.can_edit or self.can_delete or self.can_report


def post_actions(post: Any, user: Any, *, can_post: bool, moderator: bool) -> PostActions:
    """The per-post decisions of `discussions.reply_post`, `change_post`, `delete_post` and
    `report_post` for a post of a thread in which `user` may (`can_post`) or may not post."""
    person = access.is_active_person(user)
    mine = bool(person and post.author_id is not None and post.author_id == user.pk)
    readable = not post.is_deleted and not post.is_hidden
    return PostActions(
        is_mine=mine,
        can_reply=can_post and readable,
        can_edit=mine and can_post and is_editable(post),
        can_delete=(mine or moderator) and not post.is_deleted,
        can_report=person and not mine and readable,
    )
