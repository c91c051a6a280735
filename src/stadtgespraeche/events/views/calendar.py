"""Calendar downloads and feeds (issue 4, section 6) and the page of one's personal feed.

- one event's .ics: every visitor who may see the event;
- a series feed: public URL, so only what an anonymous visitor may see;
- the personal feed of one's registrations behind a secret token URL (404 for an unknown or
  revoked token, so a guessed URL reveals nothing).

No feed ever contains the online join link (see `calendar`).

Every calendar answers conditional GETs (If-None-Match, and If-Modified-Since where a
timestamp is sound): a calendar program polling an unchanged calendar gets 304 after one or
two cheap queries, without the file being built. The ETag comes from
`calendar.calendar_validator` over the state of exactly the events in the file.
"""

from collections.abc import Callable
from datetime import datetime

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from stadtgespraeche.events import queries
from stadtgespraeche.events import queries as queries_calendar
from stadtgespraeche.events.calendar import calendar_for, calendar_validator, event_calendar

CONTENT_TYPE = "text/calendar; charset=utf-8"


# A built series feed is reused until an event in it changes, at most this long.
SERIES_FEED_CACHE_SECONDS = 6 * 60 * 60


def _private(response: HttpResponse) -> None:
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"


def ics_response(data: bytes, *, filename: str, private: bool = False) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Robots-Tag"] = "noindex"
    if private:
        _private(response)
    return response


def conditional_ics(
    request: HttpRequest,
    build: Callable[[], HttpResponse],
    *,
    etag: str,
    last_modified: datetime | None = None,
    private: bool = False,
) -> HttpResponse:
    """304 Not Modified when the client's copy is current, else `build()` (Django's own
    evaluation of the preconditions, as in `django.views.decorators.http.condition`).

    `last_modified` only where a newer timestamp follows every change of the file; feeds
    whose events can drop out leave it out and rely on the ETag alone.
    """
    timestamp = int(last_modified.timestamp()) if last_modified else None
    response = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if response is None:
        response = build()
    response["ETag"] = etag
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    if private:
        _private(response)
    return response


@require_safe
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """The .ics of one event the visitor may see."""
    event = get_object_or_404(queries.visible_events(request.user), slug=slug)
    # Every change of the event is saved (auto `updated_at`); SEQUENCE is raised right after.
    source = f"event:{event.pk}:{event.sequence}:{event.status}:{event.updated_at.isoformat()}"
    return conditional_ics(
        request,
        lambda: ics_response(event_calendar(event), filename=f"{event.slug}.ics"),
        etag=calendar_validator(source),
        last_modified=event.updated_at,
    )


@require_safe
def series_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """The public feed of a series: public, non-draft events only, whoever asks."""
    series = queries_calendar.series_by_slug(slug)
    if series is None:
        raise Http404
    events = queries_calendar.series_feed_events(series)
    # The same for every visitor and polled by calendar programs: built once per version.
    fingerprint = queries_calendar.feed_fingerprint(events)
    version = f"{series.pk}:{series.updated_at.isoformat()}:{fingerprint}"

    def build() -> HttpResponse:
        key = f"events:series-feed:{version}"
        data = cache.get(key)
        if data is None:
            data = calendar_for(events, name=series.name)
            cache.set(key, data, SERIES_FEED_CACHE_SECONDS)
        return ics_response(data, filename=f"{series.slug}.ics")

    # No Last-Modified: an event leaving the feed (moved to another series) leaves no newer
    # timestamp behind, only a different count in the fingerprint.
    return conditional_ics(request, build, etag=calendar_validator(f"series:{version}"))
