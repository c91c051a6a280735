"""Calendar downloads and feeds (issue 4, section 6) and the page of one's personal feed.

- one event's .ics: every visitor who may see the event;
- a series feed: public URL, so only what an anonymous visitor may see;
- the personal feed of one's registrations behind a secret token URL (404 for an unknown or
  revoked token, so a guessed URL reveals nothing).

No feed ever contains the online join link (see `calendar`).
"""

from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from stadtgespraeche.accounts.models import User

from . import queries, queries_calendar, services_calendar
from .calendar import calendar_for, event_calendar
from .enums import RegistrationStatus

CONTENT_TYPE = "text/calendar; charset=utf-8"
# A built series feed is reused until an event in it changes, at most this long.
SERIES_FEED_CACHE_SECONDS = 6 * 60 * 60


def _ics_response(data: bytes, *, filename: str, private: bool = False) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Robots-Tag"] = "noindex"
    if private:
        response["Cache-Control"] = "private, no-store"
        response["Referrer-Policy"] = "no-referrer"
    return response


@require_GET
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """The .ics of one event the visitor may see."""
    event = get_object_or_404(queries.visible_events(request.user), slug=slug)
    return _ics_response(event_calendar(event), filename=f"{event.slug}.ics")


@require_GET
def series_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """The public feed of a series: public, non-draft events only, whoever asks."""
    series = queries_calendar.series_by_slug(slug)
    if series is None:
        raise Http404
    events = queries_calendar.series_feed_events(series)
    # The same for every visitor and polled by calendar programs: built once per version.
    fingerprint = queries_calendar.feed_fingerprint(events)
    key = f"events:series-feed:{series.pk}:{series.updated_at.isoformat()}:{fingerprint}"
    data = cache.get(key)
    if data is None:
        data = calendar_for(events, name=series.name)
        cache.set(key, data, SERIES_FEED_CACHE_SECONDS)
    return _ics_response(data, filename=f"{series.slug}.ics")


@require_GET
def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed of the token owner's registrations; 404 for unknown or revoked tokens."""
    calendar_token = queries_calendar.calendar_token_by_value(token)
    if calendar_token is None:
        raise Http404
    services_calendar.mark_calendar_token_used(calendar_token)
    user = calendar_token.user
    events = list(queries_calendar.personal_feed_events(user))
    with translation.override(user.language or settings.LANGUAGE_CODE):
        name = _("Stadtgespräche: my registrations")
        waitlisted = _("on the waitlist")
        notes = {
            event.pk: waitlisted
            for event in events
            if getattr(event, "registration_status", "") == RegistrationStatus.WAITLISTED
        }
    return _ics_response(
        calendar_for(events, name=name, notes=notes),
        filename="stadtgespraeche.ics",
        private=True,
    )


def personal_feed_url(token: str) -> str:
    path = reverse("events:calendar-personal-feed", kwargs={"token": token})
    return settings.SITE_URL.rstrip("/") + path


@login_required
@require_http_methods(["GET", "POST"])
def calendar_settings(request: HttpRequest) -> HttpResponse:
    """The logged-in person's feed URL, with buttons to create/regenerate and revoke it."""
    user = cast(User, request.user)
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
        return redirect("events:calendar-settings")
    calendar_token = queries_calendar.calendar_token_of(user)
    feed_url = personal_feed_url(calendar_token.token) if calendar_token else ""
    context = {
        "calendar_token": calendar_token,
        "feed_url": feed_url,
        "webcal_url": feed_url.replace("https://", "webcal://", 1).replace(
            "http://", "webcal://", 1
        ),
        "event_count": queries_calendar.personal_feed_events(user).count(),
    }
    return render(request, "events/calendar/settings.html", context)
