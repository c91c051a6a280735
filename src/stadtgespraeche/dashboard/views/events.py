"""Organisers plan Stadtgespräche: list, create, edit, status, duplicate and the agenda."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rules.contrib.views import permission_required

from stadtgespraeche.accounts.http import AuthenticatedRequest
from stadtgespraeche.events import queries, services
from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.events.exceptions import AgendaTimeError, EventError
from stadtgespraeche.events.forms import (
    AgendaItemForm,
    EventForm,
    ProposalAcceptForm,
    ProposalDeclineForm,
)
from stadtgespraeche.events.models import AgendaItem, Event, ImpulseProposal
from stadtgespraeche.events.partners import partner_suggestions
from stadtgespraeche.municipalities.models import Municipality
from stadtgespraeche.network import queries as network_queries
from stadtgespraeche.network.enums import ApplicationStatus

SECTION = "events"


def _posted(request: HttpRequest) -> Any:
    """The POST data, also when empty (an empty form must show its errors)."""
    return request.POST if request.method == "POST" else None


@require_GET
@login_required
@permission_required("events.manage_events", raise_exception=True)
def event_list(request: HttpRequest) -> HttpResponse:
    context = {"dashboard_section": SECTION, "events": list(queries.all_events())}
    return render(request, "dashboard/events/event_list.html", context)


@login_required
@permission_required("events.manage_events", raise_exception=True)
@require_http_methods(["GET", "POST"])
def event_create(request: AuthenticatedRequest) -> HttpResponse:
    form = EventForm(_posted(request), initial={"series": network_queries.default_series()})
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(**form.cleaned_data, by=request.user)
        except EventError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The Stadtgespräch “%(title)s” was created as a draft.") % {"title": event},
            )
            return redirect("dashboard:event-detail", pk=event.pk)
    context = {"dashboard_section": SECTION, "form": form, "event": None}
    return render(request, "dashboard/events/event_form.html", context)


@login_required
@permission_required("events.manage_events", raise_exception=True)
@require_http_methods(["GET", "POST"])
def event_update(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    form = EventForm(_posted(request), instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_event(event, **form.cleaned_data, by=request.user)
        except EventError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("The Stadtgespräch “%(title)s” was saved.") % {"title": event}
            )
            _warn_about_agenda_outside(request, event)
            return redirect("dashboard:event-detail", pk=event.pk)
    context = {"dashboard_section": SECTION, "form": form, "event": event}
    return render(request, "dashboard/events/event_form.html", context)


def _warn_about_agenda_outside(request: HttpRequest, event: Event) -> None:
    outside = queries.agenda_items_outside(event)
    if outside:
        messages.warning(
            request,
            _(
                "These agenda items lie outside the time of the Stadtgespräch now; please "
                "move or shorten them: %(items)s."
            )
            % {"items": ", ".join(item.title for item in outside)},
        )


@require_GET
@login_required
@permission_required("events.manage_events", raise_exception=True)
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("series"), pk=pk)
    context: dict[str, Any] = {
        "dashboard_section": SECTION,
        "event": event,
        "transitions": services.allowed_transitions(event),
        "agenda": list(queries.agenda_of(event)),
        "proposals": list(queries.pending_proposals(event)),
        "partners": partner_suggestions(event, viewer=request.user),
    }
    return render(request, "dashboard/events/event_detail.html", context)


@login_required
@permission_required("events.manage_events", raise_exception=True)
@require_POST
def event_add_co_host(request: AuthenticatedRequest, pk: int, municipality_pk: int) -> HttpResponse:
    """Add a suggested partner municipality as co-host."""
    event = get_object_or_404(Event, pk=pk)
    municipality = get_object_or_404(Municipality, pk=municipality_pk)
    try:
        services.add_co_host(event, municipality, by=request.user)
    except EventError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(municipality)s co-hosts this Stadtgespräch now.")
            % {"municipality": municipality.name},
        )
    return redirect("dashboard:event-detail", pk=event.pk)


@login_required
@permission_required("events.manage_events", raise_exception=True)
@require_POST
def event_transition(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    target = request.POST.get("status", "")
    if target not in EventStatus.values:
        messages.error(request, _("Please choose a valid status."))
        return redirect("dashboard:event-detail", pk=event.pk)
    try:
        services.transition_event(event, to=target, by=request.user)
    except EventError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The status is now “%(status)s”.") % {"status": EventStatus(target).label},
        )
    return redirect("dashboard:event-detail", pk=event.pk)


@login_required
@permission_required("events.manage_events", raise_exception=True)
@require_POST
def event_duplicate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    copy = services.duplicate_event(event, by=request.user)
    messages.success(
        request,
        _("A draft of the next Stadtgespräch (No. %(number)s) was created. Please check its dates.")
        % {"number": copy.number},
    )
    return redirect("dashboard:event-update", pk=copy.pk)


@login_required
@permission_required("events.manage_events", raise_exception=True)
@require_http_methods(["GET", "POST"])
def agenda_item_edit(
    request: AuthenticatedRequest, pk: int, item_pk: int | None = None
) -> HttpResponse:
    """Create (no item_pk) or change an agenda item."""
    event = get_object_or_404(Event, pk=pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, event=event) if item_pk else None
    initial = {} if item else {"starts_at": event.starts_at}
    form = AgendaItemForm(_posted(request), instance=item, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_agenda_item(event, item=item, **form.cleaned_data, by=request.user)
        except AgendaTimeError as error:
            form.add_error(error.field, str(error))
        else:
            messages.success(request, _("The agenda was saved."))
            return redirect("dashboard:event-detail", pk=event.pk)
    context = {"dashboard_section": SECTION, "form": form, "event": event, "item": item}
    return render(request, "dashboard/events/agenda_item_form.html", context)


@login_required
@permission_required("events.manage_events", raise_exception=True)
@require_http_methods(["GET", "POST"])
def agenda_item_delete(request: AuthenticatedRequest, pk: int, item_pk: int) -> HttpResponse:
    """GET asks for confirmation, POST removes the agenda item."""
    item = get_object_or_404(AgendaItem.objects.select_related("event"), pk=item_pk, event_id=pk)
    if request.method != "POST":
        context = {"dashboard_section": SECTION, "event": item.event, "item": item}
        return render(request, "dashboard/events/agenda_item_delete.html", context)
    services.delete_agenda_item(item, by=request.user)
    messages.success(request, _("The agenda item was removed."))
    return redirect("dashboard:event-detail", pk=pk)


@login_required
@permission_required("events.manage_events", raise_exception=True)
@require_http_methods(["GET", "POST"])
def proposal_decide(request: AuthenticatedRequest, pk: int, proposal_pk: int) -> HttpResponse:
    """Accept a pending impulse proposal into the agenda, or decline it with a message."""
    event = get_object_or_404(Event, pk=pk)
    proposal = get_object_or_404(
        ImpulseProposal.objects.select_related("municipality"),
        pk=proposal_pk,
        event=event,
        status=ApplicationStatus.PENDING,
    )
    decision = request.POST.get("decision", "")
    accept_form = ProposalAcceptForm(
        request.POST if decision == "accept" else None,
        initial={"starts_at": event.starts_at},
    )
    decline_form = ProposalDeclineForm(request.POST if decision == "decline" else None)
    user = request.user
    try:
        if decision == "accept" and accept_form.is_valid():
            services.accept_proposal(proposal, **accept_form.cleaned_data, by=user)
            messages.success(request, _("The impulse was added to the agenda."))
            return redirect("dashboard:event-detail", pk=event.pk)
        if decision == "decline" and decline_form.is_valid():
            services.decline_proposal(proposal, **decline_form.cleaned_data, by=user)
            messages.success(request, _("The proposal was declined."))
            return redirect("dashboard:event-detail", pk=event.pk)
    except EventError as error:
        messages.error(request, str(error))
        return redirect("dashboard:event-detail", pk=event.pk)
    context = {
        "dashboard_section": SECTION,
        "event": event,
        "proposal": proposal,
        "accept_form": accept_form,
        "decline_form": decline_form,
    }
    return render(request, "dashboard/events/proposal_decide.html", context)
