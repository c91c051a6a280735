"""The coordinator's list of their councillors with their registration status for the next
Stadtgespräche, and registering a councillor from that list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from stadtgespraeche.accounts.http import AuthenticatedRequest
from stadtgespraeche.events import queries as event_queries
from stadtgespraeche.registrations import queries
from stadtgespraeche.registrations.enums import RegistrationStatus
from stadtgespraeche.registrations.exceptions import RegistrationError
from stadtgespraeche.registrations.forms import MoveForm
from stadtgespraeche.registrations.queries import coordination
from stadtgespraeche.registrations.services import registration as services


def _require_coordinator(request: AuthenticatedRequest) -> None:
    if not request.user.has_perm("registrations.view_councillor_registrations"):
        raise PermissionDenied


@login_required
@require_GET
def councillors(request: AuthenticatedRequest) -> HttpResponse:
    _require_coordinator(request)
    events = coordination.upcoming_events_for_coordinator(request.user)
    context = {
        "events": events,
        "rows": coordination.councillor_rows(request.user, events),
    }
    return render(request, "registrations/coordinator_councillors.html", context)


@login_required
@require_POST
def register_from_list(request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
    """Register one councillor for one event; back to the list with the outcome."""
    _require_coordinator(request)
    event = get_object_or_404(event_queries.visible_events(request.user), slug=slug)
    person = get_object_or_404(queries.councillors_coordinated_by(request.user), pk=pk)
    form = MoveForm(request.POST, event=event)
    if not form.is_valid():
        messages.error(request, _("Please choose one of the attendance modes this event offers."))
        return redirect("registrations:coordinator-councillors")
    try:
        result = services.register(
            event, person=person, by=request.user, mode=form.cleaned_data["mode"]
        )
    except RegistrationError as error:
        messages.error(request, str(error))
    else:
        if result.registration.status == RegistrationStatus.WAITLISTED:
            notice = _("All places are taken: %(person)s is on the waitlist.")
        else:
            notice = _("%(person)s is registered and gets a confirmation by e-mail.")
        messages.success(request, notice % {"person": person})
    return redirect("registrations:coordinator-councillors")
