"""Organisers: the moderation queue of discussions; hide and restore posts, dismiss reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from stadtgespraeche.accounts.http import AuthenticatedRequest
from stadtgespraeche.discussions import queries, services
from stadtgespraeche.discussions.exceptions import DiscussionError
from stadtgespraeche.discussions.forms import DismissForm, ModerationForm
from stadtgespraeche.discussions.models import Post, Report

HIDDEN_SHOWN = 20


def _require_moderator(request: HttpRequest) -> None:
    if not request.user.has_perm("discussions.moderate"):
        raise PermissionDenied


@login_required
def moderation_queue(request: HttpRequest) -> HttpResponse:
    _require_moderator(request)
    context = {
        "dashboard_section": "discussions",
        "reports": list(queries.open_reports()),
        "hidden_posts": list(queries.hidden_posts()[:HIDDEN_SHOWN]),
    }
    return render(request, "dashboard/discussions/moderation.html", context)


def _moderate(request: AuthenticatedRequest, pk: int, *, hide: bool) -> HttpResponse:
    _require_moderator(request)
    post = get_object_or_404(Post.objects.select_related("thread", "author"), pk=pk)
    form = ModerationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        action = services.hide_post if hide else services.restore_post
        try:
            action(post, reason=form.cleaned_data["reason"], by=request.user)
        except DiscussionError:
            if hide:
                messages.error(request, _("This post is already hidden or deleted."))
            else:
                messages.error(request, _("This post is not hidden."))
        else:
            if hide:
                messages.success(request, _("The post was hidden; its author was told why."))
            else:
                messages.success(request, _("The post is visible again; its author was told."))
        return redirect("dashboard:discussions")
    context = {"dashboard_section": "discussions", "post": post, "form": form, "hide": hide}
    return render(request, "dashboard/discussions/moderate_post.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def post_hide(request: HttpRequest, pk: int) -> HttpResponse:
    return _moderate(request, pk, hide=True)


@login_required
@require_http_methods(["GET", "POST"])
def post_restore(request: HttpRequest, pk: int) -> HttpResponse:
    return _moderate(request, pk, hide=False)


@login_required
@require_POST
def report_dismiss(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require_moderator(request)
    report = get_object_or_404(Report, pk=pk)
    form = DismissForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The note is too long (at most 2,000 characters)."))
        return redirect("dashboard:discussions")
    try:
        services.dismiss_report(report, by=request.user, note=form.cleaned_data["note"])
    except DiscussionError:
        messages.error(request, _("This report was already closed."))
    else:
        messages.success(request, _("The report was closed; the post stays visible."))
    return redirect("dashboard:discussions")
