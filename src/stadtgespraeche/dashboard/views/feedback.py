"""Organisers see the feedback of the participants: per event, as an aggregate (no names)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from rules.contrib.views import permission_required

from stadtgespraeche.documentation import queries as queries_documentation
from stadtgespraeche.events.models import Event

SECTION = "events"


@require_GET
@login_required
@permission_required("documentation.view_feedback", raise_exception=True)
def feedback_list(request: HttpRequest) -> HttpResponse:
    context = {
        "dashboard_section": SECTION,
        "events": list(queries_documentation.events_with_feedback()),
    }
    return render(request, "dashboard/feedback/feedback_list.html", context)


@require_GET
@login_required
@permission_required("documentation.view_feedback", raise_exception=True)
def feedback_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("series"), pk=pk)
    context = {
        "dashboard_section": SECTION,
        "event": event,
        "summary": queries_documentation.feedback_summary(event),
    }
    return render(request, "dashboard/feedback/feedback_detail.html", context)
