"""Reads for the calendars: the events of a series feed and of a personal feed."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, F, Max, QuerySet, Sum

from stadtgespraeche.accounts.models import User

from .enums import RegistrationStatus
from .models import CalendarToken, Event, Series
from .queries import visible_events

# Registrations that put an event into the person's own calendar feed.
FEED_REGISTRATION_STATUSES = (
    RegistrationStatus.REGISTERED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.NO_SHOW,
)


def series_by_slug(slug: str) -> Series | None:
    return Series.objects.filter(slug=slug).first()


def series_feed_events(series: Series) -> QuerySet[Event]:
    """What an anonymous visitor may see of `series`: the feed URL is public."""
    return visible_events(AnonymousUser()).filter(series=series).order_by("starts_at", "pk")


def feed_fingerprint(events: QuerySet[Event]) -> str:
    """Changes whenever a feed of `events` would change (one aggregate query).

    `updated_at` covers saved changes, the count covers added, removed or hidden events,
    the sum of sequences covers raises done with UPDATE (services_changes).
    """
    totals = events.order_by().aggregate(
        changed=Max("updated_at"), count=Count("pk"), sequences=Sum("sequence")
    )
    changed = totals["changed"].isoformat() if totals["changed"] else "-"
    return f"{totals['count']}:{totals['sequences'] or 0}:{changed}"


def personal_feed_events(user: User) -> QuerySet[Event]:
    """Events `user` holds a (not cancelled) registration for and may still see.

    Each event carries `registration_status` (the person's registration). A person has at
    most one registration per event that is not cancelled (database constraint), so the
    join yields every event once.
    """
    return (
        visible_events(user)
        .filter(
            registrations__user=user,
            registrations__status__in=FEED_REGISTRATION_STATUSES,
        )
        .annotate(registration_status=F("registrations__status"))
        .order_by("starts_at", "pk")
    )


def calendar_token_of(user: User) -> CalendarToken | None:
    return CalendarToken.objects.filter(user=user).first()


def calendar_token_by_value(token: str) -> CalendarToken | None:
    """The token with this value whose person is active, or None."""
    if not token:
        return None
    return (
        CalendarToken.objects.select_related("user")
        .filter(token=token, user__is_active=True)
        .first()
    )
