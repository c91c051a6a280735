"""Pending account deletions (organisers only): dates and role, no personal data."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from stadtgespraeche.accounts.queries import pending_deletion_requests

PAGE_SIZE = 50


@login_required
def deletion_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("accounts.view_deletionrequest"):
        raise PermissionDenied
    page_obj = Paginator(pending_deletion_requests(), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"dashboard_section": "deletions", "page_obj": page_obj}
    return render(request, "dashboard/deletion_list.html", context)
