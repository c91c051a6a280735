"""Organisers: the queue of abuse reports from members; mark a report as handled."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stadtgespraeche.contacts import queries as queries_contacts
from stadtgespraeche.contacts import services as services_contacts
from stadtgespraeche.contacts.forms import ReportHandledForm
from stadtgespraeche.contacts.models import AbuseReport


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("contacts.view_abusereport"):
        raise PermissionDenied
    show_handled = request.GET.get("erledigt") == "1"
    context = {
        "dashboard_section": "reports",
        "reports": queries_contacts.open_abuse_reports(handled=show_handled),
        "show_handled": show_handled,
    }
    return render(request, "dashboard/reports.html", context)


@login_required
@require_POST
def report_handle(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(AbuseReport, pk=pk)
    if not request.user.has_perm("contacts.view_abusereport"):
        raise PermissionDenied
    form = ReportHandledForm(request.POST)
    if not request.user.has_perm("contacts.handle_abusereport", report):
        messages.error(request, _("This report was already marked as handled."))
    elif form.is_valid():
        services_contacts.mark_report_handled(
            report, by=request.user, note=form.cleaned_data["note"]
        )
        messages.success(request, _("The report was marked as handled."))
    else:
        messages.error(request, _("The note is too long (at most 2,000 characters)."))
    return redirect("dashboard:reports")
