import hashlib
import socket
from datetime import timedelta
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from django.utils import translation

from stadtgespraeche.rooms.providers import JoinRequest, MeetingSpec, Role, RoomUnavailable
from stadtgespraeche.rooms.providers.bbb import (
    BigBlueButtonProvider,
    checksum,
    parse_response,
    signed_url,
)
from tests.rooms.fake_bbb import FakeBigBlueButton

pytestmark = pytest.mark.integration  # real HTTP against the fake server on 127.0.0.1


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English here; the German ones have their own test."""
    with translation.override("en"):
        yield


SECRET = "639259d4-9dd8-4b25-bf01-95f9567eaf4b"
NAME = "Smarte Stadtgespräche Kaiserslautern"


@pytest.fixture
def fake_bbb():
    server = FakeBigBlueButton(SECRET).start()
    yield server
    server.stop()


@pytest.fixture
def provider(fake_bbb):
    return BigBlueButtonProvider(fake_bbb.url, SECRET, timeout=5)


@pytest.fixture
def spec():
    return MeetingSpec(
        meeting_id="stadtgespraeche-event-1",
        name=NAME,
        attendee_password="ap-secret",
        moderator_password="mp-secret",
        welcome="Willkommen zum Stadtgespräch!",
        record_allowed=False,
        duration=timedelta(minutes=90),
    )


def _follow(url):
    return httpx.get(url, timeout=5, follow_redirects=False)


def test_checksum_documented_example_matches():
    # The example of the BigBlueButton API documentation (sha1 of call + query + secret).
    query = "name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444"
    assert checksum("create", query, SECRET) == "1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17"


def test_checksum_sha256_computed_by_hand():
    query = "meetingID=abc123"
    expected = hashlib.sha256(b"isMeetingRunningmeetingID=abc123" + SECRET.encode()).hexdigest()
    assert checksum("isMeetingRunning", query, SECRET, "sha256") == expected


def test_checksum_unknown_algorithm_raises():
    with pytest.raises(ValueError, match="md5"):
        checksum("create", "", SECRET, "md5")


def test_signed_url_keeps_parameter_order_and_appends_checksum():
    url = signed_url(
        "https://bbb.example.org/bigbluebutton/",
        "create",
        [
            ("name", "Test Meeting"),
            ("meetingID", "abc123"),
            ("attendeePW", "111222"),
            ("moderatorPW", "333444"),
        ],
        SECRET,
    )
    assert url == (
        "https://bbb.example.org/bigbluebutton/api/create?"
        "name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444"
        "&checksum=1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17"
    )


def test_signed_url_base_with_api_suffix_is_not_doubled():
    url = signed_url(
        "https://bbb.example.org/bigbluebutton/api", "end", [("meetingID", "x")], SECRET
    )
    assert url.startswith("https://bbb.example.org/bigbluebutton/api/end?meetingID=x&checksum=")


def test_provider_repr_hides_secret(provider):
    assert SECRET not in repr(provider)


def test_unknown_algorithm_in_provider_raises():
    with pytest.raises(ValueError, match="sha1 or sha256"):
        BigBlueButtonProvider("http://127.0.0.1:1/", SECRET, algorithm="md5")


def test_lifecycle_create_join_running_end(fake_bbb, provider, spec):
    provider.create_meeting(spec)
    meeting = fake_bbb.meetings[spec.meeting_id]
    assert meeting.name == NAME
    assert meeting.params["welcome"] == "Willkommen zum Stadtgespräch!"
    assert meeting.params["record"] == "false"
    assert meeting.params["duration"] == "90"
    assert provider.is_running(spec.meeting_id) is False

    moderator = provider.join_url(spec, JoinRequest("Anna Müller", "u1", Role.MODERATOR))
    attendee = provider.join_url(spec, JoinRequest("Jörg Weiß", "u2", Role.ATTENDEE))
    assert _follow(moderator).status_code == 302
    assert _follow(attendee).status_code == 302

    assert [(j.full_name, j.user_id, j.role) for j in meeting.joins] == [
        ("Anna Müller", "u1", "MODERATOR"),
        ("Jörg Weiß", "u2", "VIEWER"),
    ]
    assert provider.is_running(spec.meeting_id) is True
    info = provider.meeting_info(spec.meeting_id)
    assert info["meetingName"] == NAME
    assert info["participantCount"] == "2"
    assert info["moderatorCount"] == "1"

    provider.end_meeting(spec.meeting_id, moderator_password="mp-secret")
    assert provider.is_running(spec.meeting_id) is False


def test_join_url_carries_role_and_matching_password(provider, spec):
    moderator = dict(
        parse_qsl(urlsplit(provider.join_url(spec, JoinRequest("A", "1", Role.MODERATOR))).query)
    )
    attendee = dict(parse_qsl(urlsplit(provider.join_url(spec, JoinRequest("B", "2"))).query))
    assert (moderator["role"], moderator["password"]) == ("MODERATOR", "mp-secret")
    assert (attendee["role"], attendee["password"]) == ("VIEWER", "ap-secret")


def test_join_url_makes_no_request(fake_bbb, provider, spec):
    provider.join_url(spec, JoinRequest("A", "1"))
    assert fake_bbb.requests == []


def test_join_by_password_only_gives_role(fake_bbb, provider, spec):
    provider.create_meeting(spec)
    params = [
        ("fullName", "C"),
        ("meetingID", spec.meeting_id),
        ("password", "mp-secret"),
        ("redirect", "false"),
    ]
    response = _follow(signed_url(fake_bbb.url, "join", params, SECRET))
    root = parse_response(response.content)
    assert root is not None
    assert root.findtext("returncode") == "SUCCESS"
    assert fake_bbb.meetings[spec.meeting_id].joins[-1].role == "MODERATOR"


def test_create_twice_is_a_duplicate_warning_not_an_error(fake_bbb, provider, spec):
    provider.create_meeting(spec)
    provider.create_meeting(spec)
    assert len(fake_bbb.meetings) == 1


def test_name_with_spaces_and_umlauts_round_trips(fake_bbb, provider, spec):
    provider.create_meeting(spec)
    _follow(provider.join_url(spec, JoinRequest("Ünal Größer-Çelik", "u3")))
    assert fake_bbb.meetings[spec.meeting_id].name == "Smarte Stadtgespräche Kaiserslautern"
    assert fake_bbb.meetings[spec.meeting_id].joins[0].full_name == "Ünal Größer-Çelik"


def test_recording_allowed_is_passed_on(fake_bbb, provider):
    spec = MeetingSpec("rec", "Mit Aufzeichnung", "a", "m", record_allowed=True)
    provider.create_meeting(spec)
    params = fake_bbb.meetings["rec"].params
    assert (params["record"], params["allowStartStopRecording"]) == ("true", "true")
    assert "duration" not in params


def test_sha256_only_server_accepts_sha256_and_rejects_sha1():
    server = FakeBigBlueButton(SECRET, algorithms=("sha256",)).start()
    try:
        provider = BigBlueButtonProvider(server.url, SECRET, algorithm="sha256", timeout=5)
        assert provider.is_running("nothing") is False
        sha1_provider = BigBlueButtonProvider(server.url, SECRET, timeout=5)
        with pytest.raises(RoomUnavailable) as excinfo:
            sha1_provider.is_running("nothing")
        assert excinfo.value.message_key == "checksumError"
    finally:
        server.stop()


def test_wrong_secret_raises_room_unavailable_with_checksum_error(fake_bbb, spec):
    provider = BigBlueButtonProvider(fake_bbb.url, "not-the-secret", timeout=5)
    with pytest.raises(RoomUnavailable, match="checksumError") as excinfo:
        provider.create_meeting(spec)
    assert excinfo.value.message_key == "checksumError"
    assert fake_bbb.meetings == {}


def test_wrong_secret_join_url_is_rejected_by_server(fake_bbb, provider, spec):
    provider.create_meeting(spec)
    bad = BigBlueButtonProvider(fake_bbb.url, "not-the-secret").join_url(
        spec, JoinRequest("X", "9")
    )
    root = parse_response(_follow(bad).content)
    assert root is not None
    assert root.findtext("messageKey") == "checksumError"
    assert fake_bbb.meetings[spec.meeting_id].joins == []


def test_tampered_query_fails_checksum(fake_bbb, provider, spec):
    provider.create_meeting(spec)
    url = provider.join_url(spec, JoinRequest("Gast", "2"))
    tampered = url.replace("role=VIEWER", "role=MODERATOR")
    root = parse_response(_follow(tampered).content)
    assert root is not None
    assert root.findtext("messageKey") == "checksumError"


def test_missing_checksum_is_rejected(fake_bbb):
    root = parse_response(_follow(f"{fake_bbb.url}api/isMeetingRunning?meetingID=x").content)
    assert root is not None
    assert (root.findtext("returncode"), root.findtext("messageKey")) == ("FAILED", "checksumError")


def test_end_unknown_meeting_raises_not_found(provider):
    with pytest.raises(RoomUnavailable) as excinfo:
        provider.end_meeting("no-such-meeting")
    assert excinfo.value.message_key == "notFound"


def test_meeting_info_unknown_meeting_raises_not_found(provider):
    with pytest.raises(RoomUnavailable) as excinfo:
        provider.meeting_info("no-such-meeting")
    assert excinfo.value.message_key == "notFound"


def test_server_down_raises_room_unavailable(spec):
    with socket.socket() as sock:  # a port that was free a moment ago: nobody listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    provider = BigBlueButtonProvider(f"http://127.0.0.1:{port}/bigbluebutton/", SECRET, timeout=2)
    with pytest.raises(RoomUnavailable, match="cannot be reached") as excinfo:
        provider.create_meeting(spec)
    assert excinfo.value.message_key == ""


def test_malformed_xml_raises_room_unavailable(fake_bbb, provider, spec):
    fake_bbb.malformed = True
    with pytest.raises(RoomUnavailable, match="cannot be read"):
        provider.create_meeting(spec)


def test_unknown_call_gets_failed_answer(fake_bbb, provider):
    with pytest.raises(RoomUnavailable) as excinfo:
        provider._call("deleteEverything", [])
    assert excinfo.value.message_key == "unsupportedRequest"


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not xml",
        b"<html><body>502</body></html>",
        b'<!DOCTYPE r [<!ENTITY a "aaaa">]><response><returncode>SUCCESS</returncode></response>',
    ],
)
def test_parse_response_refuses_non_responses(content):
    assert parse_response(content) is None


def test_secret_is_not_logged(fake_bbb, spec, caplog):
    provider = BigBlueButtonProvider(fake_bbb.url, "wrong-" + SECRET, timeout=5)
    with caplog.at_level("DEBUG"), pytest.raises(RoomUnavailable):
        provider.create_meeting(spec)
    assert caplog.records
    assert SECRET not in caplog.text


def test_refusal_message_is_german_when_active(fake_bbb, spec):
    provider = BigBlueButtonProvider(fake_bbb.url, "not-the-secret", timeout=5)
    with translation.override("de"), pytest.raises(RoomUnavailable) as excinfo:
        provider.create_meeting(spec)
    assert str(excinfo.value) == (
        "Der Server des Online-Raums hat die Anfrage abgelehnt (checksumError)."
    )


def test_default_server_accepts_both_sha1_and_sha256(fake_bbb):
    for algorithm in ("sha1", "sha256"):
        provider = BigBlueButtonProvider(fake_bbb.url, SECRET, algorithm=algorithm, timeout=5)
        assert provider.is_running("nothing") is False
