"""A fake BigBlueButton server for tests: real HTTP on 127.0.0.1, checksums checked.

It answers create, join, end, isMeetingRunning and getMeetingInfo under /bigbluebutton/api/
with the XML the real server sends. Like the real server it takes the query string exactly
as received, removes the checksum parameter, and compares
sha1/sha256(call name + remaining query string + secret) with the checksum given; a wrong
or missing one gets FAILED/checksumError. As in BigBlueButton 2.6+, the hash is chosen by
the checksum's length (40 hex digits sha1, 64 sha256, ...) among the supported ones.
Meetings live in memory; every join is recorded with its role. A meeting runs from its
first join until it is ended.
"""

import hashlib
import hmac
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit
from xml.sax.saxutils import escape

NOT_FOUND = (
    "We could not find a meeting with that meeting ID - perhaps the meeting is not yet running?"
)
INVALID_PASSWORD = (
    "You either did not supply a password or the password supplied is neither the "
    "attendee or moderator password for this conference."
)
END_SENT = (
    "A request to end the meeting was sent.  Please wait a few seconds, and then use the "
    "getMeetingInfo or isMeetingRunning API calls to verify that it was ended."
)
CHECKSUM_LENGTHS = {40: "sha1", 64: "sha256", 96: "sha384", 128: "sha512"}
CALLS = {"create", "join", "end", "isMeetingRunning", "getMeetingInfo"}


@dataclass
class FakeJoin:
    full_name: str
    user_id: str
    role: str  # MODERATOR or VIEWER


@dataclass
class FakeMeeting:
    meeting_id: str
    name: str
    attendee_pw: str
    moderator_pw: str
    params: dict[str, str]
    running: bool = False
    ended: bool = False
    joins: list[FakeJoin] = field(default_factory=list)


def _xml(**fields: str) -> bytes:
    body = "".join(f"<{tag}>{escape(value)}</{tag}>" for tag, value in fields.items())
    return f"<response>{body}</response>".encode()


def _failed(key: str, message: str) -> bytes:
    return _xml(returncode="FAILED", messageKey=key, message=message)


def strip_checksum(query: str) -> tuple[str, str]:
    """(query without the checksum parameter, checksum) — as the real server does it."""
    parts = query.split("&") if query else []
    kept = [part for part in parts if not part.startswith("checksum=")]
    given = [part.removeprefix("checksum=") for part in parts if part.startswith("checksum=")]
    return "&".join(kept), given[-1] if given else ""


class FakeBigBlueButton:
    def __init__(
        self, secret: str, *, algorithms: tuple[str, ...] = ("sha1", "sha256"), port: int = 0
    ) -> None:
        self.secret = secret
        self.algorithms = algorithms  # like supportedChecksumAlgorithms in bbb-web.properties
        self.meetings: dict[str, FakeMeeting] = {}
        self.requests: list[str] = []  # call names in order, incl. rejected ones
        self.malformed = False  # answer with broken XML while True
        self._lock = threading.Lock()
        handler = type("Handler", (_Handler,), {"fake": self})
        self.server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        # shutdown() waits for the serving loop's next poll: the default 0.5 s cost every
        # test with the fake half a second in teardown.
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/bigbluebutton/"

    def start(self) -> "FakeBigBlueButton":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    def checksum_ok(self, call: str, query: str, given: str) -> bool:
        """The real server picks the hash by the checksum's length, if it is supported."""
        algorithm = CHECKSUM_LENGTHS.get(len(given))
        if algorithm is None or algorithm not in self.algorithms:
            return False
        digest = hashlib.new(algorithm, f"{call}{query}{self.secret}".encode())
        return hmac.compare_digest(digest.hexdigest(), given.lower())

    def handle(self, path: str, raw_query: str) -> tuple[int, bytes, dict[str, str]]:
        prefix = "/bigbluebutton/api/"
        call = path.removeprefix(prefix) if path.startswith(prefix) else ""
        with self._lock:
            self.requests.append(call)
            if self.malformed:
                return 200, b"<response><returncode>SUCC", {}
            if call not in CALLS:
                return 200, _failed("unsupportedRequest", "This request is not supported."), {}
            query, given = strip_checksum(raw_query)
            if not self.checksum_ok(call, query, given):
                return 200, _failed("checksumError", "Checksums do not match"), {}
            params = dict(parse_qsl(query, keep_blank_values=True))
            return getattr(self, f"_{call}")(params)

    # The calls (under the lock)

    def _create(self, params: dict[str, str]) -> tuple[int, bytes, dict[str, str]]:
        meeting_id = params.get("meetingID", "")
        if not meeting_id or not params.get("name"):
            return 200, _failed("missingParamMeetingID", "You must specify a meeting ID"), {}
        meeting = self.meetings.get(meeting_id)
        duplicate = meeting is not None and not meeting.ended
        if meeting is None or meeting.ended:
            meeting = FakeMeeting(
                meeting_id=meeting_id,
                name=params["name"],
                attendee_pw=params.get("attendeePW", "ap"),
                moderator_pw=params.get("moderatorPW", "mp"),
                params=params,
            )
            self.meetings[meeting_id] = meeting
        fields = {
            "returncode": "SUCCESS",
            "meetingID": meeting.meeting_id,
            "internalMeetingID": hashlib.sha1(
                meeting_id.encode(), usedforsecurity=False
            ).hexdigest()
            + "-1700000000000",
            "parentMeetingID": "bbb-none",
            "attendeePW": meeting.attendee_pw,
            "moderatorPW": meeting.moderator_pw,
            "createTime": "1700000000000",
            "voiceBridge": "70757",
            "dialNumber": "613-555-1234",
            "createDate": "Tue Nov 14 22:13:20 UTC 2023",
            "hasUserJoined": "false",
            "duration": params.get("duration", "0"),
            "hasBeenForciblyEnded": "false",
        }
        if duplicate:
            fields["messageKey"] = "duplicateWarning"
            fields["message"] = (
                "This conference was already in existence and may currently be in progress."
            )
        else:
            fields["messageKey"] = ""
            fields["message"] = ""
        return 200, _xml(**fields), {}

    def _join(self, params: dict[str, str]) -> tuple[int, bytes, dict[str, str]]:
        meeting = self.meetings.get(params.get("meetingID", ""))
        if meeting is None or meeting.ended:
            return (
                200,
                _failed(
                    "invalidMeetingIdentifier",
                    "The meeting ID that you supplied did not match any existing meetings",
                ),
                {},
            )
        role = params.get("role", "").upper()
        password = params.get("password", "")
        if role not in {"MODERATOR", "VIEWER"}:
            if password == meeting.moderator_pw:
                role = "MODERATOR"
            elif password == meeting.attendee_pw:
                role = "VIEWER"
            else:
                return (
                    200,
                    _failed(
                        "invalidPassword",
                        INVALID_PASSWORD,
                    ),
                    {},
                )
        meeting.joins.append(
            FakeJoin(
                full_name=params.get("fullName", ""), user_id=params.get("userID", ""), role=role
            )
        )
        meeting.running = True
        if params.get("redirect", "true") == "false":
            return (
                200,
                _xml(
                    returncode="SUCCESS",
                    messageKey="successfullyJoined",
                    message="You have joined successfully.",
                    meeting_id=meeting.meeting_id,
                    user_id=params.get("userID", ""),
                    auth_token="fake-token",
                    session_token="fake-session",
                    url="https://bbb.invalid/html5client/join?sessionToken=fake-session",
                ),
                {},
            )
        return (
            302,
            b"",
            {"Location": "https://bbb.invalid/html5client/join?sessionToken=fake-session"},
        )

    def _end(self, params: dict[str, str]) -> tuple[int, bytes, dict[str, str]]:
        meeting = self.meetings.get(params.get("meetingID", ""))
        if meeting is None or meeting.ended:
            return (
                200,
                _failed(
                    "notFound",
                    NOT_FOUND,
                ),
                {},
            )
        if "password" in params and params["password"] != meeting.moderator_pw:
            return (
                200,
                _failed("invalidPassword", "You must supply the moderator password for this call."),
                {},
            )
        meeting.ended = True
        meeting.running = False
        return (
            200,
            _xml(
                returncode="SUCCESS",
                messageKey="sentEndMeetingRequest",
                message=END_SENT,
            ),
            {},
        )

    def _isMeetingRunning(self, params: dict[str, str]) -> tuple[int, bytes, dict[str, str]]:
        meeting = self.meetings.get(params.get("meetingID", ""))
        running = meeting is not None and meeting.running and not meeting.ended
        return 200, _xml(returncode="SUCCESS", running="true" if running else "false"), {}

    def _getMeetingInfo(self, params: dict[str, str]) -> tuple[int, bytes, dict[str, str]]:
        meeting = self.meetings.get(params.get("meetingID", ""))
        if meeting is None or meeting.ended:
            return 200, _failed("notFound", "We could not find a meeting with that meeting ID"), {}
        moderators = sum(1 for join in meeting.joins if join.role == "MODERATOR")
        return (
            200,
            _xml(
                returncode="SUCCESS",
                meetingName=meeting.name,
                meetingID=meeting.meeting_id,
                createTime="1700000000000",
                attendeePW=meeting.attendee_pw,
                moderatorPW=meeting.moderator_pw,
                running="true" if meeting.running else "false",
                hasUserJoined="true" if meeting.joins else "false",
                recording=meeting.params.get("record", "false"),
                hasBeenForciblyEnded="false",
                participantCount=str(len(meeting.joins)),
                moderatorCount=str(moderators),
                duration=meeting.params.get("duration", "0"),
            ),
            {},
        )


class _Handler(BaseHTTPRequestHandler):
    fake: FakeBigBlueButton

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        status, body, headers = self.fake.handle(parts.path, parts.query)
        self.send_response(status)
        self.send_header("Content-Type", "text/xml;charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return None  # keep test output quiet


def main() -> None:  # pragma: no cover - a helper for trying rooms in the demo
    """`uv run python -m tests.rooms.fake_bbb [port] [secret]` (from src/): see docs/rooms.md."""
    import sys

    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8090
    secret = sys.argv[2] if len(sys.argv) > 2 else "demo-secret"
    fake = FakeBigBlueButton(secret, port=port).start()
    print(f"Fake BigBlueButton at {fake.url} (secret {secret!r}); Ctrl+C stops it.")
    try:
        fake.thread.join()
    except KeyboardInterrupt:
        fake.stop()


if __name__ == "__main__":
    main()
