"""The room-provider interface: what the events app asks of an online room.

A provider creates a meeting from a MeetingSpec, builds join URLs for one person
(JoinRequest), ends a meeting and says whether it is running. BigBlueButton (bbb.py) and a
plain link such as Jitsi (link.py) implement it; provider_for() picks one from a
configuration dict (later: per series, with the BBB_* settings as defaults).
"""

import enum
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol

from django.conf import settings
from django.utils.translation import gettext


class Role(enum.StrEnum):
    MODERATOR = "moderator"
    ATTENDEE = "attendee"


class RoomUnavailable(Exception):
    """The online room cannot be reached or refused the request; the message is shown.

    message_key carries the provider's machine-readable reason (BigBlueButton's
    messageKey, e.g. "checksumError"), or "" for network and parsing errors.
    """

    def __init__(self, message: str, *, message_key: str = "") -> None:
        super().__init__(message)
        self.message_key = message_key


@dataclass(frozen=True)
class MeetingSpec:
    """Everything a provider needs to open one meeting.

    meeting_id is stable per event (e.g. "stadtgespraeche-event-42"); the two passwords
    are the role secrets BigBlueButton still accepts from older clients.
    """

    meeting_id: str
    name: str
    attendee_password: str
    moderator_password: str
    welcome: str = ""
    record_allowed: bool = False
    duration: timedelta | None = None


@dataclass(frozen=True)
class JoinRequest:
    full_name: str
    user_id: str
    role: Role = Role.ATTENDEE


class RoomProvider(Protocol):
    def create_meeting(self, spec: MeetingSpec) -> None: ...

    def join_url(self, spec: MeetingSpec, request: JoinRequest) -> str: ...

    def end_meeting(self, meeting_id: str, *, moderator_password: str = "") -> None: ...

    def is_running(self, meeting_id: str) -> bool | None: ...


def provider_for(config: dict[str, Any]) -> RoomProvider:
    """Return the provider for {"provider": "bbb"|"link", "url": ..., "secret": ...}.

    For "bbb", a missing url or secret falls back to the BBB_URL and BBB_SECRET settings,
    and "checksum" (sha1 or sha256) to BBB_CHECKSUM_ALGORITHM.
    """
    from stadtgespraeche.rooms.providers.bbb import BigBlueButtonProvider
    from stadtgespraeche.rooms.providers.link import LinkProvider

    kind = config.get("provider", "bbb")
    if kind == "link":
        url = str(config.get("url") or "")
        if not url:
            raise RoomUnavailable(gettext("No link is configured for this online room."))
        return LinkProvider(url)
    if kind == "bbb":
        url = str(config.get("url") or getattr(settings, "BBB_URL", ""))
        secret = str(config.get("secret") or getattr(settings, "BBB_SECRET", ""))
        algorithm = str(
            config.get("checksum") or getattr(settings, "BBB_CHECKSUM_ALGORITHM", "sha1")
        )
        if not url or not secret:
            raise RoomUnavailable(
                gettext("The BigBlueButton server is not configured (URL and secret).")
            )
        return BigBlueButtonProvider(url, secret, algorithm=algorithm)
    raise ValueError(f"Unknown room provider {kind!r}; use 'bbb' or 'link'.")
