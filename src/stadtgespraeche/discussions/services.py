"""Writes of the discussions app: threads, posts, reports, moderation, code of conduct.

Every service checks who may act (through `access`), writes in one transaction, records an
audit entry, and announces new and moderated posts through `hooks` (notifications).
"""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from stadtgespraeche.accounts.models import User
from stadtgespraeche.core import indexing
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.core.mail import send_templated_mail
from stadtgespraeche.core.markdown import with_html
from stadtgespraeche.core.throttling import Throttle

from . import access, code_of_conduct, hooks, queries
from .enums import ReportStatus
from .exceptions import (
    AlreadyReported,
    CodeOfConductRequired,
    DiscussionError,
    EditWindowClosed,
    InvalidPost,
    NotAllowed,
    RateLimited,
)
from .models import CodeOfConductAcceptance, Post, Report, Thread

MAX_TITLE_LENGTH = 200
MAX_BODY_LENGTH = 10_000
MAX_REASON_LENGTH = 2_000
POST_WINDOW_SECONDS = 10 * 60


def edit_window() -> timedelta:
    return timedelta(minutes=int(getattr(settings, "DISCUSSIONS_EDIT_WINDOW_MINUTES", 15)))


def post_throttle() -> Throttle:
    """At most DISCUSSIONS_POST_RATE_LIMIT posts per person within ten minutes."""
    limit = int(getattr(settings, "DISCUSSIONS_POST_RATE_LIMIT", 10))
    return Throttle("discussions.post", limit=limit, window=POST_WINDOW_SECONDS)


def is_editable(post: Post, *, now: Any = None) -> bool:
    """Still inside the edit window, and neither deleted nor hidden."""
    if post.is_deleted or post.is_hidden:
        return False
    return (now or timezone.now()) <= post.created_at + edit_window()


@transaction.atomic
def start_thread(*, owner_kind: str, title: str, by: User | None) -> Thread:
    """Create an empty thread of a registered kind. Called by the owner's start function,
    which links the thread to its owner and then adds the first post with `add_post`."""
    if access.policy_for(owner_kind) is None:
        raise NotAllowed
    title = (title or "").strip()
    if not title or len(title) > MAX_TITLE_LENGTH:
        raise DiscussionError
    thread = Thread.objects.create(title=title, owner_kind=owner_kind, created_by=by)
    log_action("discussions.thread.started", actor=by, obj=thread, data={"kind": owner_kind})
    return thread


@transaction.atomic
def accept_code_of_conduct(user: User) -> CodeOfConductAcceptance:
    """Record that `user` accepted the current version (again: harmless)."""
    acceptance, created = CodeOfConductAcceptance.objects.get_or_create(
        user=user, version=code_of_conduct.VERSION
    )
    if created:
        log_action(
            "discussions.code_of_conduct.accepted",
            actor=user,
            obj=acceptance,
            data={"version": code_of_conduct.VERSION},
        )
    return acceptance


def _check_reference(thread: Thread, post: Post | None) -> None:
    if post is None:
        return
    if post.thread_id != thread.pk or post.is_deleted or post.is_hidden:
        raise InvalidPost


@transaction.atomic
def add_post(
    thread: Thread,
    *,
    body: str,
    by: User,
    reply_to: Post | None = None,
    quoted: Post | None = None,
) -> Post:
    """Post to `thread` (a reply when `reply_to`, quoting `quoted`). Refused without the
    right to post, without the accepted code of conduct, or above the rate limit."""
    if not access.can_post(thread, by):
        raise NotAllowed
    if not queries.has_accepted_code_of_conduct(by):
        raise CodeOfConductRequired
    _check_reference(thread, reply_to)
    _check_reference(thread, quoted)
    body = (body or "").strip()
    if not body or len(body) > MAX_BODY_LENGTH:
        raise InvalidPost
    throttle = post_throttle()
    if throttle.is_blocked(str(by.pk)):
        raise RateLimited
    throttle.hit(str(by.pk))
    post = Post.objects.create(
        thread=thread, author=by, body=body, reply_to=reply_to, quoted=quoted
    )
    Thread.objects.filter(pk=thread.pk).update(last_posted_at=post.created_at)
    thread.last_posted_at = post.created_at
    log_action("discussions.post.created", actor=by, obj=post, data={"thread": thread.pk})
    indexing.changed(post)
    hooks.announce("post_created", post)
    return post


@transaction.atomic
def edit_post(post: Post, *, body: str, by: User) -> Post:
    """The author corrects a post within the edit window; it is marked "edited"."""
    if post.author_id != by.pk or not access.can_post(post.thread, by):
        raise NotAllowed
    if not is_editable(post):
        raise EditWindowClosed
    body = (body or "").strip()
    if not body or len(body) > MAX_BODY_LENGTH:
        raise InvalidPost
    if body == post.body:
        return post
    post.body = body
    post.edited_at = timezone.now()
    post.save(update_fields=with_html(Post, ["body", "edited_at"]))
    log_action("discussions.post.edited", actor=by, obj=post)
    indexing.changed(post)
    return post


@transaction.atomic
def delete_post(post: Post, *, by: User) -> Post:
    """Soft delete by the author or a moderator: the text goes, the place in the thread stays."""
    is_author = post.author_id == by.pk and access.is_active_person(by)
    if not (is_author or access.is_moderator(by)):
        raise NotAllowed
    if post.is_deleted:
        raise InvalidPost
    post.deleted_at = timezone.now()
    post.deleted_by = by
    post.body = ""
    post.save(update_fields=with_html(Post, ["deleted_at", "deleted_by", "body"]))
    log_action(
        "discussions.post.deleted",
        actor=by,
        obj=post,
        data={"by_moderator": not is_author},
    )
    indexing.removed(post)
    return post


@transaction.atomic
def report_post(post: Post, *, reason: str, by: User) -> Report:
    """Report a post to the moderators; one open report per person and post."""
    if not access.is_active_person(by) or not access.can_view(post.thread, by):
        raise NotAllowed
    if post.author_id == by.pk or post.is_deleted:
        raise InvalidPost
    reason = (reason or "").strip()
    if not reason or len(reason) > MAX_REASON_LENGTH:
        raise DiscussionError
    if Report.objects.filter(post=post, reporter=by, status=ReportStatus.OPEN).exists():
        raise AlreadyReported
    try:
        with transaction.atomic():
            report = Report.objects.create(post=post, reporter=by, reason=reason)
    except IntegrityError as error:  # a concurrent second report
        raise AlreadyReported from error
    log_action("discussions.report.created", actor=by, obj=report, data={"post": post.pk})
    return report


def _close_reports(post: Post, *, by: User, status: str, note: str) -> int:
    return Report.objects.filter(post=post, status=ReportStatus.OPEN).update(
        status=status, resolved_at=timezone.now(), resolved_by=by, note=note
    )


def _mail_author(post: Post, *, template: str, reason: str) -> None:
    author = post.author
    if author is None or not author.is_active or author.is_erased:
        return
    send_templated_mail(
        to=[author.email],
        template=template,
        context={"post": post, "thread": post.thread, "reason": reason, "person": author},
        language=author.language,
    )


@transaction.atomic
def hide_post(post: Post, *, reason: str, by: User) -> Post:
    """A moderator hides a post with a reason its author is shown (page, e-mail,
    notification); its open reports are resolved."""
    if not access.is_moderator(by):
        raise NotAllowed
    if post.is_deleted or post.is_hidden:
        raise InvalidPost
    reason = (reason or "").strip()
    if not reason or len(reason) > MAX_REASON_LENGTH:
        raise DiscussionError
    post.hidden_at = timezone.now()
    post.hidden_by = by
    post.hidden_reason = reason
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    closed = _close_reports(post, by=by, status=ReportStatus.RESOLVED, note=reason)
    log_action(
        "discussions.post.hidden",
        actor=by,
        obj=post,
        data={"reason": reason, "reports_resolved": closed},
    )
    indexing.removed(post)
    _mail_author(post, template="discussions/emails/post_hidden", reason=reason)
    hooks.announce("post_hidden", post)
    return post


@transaction.atomic
def restore_post(post: Post, *, reason: str, by: User) -> Post:
    """A moderator shows a hidden post again, telling its author why."""
    if not access.is_moderator(by):
        raise NotAllowed
    if not post.is_hidden or post.is_deleted:
        raise InvalidPost
    reason = (reason or "").strip()
    if not reason or len(reason) > MAX_REASON_LENGTH:
        raise DiscussionError
    post.hidden_at = None
    post.hidden_by = None
    post.hidden_reason = ""
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    log_action("discussions.post.restored", actor=by, obj=post, data={"reason": reason})
    indexing.changed(post)
    _mail_author(post, template="discussions/emails/post_restored", reason=reason)
    hooks.announce("post_restored", post)
    return post


@transaction.atomic
def dismiss_report(report: Report, *, by: User, note: str = "") -> Report:
    """A moderator closes a report without hiding the post."""
    if not access.is_moderator(by):
        raise NotAllowed
    if report.status != ReportStatus.OPEN:
        raise InvalidPost
    if len(note) > MAX_REASON_LENGTH:
        raise DiscussionError
    report.status = ReportStatus.DISMISSED
    report.resolved_at = timezone.now()
    report.resolved_by = by
    report.note = note.strip()
    report.save(update_fields=["status", "resolved_at", "resolved_by", "note"])
    log_action("discussions.report.dismissed", actor=by, obj=report, data={"note": report.note})
    return report
