"""Public views of registration: the box on the event page (htmx and plain form posts),
a coordinator registering councillors, cancelling and the self-cancellation link."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from stadtgespraeche.accounts.http import AuthenticatedRequest
from stadtgespraeche.core.htmx import is_htmx, template_for
from stadtgespraeche.events import queries
from stadtgespraeche.events.models import Event
from stadtgespraeche.registrations import queries as registration_queries
from stadtgespraeche.registrations.enums import RegistrationStatus
from stadtgespraeche.registrations.exceptions import RegistrationError
from stadtgespraeche.registrations.forms import CoordinatorRegistrationForm, RegistrationForm
from stadtgespraeche.registrations.models import Registration
from stadtgespraeche.registrations.services import registration as services

PAGE = "registrations/register.html"
PARTIAL = "registration-box"


def _coordinator_people(event: Event, user: Any) -> Any:
    """Councillors `user` may register who have no active registration for `event` yet."""
    registered = Registration.objects.filter(event=event).exclude(
        status=RegistrationStatus.CANCELLED
    )
    return registration_queries.councillors_coordinated_by(user).exclude(
        pk__in=registered.values("user_id")
    )


def box_context(
    request: HttpRequest,
    event: Event,
    *,
    form: RegistrationForm | None = None,
    coordinator_form: CoordinatorRegistrationForm | None = None,
    notice: str = "",
    error: str = "",
) -> dict[str, Any]:
    """Everything the registration box shows to `request.user` (a bounded number of queries).

    Without htmx the confirmation of the last change comes as an "inline" message; the box
    shows it (the page's message list leaves inline messages out), so there is one box.
    """
    user = request.user
    if not notice:
        notice = next(
            (str(m) for m in messages.get_messages(request) if "inline" in m.extra_tags), ""
        )
    own = registration_queries.active_registration(event, user)
    can_register = own is None and user.has_perm("registrations.register_self", event)
    can_register_others = user.has_perm("registrations.register_councillors", event)
    shows_list = user.has_perm("registrations.view_participant_list", event)
    context: dict[str, Any] = {
        "event": event,
        "counts": registration_queries.mode_counts(event),
        "is_open": registration_queries.registration_window_open(event),
        "own": own,
        "waitlist_position": (
            registration_queries.waitlist_position(own)
            if own is not None and own.status == RegistrationStatus.WAITLISTED
            else None
        ),
        "form": form or (RegistrationForm(event=event) if can_register else None),
        "coordinator_form": coordinator_form
        or (
            CoordinatorRegistrationForm(event=event, people=_coordinator_people(event, user))
            if can_register_others
            else None
        ),
        "shows_participant_list": shows_list,
        "participants": registration_queries.participant_list(event, user) if shows_list else [],
        "manages": user.has_perm("registrations.manage_registrations"),
        "notice": notice,
        "error": error,
    }
    return context


def _event(request: HttpRequest, slug: str) -> Event:
    return get_object_or_404(queries.visible_events(request.user), slug=slug)


def _done(request: HttpRequest, event: Event, notice: str) -> HttpResponse:
    """After a successful change: the fresh box to htmx, else back to the event page."""
    if is_htmx(request):
        return render(request, f"{PAGE}#{PARTIAL}", box_context(request, event, notice=notice))
    messages.success(request, notice, extra_tags="inline")
    return redirect(event.get_absolute_url() + "#registration-box")


def _notice(result: services.RegistrationResult, *, own: bool) -> str:
    registration = result.registration
    if registration.status == RegistrationStatus.WAITLISTED:
        if own:
            return _("All places are taken: you are on the waitlist. We have sent you an e-mail.")
        return _("All places are taken: %(person)s is on the waitlist.") % {
            "person": registration.user
        }
    if own:
        return _("You are registered. We have sent you a confirmation by e-mail.")
    return _("%(person)s is registered and gets a confirmation by e-mail.") % {
        "person": registration.user
    }


@login_required
@require_POST
def register(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """A councillor registers themself; errors come back in the box (or its own page)."""
    event = _event(request, slug)
    user = request.user
    form = RegistrationForm(request.POST, event=event)
    if form.is_valid():
        try:
            result = services.register(event, person=user, by=user, **form.answers())
        except RegistrationError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, event, _notice(result, own=True))
    context = box_context(request, event, form=form)
    return render(request, template_for(request, PAGE, PARTIAL), context)


@login_required
@require_POST
def register_councillor(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """A coordinator registers a councillor of their own municipality."""
    event = _event(request, slug)
    user = request.user
    if not user.has_perm("registrations.register_councillors", event):
        raise PermissionDenied
    form = CoordinatorRegistrationForm(
        request.POST, event=event, people=_coordinator_people(event, user)
    )
    if form.is_valid():
        try:
            result = services.register(
                event, person=form.cleaned_data["person"], by=user, **form.answers()
            )
        except RegistrationError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, event, _notice(result, own=False))
    context = box_context(request, event, coordinator_form=form)
    return render(request, template_for(request, PAGE, PARTIAL), context)


@login_required
@require_POST
def cancel_own(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """Cancel one's own registration (or leave the waitlist) from the event page."""
    event = _event(request, slug)
    own = registration_queries.active_registration(event, request.user)
    try:
        if own is None:
            raise RegistrationError(_("You have no registration for this Stadtgespräch."))
        services.cancel_registration(own, by=request.user)
    except RegistrationError as error:
        if is_htmx(request):
            context = box_context(request, event, error=str(error))
            return render(request, f"{PAGE}#{PARTIAL}", context)
        messages.error(request, str(error))
        return redirect(event.get_absolute_url() + "#registration-box")
    return _done(request, event, _("Your registration is cancelled."))


@require_http_methods(["GET", "POST"])
def self_cancel(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the e-mail: GET asks for confirmation, POST cancels. No login needed."""
    registration = services.registration_for_token(token)
    if registration is None:
        return render(request, "registrations/self_cancel_invalid.html", status=404)
    if request.method == "POST":
        try:
            services.cancel_by_token(token)
        except RegistrationError as error:
            context = {"registration": registration, "error": str(error)}
            return render(request, "registrations/self_cancel.html", context)
        return render(request, "registrations/self_cancel_done.html", {"event": registration.event})
    return render(request, "registrations/self_cancel.html", {"registration": registration})
