"""Notification centre, settings, one-click unsubscribe, follow and "Gefolgt"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from stadtgespraeche.accounts.models import User

from . import follows, kinds, queries, services, tokens
from .enums import ALL_KINDS
from .forms import FollowForm, PreferencesForm

PAGE_SIZE = 20


def _require(request: HttpRequest, permission: str, obj: object = None) -> None:
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


def _safe_next(request: HttpRequest, candidate: str, default: str) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


@login_required
def centre(request: HttpRequest) -> HttpResponse:
    _require(request, "notifications.view_notifications")
    paginator = Paginator(queries.notifications_for(request.user), PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    labels = {kind.key: kind.label for kind in kinds.all_kinds()}
    entries = [(item, labels.get(item.kind, "")) for item in page_obj.object_list]
    return render(
        request,
        "notifications/centre.html",
        {"page_obj": page_obj, "entries": entries},
    )


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "notifications.view_notifications")
    if not services.mark_read(request.user, pk):
        raise Http404
    default = reverse("notifications:centre")
    return redirect(_safe_next(request, request.POST.get("next", ""), default))


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    _require(request, "notifications.view_notifications")
    changed = services.mark_all_read(request.user)
    if changed:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:centre")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    _require(request, "notifications.change_preferences")
    current = queries.preferences_of(request.user)
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        services.set_preferences(request.user, form.choices())
        messages.success(request, _("Your notification settings were saved."))
        return redirect("notifications:settings")
    context = {
        "form": form,
        "unsubscribed_all": queries.has_unsubscribed_all(request.user),
    }
    return render(request, "notifications/settings.html", context)


@csrf_exempt  # RFC 8058: mail clients POST the one-click request without any cookie or token
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a confirmation with a button; POST (the button, or a mail client's
    one-click request) unsubscribes without login. The signed token is the permission."""
    wanted = tokens.read_token(token)
    person = User.objects.filter(pk=wanted.user_id, is_active=True).first() if wanted else None
    if wanted is None or person is None:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    kind = kinds.get(wanted.kind) if wanted.kind != ALL_KINDS else None
    context = {"token": token, "kind": kind, "all_kinds": wanted.kind == ALL_KINDS}
    if request.method == "POST":
        services.unsubscribe(person, wanted.kind, ip_address=request.META.get("REMOTE_ADDR"))
        return render(request, "notifications/unsubscribe_done.html", context)
    return render(request, "notifications/unsubscribe.html", context)


@login_required
@require_POST
def follow(request: HttpRequest) -> HttpResponse:
    form = FollowForm(request.POST)
    if not form.is_valid():
        raise Http404
    target = follows.resolve(form.cleaned_data["content_type"], form.cleaned_data["object_id"])
    if target is None:
        raise Http404
    default = reverse("notifications:following")
    next_url = _safe_next(request, form.cleaned_data["next"], default)
    if form.cleaned_data["action"] == "unfollow":
        services.unfollow(request.user, target)
        messages.success(request, _("You no longer follow “%(name)s”.") % {"name": target})
        return HttpResponseRedirect(next_url)
    _require(request, "notifications.follow", target)
    services.follow(request.user, target)
    messages.success(
        request,
        _("You now follow “%(name)s”. You will be notified of news.") % {"name": target},
    )
    return HttpResponseRedirect(next_url)


@login_required
def following(request: HttpRequest) -> HttpResponse:
    _require(request, "notifications.view_notifications")
    entries = queries.follows_of(request.user)
    return render(request, "notifications/following.html", {"entries": entries})
