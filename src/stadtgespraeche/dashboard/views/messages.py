"""Organisers write to the registered of a Stadtgespräch (everyone, one attendance mode or
the waitlist): write, preview with the number of recipients, send; the archive below."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from rules.contrib.views import permission_required

from stadtgespraeche.accounts.http import AuthenticatedRequest
from stadtgespraeche.events.models import Event
from stadtgespraeche.registrations import queries
from stadtgespraeche.registrations.enums import Audience
from stadtgespraeche.registrations.exceptions import RegistrationError
from stadtgespraeche.registrations.forms import EventMessageForm
from stadtgespraeche.registrations.services import messages as services

PERMISSION = "registrations.manage_registrations"


@login_required
@permission_required(PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def event_messages(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("series"), pk=pk)
    form = EventMessageForm(request.POST or None, event=event)
    preview_count: int | None = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            if data["confirmed"]:
                try:
                    sent = services.send_event_message(
                        event,
                        audience=data["audience"],
                        subject=data["subject"],
                        body=data["body"],
                        by=request.user,
                    )
                except RegistrationError as error:
                    form.add_error(None, str(error))
                else:
                    messages.success(
                        request,
                        _("The message was sent to %(count)s people and is kept in the archive.")
                        % {"count": sent.recipient_count},
                    )
                    return redirect("dashboard:event-messages", pk=event.pk)
            else:
                status = 200
                preview_count = services.recipients(event, data["audience"]).count()
    context = {
        "dashboard_section": "events",
        "event": event,
        "form": form,
        "preview_count": preview_count,
        "audience_label": (
            Audience(form.cleaned_data["audience"]).label if preview_count is not None else ""
        ),
        "archive": list(queries.messages_of_event(event)),
    }
    return render(request, "dashboard/registrations/event_messages.html", context, status=status)
