import pytest
import time_machine
from django.utils import timezone, translation

from stadtgespraeche.accounts.forms import throttled_login_message
from stadtgespraeche.accounts.throttling import Throttle, client_ip

pytestmark = pytest.mark.unit


def test_throttle_blocks_at_the_limit_and_only_that_key():
    throttle = Throttle("test", limit=2, window=60)

    assert throttle.hit("a@example.org", "1.1.1.1") == 1
    assert throttle.is_blocked("a@example.org", "1.1.1.1") is False
    assert throttle.hit("A@Example.org ", "1.1.1.1") == 2

    assert throttle.is_blocked("a@example.org", "1.1.1.1") is True
    assert throttle.is_blocked("a@example.org", "2.2.2.2") is False


def test_throttle_reset_forgets_the_count():
    throttle = Throttle("test", limit=1, window=60)
    throttle.hit("x")

    throttle.reset("x")

    assert throttle.count("x") == 0


def test_client_ip_uses_remote_addr(rf):
    request = rf.get("/", REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_FOR="6.6.6.6")

    assert client_ip(request) == "10.1.2.3"


def test_client_ip_behind_proxy_takes_the_entry_the_proxy_appended(rf, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 10.1.2.3")

    assert client_ip(request) == "10.1.2.3"


def test_client_ip_behind_proxy_without_header_falls_back(rf, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    request = rf.get("/", REMOTE_ADDR="127.0.0.1")

    assert client_ip(request) == "127.0.0.1"


@pytest.mark.django_db
def test_throttle_retry_after_counts_down_to_the_window_end():
    throttle = Throttle("test", limit=1, window=600)
    assert throttle.retry_after("x") == 0
    with time_machine.travel(timezone.now(), tick=False) as clock:
        throttle.hit("x")
        clock.shift(100)

        assert throttle.retry_after("x") == 500
        throttle.reset("x")
        assert throttle.retry_after("x") == 0


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (1, "please try again in 1 second."),
        (119, "please try again in 119 seconds."),
        (120, "please try again in 2 minutes."),
        (121, "please try again in 3 minutes."),
    ],
)
def test_throttled_login_message_says_when(seconds, text):
    with translation.override("en"):
        assert throttled_login_message(seconds).endswith(text)
