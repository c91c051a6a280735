"""Reads about the online room of an event: configuration, who may join, and when.

See docs/rooms.md. The decisions here (eligibility, role, time window) are used by the
rules (rooms.join_room), the join view, the room box on the event page and the live Q&A.
"""

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

from stadtgespraeche.events import queries as event_queries
from stadtgespraeche.events.enums import EventFormat, EventStatus
from stadtgespraeche.events.models import Event
from stadtgespraeche.network.enums import RoomKind
from stadtgespraeche.network.models import Series
from stadtgespraeche.registrations import queries as registration_queries
from stadtgespraeche.registrations.enums import RegistrationStatus
from stadtgespraeche.registrations.models import Registration
from stadtgespraeche.rooms.providers import MeetingSpec, Role
from stadtgespraeche.rooms.providers.base import RoomProvider, provider_for

# The room opens this long before the start and closes at the end.
ROOM_OPENS_BEFORE = timedelta(minutes=30)

# Registrations that let a person in (not waitlisted, cancelled or no-show).
JOINING_STATUSES = (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED)

# Events in these statuses have no room (not yet public, or called off).
ROOMLESS_STATUSES = (EventStatus.DRAFT, EventStatus.CANCELLED)


class RoomState(enum.StrEnum):
    """What the room box shows to one person (docs/rooms.md, "The room box")."""

    HIDDEN = "hidden"  # nothing about the room (anonymous, not registered, no room)
    WAITLISTED = "waitlisted"  # on the waitlist: cannot join
    BEFORE = "before"  # eligible, the room opens 30 minutes before the start
    OPEN = "open"  # eligible and inside the window: the join button
    OVER = "over"  # eligible, the event has ended


@dataclass(frozen=True)
class RoomAccess:
    state: RoomState
    role: Role = Role.ATTENDEE
    registration: Registration | None = None
    opens_at: datetime | None = None

    @property
    def can_join(self) -> bool:
        return self.state == RoomState.OPEN

    @property
    def is_moderator(self) -> bool:
        return self.role == Role.MODERATOR


def room_config(series: Series) -> dict[str, Any]:
    """The provider configuration of `series` for rooms.provider_for().

    BigBlueButton: BBB_SERVERS[series.slug] (url, secret, checksum); every missing key falls
    back to BBB_URL, BBB_SECRET, BBB_CHECKSUM_ALGORITHM inside provider_for().
    """
    if series.room_provider == RoomKind.LINK:
        return {"provider": "link"}
    servers = getattr(settings, "BBB_SERVERS", {}) or {}
    server = servers.get(series.slug) or {}
    return {
        "provider": "bbb",
        "url": server.get("url", ""),
        "secret": server.get("secret", ""),
        "checksum": server.get("checksum", ""),
    }


def server_description(series: Series) -> dict[str, str]:
    """Where the series' BigBlueButton server comes from, for organisers (never the secret)."""
    servers = getattr(settings, "BBB_SERVERS", {}) or {}
    server = servers.get(series.slug) or {}
    url = str(server.get("url") or getattr(settings, "BBB_URL", ""))
    secret = server.get("secret") or getattr(settings, "BBB_SECRET", "")
    return {
        "url": url,
        "source": "series" if series.slug in servers else "default",
        "configured": "yes" if url and secret else "",
    }


def has_room(event: Event, *, provider: str | None = None) -> bool:
    """Whether the event has an online room (format, provider, status); of `provider` if given."""
    kind = event.series.room_provider
    return (
        event.format != EventFormat.IN_PERSON
        and kind != RoomKind.NONE
        and (provider is None or kind == provider)
        and event.status not in ROOMLESS_STATUSES
    )


def provider_of(event: Event) -> RoomProvider:
    """The room provider of `event`; raises RoomUnavailable when it is not configured."""
    config = room_config(event.series)
    if config["provider"] == "link":
        config["url"] = event.room_link
    return provider_for(config)


def meeting_id(event: Event) -> str:
    """Stable per event (BigBlueButton's create is idempotent for the same meetingID)."""
    return f"stadtgespraeche-event-{event.pk}"


def _role_password(event: Event, role: str) -> str:
    # Derived, not stored: stable for the event, unguessable without SECRET_KEY.
    return salted_hmac(f"events.rooms.{role}", meeting_id(event), algorithm="sha256").hexdigest()[
        :24
    ]


def meeting_spec(event: Event) -> MeetingSpec:
    return MeetingSpec(
        meeting_id=meeting_id(event),
        name=event.title,
        attendee_password=_role_password(event, "attendee"),
        moderator_password=_role_password(event, "moderator"),
        welcome=event.series.name,
        record_allowed=event.recording_policy != "none",
        duration=event.ends_at - event.starts_at + ROOM_OPENS_BEFORE,
    )


def room_window(event: Event) -> tuple[datetime, datetime]:
    return event.starts_at - ROOM_OPENS_BEFORE, event.ends_at


def is_speaker(user: Any, event: Event) -> bool:
    """Whether `user` speaks at `event`; asked once per event instance and person (the
    event page's room and question boxes both ask)."""
    if not (user is not None and user.is_authenticated):
        return False
    return event_queries.is_speaker_at(event, user)


def is_event_moderator(user: Any, event: Event) -> bool:
    """Organisers and the speakers of the event's agenda items moderate room and Q&A."""
    if not (user is not None and user.is_authenticated and user.is_active):
        return False
    return bool(getattr(user, "is_organiser", False)) or is_speaker(user, event)


def active_registration(user: Any, event: Event) -> Registration | None:
    """The person's non-cancelled registration for `event`, if any."""
    if not (user is not None and user.is_authenticated):
        return None
    # The registrations app's read, kept on the event for the rest of the page.
    return registration_queries.active_registration(event, user)


def room_access(user: Any, event: Event, *, now: datetime | None = None) -> RoomAccess:
    """What `user` may do with the online room of `event` at `now`."""
    if not (user is not None and user.is_authenticated and user.is_active) or not has_room(event):
        return RoomAccess(RoomState.HIDDEN)
    registration = active_registration(user, event)
    moderator = is_event_moderator(user, event)
    role = Role.MODERATOR if moderator else Role.ATTENDEE
    eligible = registration is not None and registration.status in JOINING_STATUSES
    if not (moderator or eligible):
        if registration is not None and registration.status == RegistrationStatus.WAITLISTED:
            return RoomAccess(RoomState.WAITLISTED, registration=registration)
        return RoomAccess(RoomState.HIDDEN)
    now = now or timezone.now()
    opens_at, closes_at = room_window(event)
    if now < opens_at:
        state = RoomState.BEFORE
    elif now > closes_at:
        state = RoomState.OVER
    else:
        state = RoomState.OPEN
    return RoomAccess(state, role=role, registration=registration, opens_at=opens_at)


def display_name(user: Any) -> str:
    return user.get_full_name() or user.email
