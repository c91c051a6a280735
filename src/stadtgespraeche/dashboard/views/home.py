"""The organiser start page: what needs attention in the network."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from rules.contrib.views import permission_required

from stadtgespraeche.events import queries
from stadtgespraeche.network.enums import MembershipStatus

RECENT_APPLICATIONS = 5


@login_required
@permission_required("events.view_network_overview", raise_exception=True)
def home(request: HttpRequest) -> HttpResponse:
    counts = queries.membership_counts_by_series()
    empty = {str(status): 0 for status in MembershipStatus}
    series_rows = [
        {
            "series": series,
            "counts": [
                (status.label, counts.get(series.pk, empty)[status]) for status in MembershipStatus
            ],
        }
        for series in queries.all_series()
    ]
    pending = list(queries.pending_applications()[:RECENT_APPLICATIONS])
    return render(
        request,
        "dashboard/home.html",
        {
            "dashboard_section": "home",
            "series_rows": series_rows,
            "pending_count": queries.pending_application_count(),
            "pending_applications": pending,
        },
    )
