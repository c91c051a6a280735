"""Organisers manage the registrations of a Stadtgespräch: list with filters and counts,
balance by municipality and party, add, move, cancel, attendance and a CSV export."""

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rules.contrib.views import permission_required

from stadtgespraeche.accounts.http import AuthenticatedRequest
from stadtgespraeche.events.models import Event
from stadtgespraeche.registrations import queries
from stadtgespraeche.registrations.enums import PLACE_HOLDING_STATUSES, RegistrationStatus
from stadtgespraeche.registrations.exceptions import RegistrationError
from stadtgespraeche.registrations.forms import (
    BalanceShareForm,
    CancelForm,
    MoveForm,
    OrganiserAddForm,
    RegistrationFilterForm,
)
from stadtgespraeche.registrations.models import Registration
from stadtgespraeche.registrations.services import registration as services

SECTION = "events"
PERMISSION = "registrations.manage_registrations"


def _event(pk: int) -> Event:
    return get_object_or_404(Event.objects.select_related("series"), pk=pk)


def _list_url(event: Event) -> str:
    return reverse("dashboard:registration-list", kwargs={"pk": event.pk})


def _page(
    request: HttpRequest,
    event: Event,
    *,
    add_form: OrganiserAddForm | None = None,
    share_form: BalanceShareForm | None = None,
) -> HttpResponse:
    filters = RegistrationFilterForm(request.GET or None, event=event)
    mode = status = ""
    if filters.is_valid():
        mode = filters.cleaned_data["mode"]
        status = filters.cleaned_data["status"]
    registrations = list(queries.registrations_of_event(event, mode=mode, status=status))
    context: dict[str, Any] = {
        "dashboard_section": SECTION,
        "event": event,
        "filters": filters,
        "registrations": registrations,
        "counts": queries.mode_counts(event),
        "balance": queries.balance(event, unknown=_("unknown")),
        "add_form": add_form or OrganiserAddForm(event=event),
        "share_form": share_form
        or BalanceShareForm(initial={"balance_max_share": event.series.balance_max_share}),
        "other_modes": {mode: [m for m in event.modes if m != mode] for mode in event.modes},
        "attendance_open": event.starts_at <= timezone.now(),
        "active_statuses": [str(s) for s in queries.ACTIVE_STATUSES],
        "place_statuses": [str(s) for s in PLACE_HOLDING_STATUSES],
    }
    return render(request, "dashboard/registrations/registration_list.html", context)


@require_GET
@login_required
@permission_required(PERMISSION, raise_exception=True)
def registration_list(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _event(pk))


@login_required
@permission_required(PERMISSION, raise_exception=True)
@require_POST
def registration_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    form = OrganiserAddForm(request.POST, event=event)
    if form.is_valid():
        try:
            result = services.register(
                event,
                person=form.cleaned_data["email"],
                by=request.user,
                mode=form.cleaned_data["mode"],
            )
        except RegistrationError as error:
            form.add_error(None, str(error))
        else:
            registration = result.registration
            messages.success(
                request,
                _("%(person)s was added (%(status)s).")
                % {"person": registration.user, "status": registration.get_status_display()},
            )
            return redirect(_list_url(event))
    return _page(request, event, add_form=form)


@login_required
@permission_required(PERMISSION, raise_exception=True)
@require_POST
def balance_share(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Change the warning threshold of the balance tables for the event's series."""
    event = _event(pk)
    form = BalanceShareForm(request.POST)
    if form.is_valid():
        try:
            services.set_balance_max_share(
                event.series,
                share=form.cleaned_data["balance_max_share"],
                by=request.user,
            )
        except RegistrationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The warning threshold was saved."))
            return redirect(_list_url(event))
    return _page(request, event, share_form=form)


def _registration(event: Event, registration_pk: int) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("user", "event"), pk=registration_pk, event=event
    )


@login_required
@permission_required(PERMISSION, raise_exception=True)
@require_POST
def registration_move(request: AuthenticatedRequest, pk: int, registration_pk: int) -> HttpResponse:
    event = _event(pk)
    registration = _registration(event, registration_pk)
    form = MoveForm(request.POST, event=event)
    if not form.is_valid():
        messages.error(request, _("Please choose a valid attendance mode."))
        return redirect(_list_url(event))
    try:
        moved = services.move_registration(
            registration, mode=form.cleaned_data["mode"], by=request.user
        )
    except RegistrationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(person)s now takes part %(mode)s (%(status)s).")
            % {
                "person": moved.user,
                "mode": moved.get_mode_display(),
                "status": moved.get_status_display(),
            },
        )
    return redirect(_list_url(event))


@login_required
@permission_required(PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def registration_cancel(
    request: AuthenticatedRequest, pk: int, registration_pk: int
) -> HttpResponse:
    """Confirm and cancel one registration, with an optional message to the person."""
    event = _event(pk)
    registration = _registration(event, registration_pk)
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            promoted = services.cancel_registration(
                registration, by=request.user, message=form.cleaned_data["message"]
            )
        except RegistrationError as error:
            messages.error(request, str(error))
        else:
            text = _("The registration of %(person)s was cancelled.") % {
                "person": registration.user
            }
            if promoted:
                text += " " + _("Moved up from the waitlist: %(people)s.") % {
                    "people": ", ".join(str(p.user) for p in promoted)
                }
            messages.success(request, text)
        return redirect(_list_url(event))
    context = {
        "dashboard_section": SECTION,
        "event": event,
        "registration": registration,
        "form": form,
    }
    return render(request, "dashboard/registrations/registration_cancel.html", context)


@login_required
@permission_required(PERMISSION, raise_exception=True)
@require_POST
def registration_attendance(
    request: AuthenticatedRequest, pk: int, registration_pk: int
) -> HttpResponse:
    event = _event(pk)
    registration = _registration(event, registration_pk)
    choice = request.POST.get("attendance", "")
    if choice not in (RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW):
        messages.error(request, _("Please choose attended or no-show."))
        return redirect(_list_url(event))
    try:
        services.mark_attendance(
            registration,
            attended=choice == RegistrationStatus.ATTENDED,
            by=request.user,
        )
    except RegistrationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(person)s: %(status)s.")
            % {"person": registration.user, "status": RegistrationStatus(choice).label},
        )
    return redirect(_list_url(event))


@require_GET
@login_required
@permission_required(PERMISSION, raise_exception=True)
def registration_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The participant list (people holding a place and the waitlist) as CSV for the organisers."""
    event = _event(pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="anmeldungen-{event.slug}.csv"'
    response.write("\ufeff")  # a byte order mark, so that spreadsheet programs read UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Name"),
            _("E-mail address"),
            _("Attendance"),
            _("Status"),
            _("Registered at"),
            _("Accessibility needs"),
            _("Dietary needs"),
            _("On the participant list"),
        ]
    )
    registrations = queries.registrations_of_event(event).exclude(
        status=RegistrationStatus.CANCELLED
    )
    for registration in registrations:
        writer.writerow(
            [
                _safe(str(registration.user)),
                _safe(registration.user.email),
                registration.get_mode_display(),
                registration.get_status_display(),
                registration.created_at.isoformat(timespec="minutes"),
                _safe(registration.accessibility_needs),
                _safe(registration.dietary_needs),
                _("yes") if registration.on_participant_list else _("no"),
            ]
        )
    return response


def _safe(value: str) -> str:
    """Neutralise spreadsheet formulas in free text (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
