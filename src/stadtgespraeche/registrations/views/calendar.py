"""Calendar downloads and feeds (issue 4, section 6) and the page of one's personal feed.

- one event's .ics: every visitor who may see the event;
- a series feed: public URL, so only what an anonymous visitor may see;
- the personal feed of one's registrations behind a secret token URL (404 for an unknown or
  revoked token, so a guessed URL reveals nothing).

No feed ever contains the online join link (see `calendar`).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from stadtgespraeche.accounts.http import AuthenticatedRequest
from stadtgespraeche.events.calendar import calendar_for, calendar_validator
from stadtgespraeche.events.views.calendar import conditional_ics, ics_response
from stadtgespraeche.registrations import queries as registration_queries
from stadtgespraeche.registrations.enums import RegistrationStatus
from stadtgespraeche.registrations.services import calendar as services_calendar


@require_GET
def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed of the token owner's registrations; 404 for unknown or revoked tokens."""
    calendar_token = registration_queries.calendar_token_by_value(token)
    if calendar_token is None:
        raise Http404
    services_calendar.mark_calendar_token_used(calendar_token)
    user = calendar_token.user
    # Per token and person: the validator never matches another person's feed. No
    # Last-Modified: an event the person may no longer see leaves no newer timestamp.
    fingerprint = registration_queries.personal_feed_fingerprint(user)
    etag = calendar_validator(f"personal:{calendar_token.pk}:{fingerprint}")

    def build() -> HttpResponse:
        events = list(registration_queries.personal_feed_events(user))
        with translation.override(user.language or settings.LANGUAGE_CODE):
            name = _("Stadtgespräche: my registrations")
            waitlisted = _("on the waitlist")
            notes = {
                event.pk: waitlisted
                for event in events
                if getattr(event, "registration_status", "") == RegistrationStatus.WAITLISTED
            }
        return ics_response(
            calendar_for(events, name=name, notes=notes),
            filename="stadtgespraeche.ics",
            private=True,
        )

    return conditional_ics(request, build, etag=etag, private=True)


def personal_feed_url(token: str) -> str:
    path = reverse("registrations:calendar-personal-feed", kwargs={"token": token})
    return settings.SITE_URL.rstrip("/") + path


@login_required
@require_http_methods(["GET", "POST"])
def calendar_settings(request: AuthenticatedRequest) -> HttpResponse:
    """The logged-in person's feed URL, with buttons to create/regenerate and revoke it."""
    user = request.user
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "regenerate":
            services_calendar.regenerate_calendar_token(user)
            messages.success(
                request,
                _("Your calendar address is ready. Any previous address no longer works."),
            )
        elif action == "revoke":
            if services_calendar.revoke_calendar_token(user):
                messages.success(request, _("Your calendar address has been switched off."))
            else:
                messages.info(request, _("You had no calendar address."))
        else:
            messages.error(request, _("Unknown action. Please use one of the buttons."))
        return redirect("registrations:calendar-settings")
    calendar_token = registration_queries.calendar_token_of(user)
    feed_url = personal_feed_url(calendar_token.token) if calendar_token else ""
    context = {
        "calendar_token": calendar_token,
        "feed_url": feed_url,
        "webcal_url": feed_url.replace("https://", "webcal://", 1).replace(
            "http://", "webcal://", 1
        ),
        "event_count": registration_queries.personal_feed_events(user).count(),
    }
    return render(request, "registrations/calendar_settings.html", context)
