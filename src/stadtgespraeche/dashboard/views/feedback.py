"""Organisers see the feedback of the participants: per event, as an aggregate (no names)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from rules.contrib.views import permission_required

from stadtgespraeche.accounts.http import AuthenticatedRequest
from stadtgespraeche.documentation import queries as queries_documentation
from stadtgespraeche.events.models import Event
from stadtgespraeche.wishes import queries as queries_wishes
from stadtgespraeche.wishes.exceptions import WishError
from stadtgespraeche.wishes.services import feedback as services_feedback

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
        "wish_texts": services_feedback.feedback_wish_texts(event),
        "wish_rounds": list(queries_wishes.collecting_rounds(event.series)),
    }
    return render(request, "dashboard/feedback/feedback_detail.html", context)


@login_required
@permission_required("wishes.manage_round", raise_exception=True)
@require_POST
def feedback_to_wishes(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The follow-up loop: the feedback's topic wishes become wishes of a collecting round."""
    event = get_object_or_404(Event.objects.select_related("series"), pk=pk)
    round_id = request.POST.get("round", "")
    chosen = (
        queries_wishes.collecting_rounds(event.series).filter(pk=int(round_id)).first()
        if round_id.isdigit() and len(round_id) <= 18
        else None
    )
    if chosen is None:
        messages.error(request, _("Please choose a round that collects wishes."))
        return redirect("dashboard:feedback-detail", pk=event.pk)
    try:
        wishes = services_feedback.wishes_from_feedback(event, into=chosen, by=request.user)
    except WishError as error:
        messages.error(request, str(error))
        return redirect("dashboard:feedback-detail", pk=event.pk)
    messages.success(
        request,
        _("%(count)s topic wishes were added to the round “%(round)s”.")
        % {"count": len(wishes), "round": chosen.title},
    )
    return redirect("wishes:round-detail", pk=chosen.pk)
