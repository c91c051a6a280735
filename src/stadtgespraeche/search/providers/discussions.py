"""Discussion posts (app `discussions`).

A thread's owner decides who may read it (discussions.access); here that is mapped to
levels: posts of an event's threads are findable by whoever may see the event
(events.queries.visible_events, as the event provider does); threads of topics and
municipalities are network discussions; threads of a practice are network discussions while
the practice is published, otherwise only organisers find them. Only the text is indexed,
never the author (Chatham House threads name nobody outside the participants). Hidden and
deleted posts are not findable. The discussions services call core.indexing.
"""

from django.db.models import QuerySet

from stadtgespraeche.discussions.models import Post
from stadtgespraeche.events.threads import EventThread, event_of
from stadtgespraeche.knowledge.enums import EditorialState
from stadtgespraeche.knowledge.threads import PracticeThread, practice_of

from ..enums import Kind, Level
from . import Document, Provider, register, register_dependent
from .events import event_levels


def _levels(post: Post) -> tuple[int, int] | None:
    thread = post.thread
    if thread.owner_kind == "event":
        event = event_of(thread)
        return event_levels(event) if event is not None else None
    if thread.owner_kind == "practice":
        practice = practice_of(thread)
        if practice is None:
            return None
        if practice.state == EditorialState.PUBLISHED:
            return Level.NETWORK, Level.ORGANISERS
        return Level.ORGANISERS, Level.ORGANISERS
    if thread.owner_kind in ("topic", "municipality"):
        return Level.NETWORK, Level.ORGANISERS
    return Level.ORGANISERS, Level.ORGANISERS  # unknown owner: moderators only


class PostProvider(Provider):
    model_label = "discussions.post"
    kind = Kind.POST

    def queryset(self) -> QuerySet[Post]:
        return Post.objects.select_related("thread")

    def documents(self, post: Post) -> list[Document]:
        if post.is_hidden or post.is_deleted:
            return []
        levels = _levels(post)
        if levels is None:
            return []
        min_level, max_level = levels
        return [
            Document(
                title=post.thread.title,
                url=post.get_absolute_url(),
                kind=self.kind,
                body=post.body,
                date=post.created_at,
                min_level=min_level,
                max_level=max_level,
            )
        ]


register(PostProvider())


def _posts_of(link_model: type, owner_field: str):  # type: ignore[no-untyped-def]
    """When an event or a practice changes (e.g. unpublished), its threads' posts follow."""

    def resolve(pk: int) -> list[tuple[str, int]]:
        threads = link_model.objects.filter(**{f"{owner_field}_id": pk}).values("thread_id")
        posts = Post.objects.filter(thread_id__in=threads).values_list("pk", flat=True)
        return [("discussions.post", post_pk) for post_pk in posts]

    return resolve


register_dependent("events.event", _posts_of(EventThread, "event"))
register_dependent("knowledge.practice", _posts_of(PracticeThread, "practice"))
