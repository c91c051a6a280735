"""Named reads of the discussions app (N+1-safe)."""

from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet

from . import code_of_conduct
from .enums import ReportStatus
from .models import CodeOfConductAcceptance, Post, Report, Thread


def posts_per_page() -> int:
    return int(getattr(settings, "DISCUSSIONS_POSTS_PER_PAGE", 25))


def posts_of(thread: Thread) -> QuerySet[Post]:
    """The posts of `thread` in order, with what a page shows of them in the same query."""
    return (
        Post.objects.filter(thread=thread)
        .select_related("author", "reply_to", "reply_to__author", "quoted", "quoted__author")
        .order_by("created_at", "pk")
    )


def posts_page(thread: Thread, page_number: Any) -> Page:
    """One page of posts: two queries (count and rows) whatever the page or thread size."""
    paginator = Paginator(posts_of(thread), posts_per_page())
    return paginator.get_page(page_number)


def page_of_post(post: Post) -> int:
    """The page number on which `post` appears in its thread."""
    before = Post.objects.filter(thread_id=post.thread_id).filter(
        Q(created_at__lt=post.created_at) | Q(created_at=post.created_at, pk__lt=post.pk)
    )
    return before.count() // posts_per_page() + 1


def with_post_counts(threads: QuerySet[Thread]) -> QuerySet[Thread]:
    """Annotate `post_count`: posts neither deleted nor hidden."""
    return threads.annotate(
        post_count=Count(
            "posts", filter=Q(posts__deleted_at__isnull=True, posts__hidden_at__isnull=True)
        )
    )


def has_accepted_code_of_conduct(user: Any) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return CodeOfConductAcceptance.objects.filter(
        user=user, version=code_of_conduct.VERSION
    ).exists()


def open_reports() -> QuerySet[Report]:
    """The moderation queue: open reports, oldest first, with post, thread and people."""
    return (
        Report.objects.filter(status=ReportStatus.OPEN)
        .select_related("post", "post__thread", "post__author", "reporter")
        .order_by("created_at", "pk")
    )


def hidden_posts() -> QuerySet[Post]:
    """Posts the moderators hid, most recent first (to restore one)."""
    return (
        Post.objects.filter(hidden_at__isnull=False)
        .select_related("thread", "author", "hidden_by")
        .order_by("-hidden_at", "-pk")
    )
