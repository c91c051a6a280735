"""The organiser start page: what needs attention in the network."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from rules.contrib.views import permission_required

from stadtgespraeche.network import queries as network_queries
from stadtgespraeche.network.enums import MembershipStatus

RECENT_APPLICATIONS = 5


@login_required
@permission_required("network.view_network_overview", raise_exception=True)
def home(request: HttpRequest) -> HttpResponse:
    counts = network_queries.membership_counts_by_series()
    empty = {str(status): 0 for status in MembershipStatus}
    series_rows = [
        {
            "series": series,
            "counts": [
                (status.label, counts.get(series.pk, empty)[status]) for status in MembershipStatus
            ],
        }
        for series in network_queries.all_series()
    ]
    pending = list(network_queries.pending_applications()[:RECENT_APPLICATIONS])
    return render(
        request,
        "dashboard/home.html",
        {
            "dashboard_section": "home",
            "series_rows": series_rows,
            "pending_count": network_queries.pending_application_count(),
            "pending_applications": pending,
        },
    )
