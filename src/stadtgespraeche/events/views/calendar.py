"""Calendar downloads and feeds (issue 4, section 6) and the page of one's personal feed.

- one event's .ics: every visitor who may see the event;
- a series feed: public URL, so only what an anonymous visitor may see;
- the personal feed of one's registrations behind a secret token URL (404 for an unknown or
  revoked token, so a guessed URL reveals nothing).

No feed ever contains the online join link (see `calendar`).
"""

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from stadtgespraeche.events import queries
from stadtgespraeche.events import queries as queries_calendar
from stadtgespraeche.events.calendar import calendar_for, event_calendar

CONTENT_TYPE = "text/calendar; charset=utf-8"


# A built series feed is reused until an event in it changes, at most this long.
SERIES_FEED_CACHE_SECONDS = 6 * 60 * 60


def ics_response(data: bytes, *, filename: str, private: bool = False) -> HttpResponse:
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
    return ics_response(event_calendar(event), filename=f"{event.slug}.ics")


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
    return ics_response(data, filename=f"{series.slug}.ics")
