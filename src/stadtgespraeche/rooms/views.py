"""The online room of an event: the join page (GET), joining (POST) and ending (docs/rooms.md)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from stadtgespraeche.accounts.http import AuthenticatedRequest
from stadtgespraeche.core.throttling import client_ip
from stadtgespraeche.events import queries
from stadtgespraeche.events.models import Event
from stadtgespraeche.network import queries as network_queries
from stadtgespraeche.rooms import queries as queries_rooms
from stadtgespraeche.rooms import services as services_rooms
from stadtgespraeche.rooms.forms import SeriesRoomForm
from stadtgespraeche.rooms.providers import RoomUnavailable
from stadtgespraeche.rooms.queries import RoomState


def _event(request: HttpRequest, slug: str) -> Event:
    return get_object_or_404(queries.visible_events(request.user), slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def room_join(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """GET: the join page; POST: create the meeting if needed and show the signed join URL."""
    event = _event(request, slug)
    access = queries_rooms.room_access(request.user, event)
    if access.state == RoomState.HIDDEN:
        raise PermissionDenied
    error = ""
    if request.method == "POST":
        if not access.can_join:
            raise PermissionDenied
        try:
            url = services_rooms.join_room(event, user=request.user, ip_address=client_ip(request))
        except RoomUnavailable as exc:
            error = str(exc)
        except services_rooms.RoomNotAllowed:
            raise PermissionDenied from None
        else:
            # Not a redirect: the CSP's form-action 'self' also covers redirects after a form
            # submission, so the browser would refuse to follow one to the room server.
            return render(request, "rooms/ready.html", {"event": event, "join_url": url})
    context = {
        "event": event,
        "room": access,
        "error": error,
        "can_end": request.user.has_perm("rooms.end_room", event),
    }
    return render(request, "rooms/join.html", context, status=503 if error else 200)


@login_required
@require_POST
def room_end(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """Organisers end the meeting for everybody."""
    event = _event(request, slug)
    if not request.user.has_perm("rooms.end_room", event):
        raise PermissionDenied
    try:
        services_rooms.end_room(event, by=request.user, ip_address=client_ip(request))
    except RoomUnavailable as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The online room has been ended for everybody."))
    return redirect("rooms:room-join", slug=event.slug)


@login_required
@require_http_methods(["GET", "POST"])
def series_room(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """Organisers choose the online room of a series; the server comes from the settings."""
    if not request.user.has_perm("events.manage_events"):
        raise PermissionDenied
    series = get_object_or_404(network_queries.all_series(), slug=slug)
    data = request.POST if request.method == "POST" else None
    form = SeriesRoomForm(data, initial={"room_provider": series.room_provider})
    if request.method == "POST" and form.is_valid():
        services_rooms.set_room_provider(
            series, provider=form.cleaned_data["room_provider"], by=request.user
        )
        messages.success(request, _("The online room of the series has been saved."))
        return redirect("rooms:series-room", slug=series.slug)
    context = {
        "series": series,
        "form": form,
        "server": queries_rooms.server_description(series),
    }
    return render(request, "rooms/series_room.html", context)
