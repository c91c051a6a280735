"""Data rights pages: "Ihre Daten" (export), account deletion and its cancellation.

The export shows everything about the person, so it asks for the password again: a correct
password marks the session as recently authenticated for REAUTH_SECONDS.
"""

import json
import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from stadtgespraeche.accounts import services
from stadtgespraeche.accounts.exceptions import DeletionAlreadyRequested, DeletionInvalid
from stadtgespraeche.accounts.forms import CurrentPasswordForm, DeletionRequestForm
from stadtgespraeche.accounts.models import User
from stadtgespraeche.accounts.throttling import client_ip
from stadtgespraeche.core import personal_data

REAUTH_KEY = "accounts_reauthenticated_at"
REAUTH_SECONDS = 10 * 60


def _recently_authenticated(request: HttpRequest) -> bool:
    at = request.session.get(REAUTH_KEY)
    return isinstance(at, int | float) and time.time() - at <= REAUTH_SECONDS


@never_cache
@sensitive_post_parameters("password")
@login_required
@require_http_methods(["GET", "POST"])
def data_export(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = CurrentPasswordForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        request.session[REAUTH_KEY] = time.time()
        return redirect("accounts:data-export")
    if request.method == "POST" or not _recently_authenticated(request):
        status = 400 if request.method == "POST" else 200
        return render(request, "accounts/data_confirm.html", {"form": form}, status=status)
    services.record_data_export(user, export_format="html", ip_address=client_ip(request))
    context = {"sections": personal_data.export_for_display(user)}
    return render(request, "accounts/data_export.html", context)


@never_cache
@login_required
@require_GET
def data_export_json(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if not _recently_authenticated(request):
        return redirect("accounts:data-export")
    services.record_data_export(user, export_format="json", ip_address=client_ip(request))
    payload = {
        "exported_at": timezone.now().isoformat(),
        "sections": services.export_personal_data(user),
    }
    filename = f"stadtgespraeche-daten-{timezone.localdate():%Y-%m-%d}.json"
    response = HttpResponse(
        json.dumps(payload, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@sensitive_post_parameters("password")
@login_required
@require_http_methods(["GET", "POST"])
def deletion_request(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = DeletionRequestForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            deletion = services.request_account_deletion(user, ip_address=client_ip(request))
        except DeletionAlreadyRequested:  # pragma: no cover - an inactive person is logged out
            return redirect("accounts:home")
        logout(request)
        return render(request, "accounts/deletion_requested.html", {"deletion": deletion})
    context = {"form": form, "grace_days": settings.ACCOUNT_DELETION_GRACE_DAYS}
    return render(request, "accounts/deletion_request.html", context)


@require_http_methods(["GET", "POST"])
def deletion_cancel(request: HttpRequest, token: str) -> HttpResponse:
    # GET only shows a button, so that link scanners in mail systems change nothing.
    try:
        if request.method == "POST":
            services.cancel_account_deletion(token, ip_address=client_ip(request))
            return render(request, "accounts/deletion_cancelled.html")
        deletion = services.deletion_request_for_token(token)
    except DeletionInvalid:
        return render(request, "accounts/deletion_invalid.html", status=410)
    return render(request, "accounts/deletion_cancel.html", {"deletion": deletion})
