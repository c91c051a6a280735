"""Views of the OParl app: the public coverage page, organisers add an endpoint."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from stadtgespraeche.accounts.http import AuthenticatedRequest

from . import queries
from .client import Fetcher
from .exceptions import EndpointRefused
from .forms import EndpointForm
from .services.endpoints import add_endpoint


@require_GET
def coverage(request: HttpRequest) -> HttpResponse:
    context = {
        "rows": queries.coverage_rows(),
        "can_add": request.user.has_perm("oparl.add_endpoint"),
    }
    return render(request, "oparl/coverage.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def endpoint_add(request: AuthenticatedRequest) -> HttpResponse:
    if not request.user.has_perm("oparl.add_endpoint"):
        raise PermissionDenied
    form = EndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with Fetcher(timeout=15, retries=1) as fetcher:
                endpoint = add_endpoint(
                    system_url=form.cleaned_data["system_url"],
                    body_url=form.cleaned_data["body_url"],
                    municipality=form.cleaned_data["ags"],
                    fetcher=fetcher,
                    actor=request.user,
                )
        except EndpointRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The interface of %(body)s has been added; its data arrive with the next sync.")
                % {"body": endpoint},
            )
            return redirect("oparl:coverage")
    return render(request, "oparl/endpoint_form.html", {"form": form})
