"""Browsing the audit log (organisers only)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.forms import Form
from stadtgespraeche.core.queries import audit_entries
from stadtgespraeche.dashboard.audit_labels import action_label, data_details

PAGE_SIZE = 25


class AuditFilterForm(Form):
    action = forms.CharField(
        label=_("Action begins with"),
        required=False,
        max_length=100,
        help_text=_('For example "accounts.login" or "directory".'),
    )
    actor = forms.CharField(label=_("Person"), required=False, max_length=100)


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("core.view_auditlog"):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = audit_entries(
        action_prefix=filters.get("action", "").strip(),
        actor_query=filters.get("actor", "").strip(),
    )
    page_obj = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "entry": entry,
            "label": action_label(entry.action),
            "details": data_details(entry.action, entry.data),
        }
        for entry in page_obj
    ]
    query_string = urlencode({key: value for key, value in filters.items() if value})
    context = {
        "dashboard_section": "audit",
        "form": form,
        "page_obj": page_obj,
        "rows": rows,
        "query_string": query_string,
    }
    return render(request, "dashboard/audit_log.html", context)
