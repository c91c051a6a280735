"""BigBlueButton through its HTTP API, as docs.bigbluebutton.org/development/api documents it.

Every call is GET <url>/api/<call>?<query>&checksum=<hex>, where the checksum is
sha1 (or sha256, per setting) of call name + query string + shared secret, and the
query string is exactly the one sent (parameters in the order given here, encoded with
urllib's urlencode). The join URL is signed the same way but never requested: the
browser is sent to it.

Responses are XML with <returncode>SUCCESS|FAILED</returncode> and, for FAILED, a
<messageKey> and <message>. They come only from the configured server; the standard
library parser is used (no defusedxml available) and any document with a DOCTYPE is
refused, which rules out entity-expansion tricks. Network errors, FAILED answers and bad
XML all become RoomUnavailable. The secret and the checksums are never logged.
"""

import hashlib
import logging
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import httpx
from django.utils.translation import gettext

from stadtgespraeche.rooms.providers.base import JoinRequest, MeetingSpec, Role, RoomUnavailable

logger = logging.getLogger(__name__)

ALGORITHMS = {"sha1": hashlib.sha1, "sha256": hashlib.sha256}
DEFAULT_TIMEOUT = 10.0


def checksum(call: str, query: str, secret: str, algorithm: str = "sha1") -> str:
    """The BigBlueButton checksum: hex digest of call name + query string + secret."""
    try:
        digest = ALGORITHMS[algorithm]
    except KeyError:
        raise ValueError(f"Unknown checksum algorithm {algorithm!r}; use sha1 or sha256.") from None
    return digest(f"{call}{query}{secret}".encode()).hexdigest()


def signed_url(
    base_url: str, call: str, params: list[tuple[str, str]], secret: str, algorithm: str = "sha1"
) -> str:
    """<base>/api/<call>?<query>&checksum=<checksum> with the query in the given order."""
    query = urlencode(params)
    sign = checksum(call, query, secret, algorithm)
    joined = f"{query}&checksum={sign}" if query else f"checksum={sign}"
    return f"{api_base(base_url)}{call}?{joined}"


def api_base(url: str) -> str:
    """Accept both "https://bbb.example.org/bigbluebutton/" and ".../bigbluebutton/api"."""
    url = url.rstrip("/")
    if not url.endswith("/api"):
        url += "/api"
    return url + "/"


def _bool(value: bool) -> str:
    return "true" if value else "false"


class BigBlueButtonProvider:
    def __init__(
        self,
        url: str,
        secret: str,
        *,
        algorithm: str = "sha1",
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        if algorithm not in ALGORITHMS:
            raise ValueError(f"Unknown checksum algorithm {algorithm!r}; use sha1 or sha256.")
        self.url = url
        self._secret = secret
        self.algorithm = algorithm
        self.timeout = timeout

    def __repr__(self) -> str:  # keeps the secret out of tracebacks and logs
        return f"BigBlueButtonProvider(url={self.url!r}, algorithm={self.algorithm!r})"

    # The API calls

    def create_meeting(self, spec: MeetingSpec) -> None:
        """Create the meeting; creating an existing one again is fine (duplicateWarning)."""
        params = [
            ("name", spec.name),
            ("meetingID", spec.meeting_id),
            ("attendeePW", spec.attendee_password),
            ("moderatorPW", spec.moderator_password),
        ]
        if spec.welcome:
            params.append(("welcome", spec.welcome))
        params.append(("record", _bool(spec.record_allowed)))
        params.append(("allowStartStopRecording", _bool(spec.record_allowed)))
        params.append(("autoStartRecording", "false"))
        if spec.duration is not None:
            minutes = max(1, int(spec.duration.total_seconds() // 60))
            params.append(("duration", str(minutes)))
        self._call("create", params)

    def join_url(self, spec: MeetingSpec, request: JoinRequest) -> str:
        """The signed URL that lets one person into the meeting (no request is made)."""
        moderator = request.role == Role.MODERATOR
        params = [
            ("fullName", request.full_name),
            ("meetingID", spec.meeting_id),
            ("password", spec.moderator_password if moderator else spec.attendee_password),
            ("role", "MODERATOR" if moderator else "VIEWER"),
            ("userID", request.user_id),
            ("redirect", "true"),
        ]
        return signed_url(self.url, "join", params, self._secret, self.algorithm)

    def end_meeting(self, meeting_id: str, *, moderator_password: str = "") -> None:
        params = [("meetingID", meeting_id)]
        if moderator_password:
            params.append(("password", moderator_password))
        self._call("end", params)

    def is_running(self, meeting_id: str) -> bool | None:
        root = self._call("isMeetingRunning", [("meetingID", meeting_id)])
        return (root.findtext("running") or "").strip() == "true"

    def meeting_info(self, meeting_id: str) -> dict[str, str]:
        """getMeetingInfo's top-level fields as text (attendees and metadata left out)."""
        root = self._call("getMeetingInfo", [("meetingID", meeting_id)])
        return {child.tag: (child.text or "").strip() for child in root if len(child) == 0}

    # Transport

    def _call(self, call: str, params: list[tuple[str, str]]) -> ET.Element:
        url = signed_url(self.url, call, params, self._secret, self.algorithm)
        try:
            response = httpx.get(url, timeout=self.timeout, follow_redirects=False)
        except httpx.HTTPError as exc:
            logger.warning("BigBlueButton %s at %s failed: %s", call, self.url, type(exc).__name__)
            raise RoomUnavailable(
                gettext("The online room server cannot be reached. Please try again later.")
            ) from exc
        root = parse_response(response.content)
        if root is None:
            logger.warning(
                "BigBlueButton %s at %s: unreadable answer (HTTP %s)",
                call,
                self.url,
                response.status_code,
            )
            raise RoomUnavailable(
                gettext("The online room server sent an answer that cannot be read.")
            )
        returncode = (root.findtext("returncode") or "").strip()
        if returncode != "SUCCESS":
            key = (root.findtext("messageKey") or "").strip()
            message = (root.findtext("message") or "").strip()
            logger.warning("BigBlueButton %s at %s refused: %s %s", call, self.url, key, message)
            raise RoomUnavailable(
                gettext("The online room server refused the request (%(reason)s).")
                % {"reason": key or returncode or "?"},
                message_key=key,
            )
        return root


def parse_response(content: bytes) -> ET.Element | None:
    """The <response> element of an API answer, or None if it is not a plain XML response."""
    if b"<!DOCTYPE" in content.upper():
        return None
    try:
        root = ET.fromstring(content)  # noqa: S314 - only the configured server, no DOCTYPE
    except ET.ParseError:
        return None
    if root.tag != "response":
        return None
    return root
