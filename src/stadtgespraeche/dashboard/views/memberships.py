"""Organisers manage the memberships of municipalities in a series."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from rules.contrib.views import permission_required

from stadtgespraeche.accounts.http import AuthenticatedRequest
from stadtgespraeche.network import queries as network_queries
from stadtgespraeche.network import services as network_services
from stadtgespraeche.network.exceptions import MembershipError
from stadtgespraeche.network.forms import MembershipAddForm, MembershipStatusForm

PAGE_SIZE = 50


@require_GET
@login_required
@permission_required("network.manage_memberships", raise_exception=True)
def membership_list(request: HttpRequest) -> HttpResponse:
    all_series = list(network_queries.all_series())
    slug = request.GET.get("series", "")
    series = next((s for s in all_series if s.slug == slug), None)
    if series is None:
        series = next(
            (s for s in all_series if s.slug == network_queries.DEFAULT_SERIES_SLUG), None
        )
    if series is None and all_series:
        series = all_series[0]
    context: dict[str, Any] = {
        "dashboard_section": "memberships",
        "all_series": all_series,
        "series": series,
    }
    if series is not None:
        page = Paginator(network_queries.memberships_of(series), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        context.update(
            {
                "page_obj": page,
                "memberships": page.object_list,
                "query_string": f"series={series.slug}",
            }
        )
    return render(request, "dashboard/memberships/list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("network.manage_memberships", raise_exception=True)
def membership_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    membership = network_queries.membership_by_id(pk)
    if membership is None:
        raise Http404
    form = MembershipStatusForm(request.POST or None, initial={"status": membership.status})
    if request.method == "POST" and form.is_valid():
        changed = network_services.change_membership_status(
            membership,
            status=form.cleaned_data["status"],
            by=request.user,
            note=form.cleaned_data["note"],
        )
        if changed:
            messages.success(
                request,
                _("The status of %(municipality)s is now “%(status)s”.")
                % {
                    "municipality": membership.municipality,
                    "status": membership.get_status_display(),
                },
            )
        else:
            messages.info(request, _("The status was already set; nothing was changed."))
        return redirect("dashboard:membership-detail", pk=membership.pk)
    return render(
        request,
        "dashboard/memberships/detail.html",
        {
            "dashboard_section": "memberships",
            "membership": membership,
            "history": network_queries.membership_history(membership),
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("network.manage_memberships", raise_exception=True)
def membership_add(request: AuthenticatedRequest) -> HttpResponse:
    initial_series = (
        next((s for s in network_queries.all_series() if s.slug == request.GET.get("series")), None)
        or network_queries.default_series()
    )
    form = MembershipAddForm(request.POST or None, initial={"series": initial_series})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership = network_services.add_membership(
                series=data["series"],
                municipality=data["municipality"],
                status=data["status"],
                by=request.user,
                note=data["note"],
            )
        except MembershipError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(municipality)s was added to %(series)s.")
                % {"municipality": membership.municipality, "series": membership.series.dative},
            )
            return redirect("dashboard:membership-detail", pk=membership.pk)
    return render(
        request,
        "dashboard/memberships/add.html",
        {"dashboard_section": "memberships", "form": form},
    )
