"""The organisers' review queue of membership applications ("Mitglied werden")."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from rules.contrib.views import permission_required

from stadtgespraeche.accounts.http import AuthenticatedRequest
from stadtgespraeche.network import queries as network_queries
from stadtgespraeche.network import services as network_services
from stadtgespraeche.network.exceptions import MembershipError
from stadtgespraeche.network.forms import AcceptApplicationForm, DeclineApplicationForm
from stadtgespraeche.network.models import MembershipApplication

PAGE_SIZE = 25
TABS = ("pending", "decided")


def _get_application(pk: int) -> MembershipApplication:
    application = network_queries.application_by_id(pk)
    if application is None:
        raise Http404
    return application


@require_GET
@login_required
@permission_required("network.review_applications", raise_exception=True)
def application_list(request: HttpRequest) -> HttpResponse:
    tab = request.GET.get("status", "pending")
    if tab not in TABS:
        tab = "pending"
    applications = (
        network_queries.pending_applications()
        if tab == "pending"
        else network_queries.decided_applications()
    )
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "dashboard/applications/list.html",
        {
            "dashboard_section": "applications",
            "tab": tab,
            "page_obj": page,
            "applications": page.object_list,
            "query_string": f"status={tab}",
        },
    )


def _render_detail(
    request: HttpRequest,
    application: MembershipApplication,
    *,
    accept_form: AcceptApplicationForm | None = None,
    decline_form: DeclineApplicationForm | None = None,
) -> HttpResponse:
    membership = network_queries.membership_of(
        series=application.series, municipality=application.municipality
    )
    return render(
        request,
        "dashboard/applications/detail.html",
        {
            "dashboard_section": "applications",
            "application": application,
            "membership": membership,
            "accept_form": accept_form or AcceptApplicationForm(prefix="accept"),
            "decline_form": decline_form or DeclineApplicationForm(prefix="decline"),
        },
    )


@require_GET
@login_required
@permission_required("network.review_applications", raise_exception=True)
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _get_application(pk))


@require_POST
@login_required
@permission_required("network.review_applications", raise_exception=True)
def application_accept(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _get_application(pk)
    form = AcceptApplicationForm(request.POST, prefix="accept")
    if not form.is_valid():
        return _render_detail(request, application, accept_form=form)
    try:
        outcome = network_services.accept_application(
            application, by=request.user, note=form.cleaned_data["note"]
        )
    except MembershipError as error:
        messages.error(request, str(error))
        return redirect("dashboard:application-detail", pk=application.pk)
    names = {"municipality": application.municipality, "email": application.contact_email}
    if outcome.invited:
        messages.success(
            request,
            _("%(municipality)s is now a member. %(email)s has been invited as coordinator.")
            % names,
        )
    else:
        messages.success(
            request,
            _(
                "%(municipality)s is now a member. %(email)s already had an account; it is now "
                "linked to %(municipality)s as coordinator, no invitation was sent."
            )
            % names,
        )
    return redirect("dashboard:application-detail", pk=application.pk)


@require_POST
@login_required
@permission_required("network.review_applications", raise_exception=True)
def application_decline(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _get_application(pk)
    form = DeclineApplicationForm(request.POST, prefix="decline")
    if not form.is_valid():
        return _render_detail(request, application, decline_form=form)
    try:
        network_services.decline_application(
            application, by=request.user, message=form.cleaned_data["message"]
        )
    except MembershipError as error:
        messages.error(request, str(error))
        return redirect("dashboard:application-detail", pk=application.pk)
    messages.success(
        request,
        _("The application of %(municipality)s was declined and the contact informed by e-mail.")
        % {"municipality": application.municipality},
    )
    return redirect("dashboard:application-detail", pk=application.pk)
