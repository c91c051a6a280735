"""Notifications about discussions: the listener behind `discussions.hooks`.

`discussions` and `notifications` are independent siblings (docs/architecture.md), so
neither may call the other. `directory` is the lowest app above both; it registers, in
`DirectoryConfig.ready`, the notification kinds of discussions and this listener, which
turns what the discussions services announce into notifications:

- a new post: its author follows the thread from now on; every other follower who may
  still see the thread is notified (no names in the title: Chatham House threads);
- a post hidden or restored by a moderator: its author is notified with the reason (the
  e-mail is sent by the discussions service itself).
"""

from collections import defaultdict

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.accounts.models import User
from stadtgespraeche.discussions import access, hooks
from stadtgespraeche.discussions.models import Post
from stadtgespraeche.notifications import kinds
from stadtgespraeche.notifications import queries as notification_queries
from stadtgespraeche.notifications import services as notification_services

POST_CREATED = "discussions.post_created"
POST_HIDDEN = "discussions.post_hidden"
POST_RESTORED = "discussions.post_restored"


def _notify_followers(post: Post) -> None:
    thread = post.thread
    if post.author is not None:
        notification_services.follow(post.author, thread)
    followers = notification_queries.followers(thread)
    if post.author_id is not None:
        followers = followers.exclude(pk=post.author_id)
    by_language: dict[str, list[User]] = defaultdict(list)
    for person in followers:
        if access.can_view(thread, person):
            by_language[person.language or settings.LANGUAGE_CODE].append(person)
    for language, people in by_language.items():
        with translation.override(language):
            title = gettext("New post in “%(thread)s”") % {"thread": thread.title}
        notification_services.notify(
            people,
            kind=POST_CREATED,
            title=title,
            url=post.get_absolute_url(),
            key=f"{POST_CREATED}:{post.pk}",
        )


def _notify_author(post: Post, *, hidden: bool) -> None:
    author = post.author
    if author is None:
        return
    with translation.override(author.language or settings.LANGUAGE_CODE):
        if hidden:
            title = gettext("A moderator hid your post in “%(thread)s”")
        else:
            title = gettext("A moderator showed your post in “%(thread)s” again")
        title %= {"thread": post.thread.title}
    notification_services.notify(
        [author],
        kind=POST_HIDDEN if hidden else POST_RESTORED,
        title=title,
        body=post.hidden_reason if hidden else "",
        url=post.get_absolute_url(),
        mailed_separately=True,  # discussions mails the author the reason itself
    )


def on_discussion_event(event: str, post: Post) -> None:
    found = Post.objects.select_related("thread", "author").filter(pk=post.pk).first()
    if found is None:  # gone since (thread deleted with its event)
        return
    post = found
    if event == "post_created":
        _notify_followers(post)
    elif event in ("post_hidden", "post_restored"):
        _notify_author(post, hidden=event == "post_hidden")


def register() -> None:
    kinds.register(POST_CREATED, _("New posts in discussions I follow"))
    kinds.register(POST_HIDDEN, _("A moderator hid one of my posts"))
    kinds.register(POST_RESTORED, _("A moderator showed one of my posts again"))
    hooks.register("notifications", on_discussion_event)
