"""Pages of the discussions app: thread, compose (post, reply, quote), edit, delete, report,
start a thread, code of conduct. Permission → form → service → response."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from stadtgespraeche.accounts.http import AuthenticatedRequest
from stadtgespraeche.core.htmx import template_for

from . import access, queries, services
from . import code_of_conduct as code_of_conduct_module
from .exceptions import CodeOfConductRequired, DiscussionError, RateLimited
from .forms import CodeOfConductForm, PostForm, ReportForm, ThreadStartForm
from .models import Post, Thread
from .rules import PostActions, post_actions


def _visible_thread(request: HttpRequest, pk: int) -> Thread:
    thread = get_object_or_404(Thread, pk=pk)
    if not access.can_view(thread, request.user):
        raise Http404
    return thread


def _visible_post(request: HttpRequest, pk: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("thread", "author"), pk=pk)
    if not access.can_view(post.thread, request.user):
        raise Http404
    return post


@dataclass(frozen=True)
class PostRow:
    """A post of the thread page with what the viewer may do with it."""

    post: Post
    actions: PostActions


def _rows(posts: list[Post], user: Any, *, can_post: bool, moderator: bool) -> list[PostRow]:
    return [
        PostRow(post, post_actions(post, user, can_post=can_post, moderator=moderator))
        for post in posts
    ]


@require_safe
def thread_detail(request: HttpRequest, pk: int) -> HttpResponse:
    thread = _visible_thread(request, pk)
    page = queries.posts_page(thread, request.GET.get("page"))
    can_post = access.can_post(thread, request.user)
    moderator = access.is_moderator(request.user)
    rows = _rows(list(page.object_list), request.user, can_post=can_post, moderator=moderator)
    context = {
        "thread": thread,
        "owner": access.owner_of(thread),
        "page_obj": page,
        "rows": rows,
        "show_names": access.show_names(thread, request.user),
        "can_post": can_post,
        "is_moderator": moderator,
        "has_accepted": can_post and queries.has_accepted_code_of_conduct(request.user),
        "form": PostForm(),
    }
    template = template_for(request, "discussions/thread_detail.html", "posts")
    return render(request, template, context)


@require_safe
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A post's permanent address: its thread on the right page, at the post."""
    post = _visible_post(request, pk)
    url = reverse("discussions:thread-detail", kwargs={"pk": post.thread_id})
    return redirect(f"{url}?page={queries.page_of_post(post)}#post-{post.pk}")


def _code_of_conduct_url(next_url: str) -> str:
    return f"{reverse('discussions:code-of-conduct')}?next={quote(next_url, safe='/')}"


def _compose(
    request: AuthenticatedRequest, thread: Thread, *, reply_to: Post | None, quoted: Post | None
) -> HttpResponse:
    user = request.user
    if not access.can_post(thread, user):
        if not access.can_view(thread, user):
            raise Http404
        raise PermissionDenied
    if not queries.has_accepted_code_of_conduct(user):
        return redirect(_code_of_conduct_url(request.get_full_path()))
    form = PostForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            post = services.add_post(
                thread, body=form.cleaned_data["body"], by=user, reply_to=reply_to, quoted=quoted
            )
        except CodeOfConductRequired:
            return redirect(_code_of_conduct_url(request.get_full_path()))
        except RateLimited as error:
            form.add_error(None, str(error))
            status = 429
        except DiscussionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your post was published."))
            return redirect(post.get_absolute_url())
    context = {
        "thread": thread,
        "owner": access.owner_of(thread),
        "form": form,
        "reply_to": reply_to,
        "quoted": quoted,
        "show_names": access.show_names(thread, user),
    }
    return render(request, "discussions/post_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def thread_post(request: HttpRequest, pk: int) -> HttpResponse:
    return _compose(request, _visible_thread(request, pk), reply_to=None, quoted=None)


@login_required
@require_http_methods(["GET", "POST"])
def post_reply(request: HttpRequest, pk: int) -> HttpResponse:
    post = _visible_post(request, pk)
    if post.is_deleted or post.is_hidden:
        messages.error(request, _("This post can no longer be answered."))
        return redirect(post.get_absolute_url())
    return _compose(request, post.thread, reply_to=post, quoted=None)


@login_required
@require_http_methods(["GET", "POST"])
def post_quote(request: HttpRequest, pk: int) -> HttpResponse:
    post = _visible_post(request, pk)
    if post.is_deleted or post.is_hidden:
        messages.error(request, _("This post can no longer be quoted."))
        return redirect(post.get_absolute_url())
    return _compose(request, post.thread, reply_to=post, quoted=post)


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    post = _visible_post(request, pk)
    user = request.user
    if post.author_id != user.pk:
        raise PermissionDenied
    if not request.user.has_perm("discussions.change_post", post):
        messages.error(request, _("Posts can only be edited shortly after writing them."))
        return redirect(post.get_absolute_url())
    form = PostForm(request.POST if request.method == "POST" else None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_post(post, body=form.cleaned_data["body"], by=user)
        except DiscussionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your post was changed."))
            return redirect(post.get_absolute_url())
    context = {"thread": post.thread, "owner": access.owner_of(post.thread), "form": form}
    return render(request, "discussions/post_edit.html", {**context, "post": post})


@login_required
@require_http_methods(["GET", "POST"])
def post_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    post = _visible_post(request, pk)
    if not request.user.has_perm("discussions.delete_post", post):
        raise PermissionDenied
    if request.method == "POST":
        services.delete_post(post, by=request.user)
        messages.success(request, _("The post was deleted."))
        return redirect(post.get_absolute_url())
    return render(request, "discussions/post_confirm_delete.html", {"post": post})


@login_required
@require_http_methods(["GET", "POST"])
def post_report(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    post = _visible_post(request, pk)
    if not request.user.has_perm("discussions.report_post", post):
        raise PermissionDenied
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_post(post, reason=form.cleaned_data["reason"], by=request.user)
        except DiscussionError as error:
            messages.info(request, str(error))
        else:
            messages.success(request, _("Thank you. The moderators will look at this post."))
        return redirect(post.get_absolute_url())
    return render(request, "discussions/post_report.html", {"post": post, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def thread_start(request: AuthenticatedRequest, kind: str, owner_id: int) -> HttpResponse:
    policy = access.policy_for(kind)
    owner = policy.owner_by_id(owner_id) if policy is not None else None
    if policy is None or policy.start is None or owner is None:
        raise Http404
    user = request.user
    if not (access.can_start(kind, owner_id, user) or access.is_moderator(user)):
        raise PermissionDenied
    if not queries.has_accepted_code_of_conduct(user):
        return redirect(_code_of_conduct_url(request.get_full_path()))
    form = ThreadStartForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            thread = policy.start(owner_id, **form.cleaned_data, by=user)
        except RateLimited as error:
            form.add_error(None, str(error))
            status = 429
        except DiscussionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your discussion was started."))
            return redirect(thread.get_absolute_url())
    context = {"owner": owner, "form": form}
    return render(request, "discussions/thread_start.html", context, status=status)


def _safe_next(request: HttpRequest) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return ""


@require_http_methods(["GET", "POST"])
def code_of_conduct(request: HttpRequest) -> HttpResponse:
    """The code of conduct; logged-in people accept it here before their first post."""
    accepted = queries.has_accepted_code_of_conduct(request.user)
    form = CodeOfConductForm(request.POST if request.method == "POST" else None)
    next_url = _safe_next(request)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        if form.is_valid():
            services.accept_code_of_conduct(request.user)
            messages.success(request, _("Thank you for accepting the code of conduct."))
            return redirect(next_url or reverse("discussions:code-of-conduct"))
    context = {
        "form": form,
        "accepted": accepted,
        "next": next_url,
        "version": code_of_conduct_module.VERSION,
    }
    return render(request, "discussions/code_of_conduct.html", context)
