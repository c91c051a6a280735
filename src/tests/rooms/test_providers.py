import pytest
from django.utils import translation

from stadtgespraeche.rooms.providers import (
    JoinRequest,
    MeetingSpec,
    Role,
    RoomUnavailable,
    provider_for,
)
from stadtgespraeche.rooms.providers.bbb import BigBlueButtonProvider
from stadtgespraeche.rooms.providers.link import LinkProvider

pytestmark = pytest.mark.unit


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English here; the German ones have their own test."""
    with translation.override("en"):
        yield


SPEC = MeetingSpec("m1", "Stadtgespräch", "a", "m")


def test_link_provider_returns_configured_url_for_every_role():
    provider = provider_for({"provider": "link", "url": "https://meet.jit.si/Stadtgespraeche-1"})
    assert isinstance(provider, LinkProvider)
    for role in Role:
        request = JoinRequest("Anna", "1", role)
        assert provider.join_url(SPEC, request) == "https://meet.jit.si/Stadtgespraeche-1"


def test_link_provider_create_end_are_noops_and_running_unknown():
    provider = provider_for({"provider": "link", "url": "https://meet.jit.si/x"})
    assert provider.create_meeting(SPEC) is None
    assert provider.end_meeting("m1") is None
    assert provider.is_running("m1") is None


def test_link_provider_without_url_is_unavailable():
    with pytest.raises(RoomUnavailable, match="No link"):
        provider_for({"provider": "link"})


def test_bbb_provider_from_config():
    provider = provider_for(
        {
            "provider": "bbb",
            "url": "https://bbb.example.org/bigbluebutton/",
            "secret": "s",
            "checksum": "sha256",
        }
    )
    assert isinstance(provider, BigBlueButtonProvider)
    assert provider.algorithm == "sha256"


def test_bbb_provider_falls_back_to_settings(settings):
    settings.BBB_URL = "https://bbb.example.org/bigbluebutton/"
    settings.BBB_SECRET = "from-settings"
    settings.BBB_CHECKSUM_ALGORITHM = "sha1"
    provider = provider_for({"provider": "bbb"})
    assert isinstance(provider, BigBlueButtonProvider)
    assert provider.url == "https://bbb.example.org/bigbluebutton/"


def test_bbb_provider_without_secret_is_unavailable(settings):
    settings.BBB_URL = ""
    settings.BBB_SECRET = ""
    with pytest.raises(RoomUnavailable, match="not configured"):
        provider_for({"provider": "bbb", "url": "https://bbb.example.org/"})


def test_unknown_provider_raises_value_error():
    with pytest.raises(ValueError, match="zoom"):
        provider_for({"provider": "zoom"})


def test_room_unavailable_message_is_german_when_active():
    with translation.override("de"), pytest.raises(RoomUnavailable) as excinfo:
        provider_for({"provider": "link"})
    assert "Link" in str(excinfo.value)
    assert "No link" not in str(excinfo.value)
