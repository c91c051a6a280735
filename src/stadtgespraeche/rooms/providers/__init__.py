"""Online rooms of events: a small provider interface with BigBlueButton and plain links.

See docs/rooms.md. Nothing here knows the Event model yet; callers pass a MeetingSpec.
"""

from stadtgespraeche.rooms.providers.base import (
    JoinRequest,
    MeetingSpec,
    Role,
    RoomProvider,
    RoomUnavailable,
    provider_for,
)

__all__ = [
    "JoinRequest",
    "MeetingSpec",
    "Role",
    "RoomProvider",
    "RoomUnavailable",
    "provider_for",
]
