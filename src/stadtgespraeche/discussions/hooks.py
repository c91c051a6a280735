"""The port through which discussions announce new and moderated posts.

`discussions` may not import `notifications` (they are independent siblings,
docs/architecture.md), yet followers of a thread are to be notified of new posts and authors
of moderation. So the services call, explicitly,

    hooks.announce("post_created", post)
    hooks.announce("post_hidden", post)
    hooks.announce("post_restored", post)

and an app above both (`directory`, in `directory/discussion_notices.py`) registers a
listener that calls `notifications`. Listeners run after the surrounding transaction commits;
without one the calls do nothing. No signals are involved.
"""

from collections.abc import Callable
from functools import partial

from django.db import transaction

from .models import Post

Listener = Callable[[str, Post], None]

EVENTS = ("post_created", "post_hidden", "post_restored")

_listeners: dict[str, Listener] = {}


def register(name: str, listener: Listener) -> None:
    _listeners[name] = listener


def unregister(name: str) -> None:
    _listeners.pop(name, None)


def announce(event: str, post: Post) -> None:
    if event not in EVENTS:
        raise ValueError(event)
    for listener in list(_listeners.values()):
        transaction.on_commit(partial(listener, event, post))
