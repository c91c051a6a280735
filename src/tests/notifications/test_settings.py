"""The notification settings are validated when the settings load."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.test_settings_deploy import load_settings

pytestmark = pytest.mark.unit


def test_notification_settings_defaults(monkeypatch, tmp_path):
    settings = load_settings(monkeypatch, tmp_path, STADTGESPRAECHE_DEMO="1")

    assert settings["NOTIFICATIONS_DIGEST_HOUR"] == 7
    assert settings["NOTIFICATIONS_WEEKLY_DIGEST_WEEKDAY"] == 0
    assert settings["NOTIFICATIONS_UNSUBSCRIBE_MAILTO"] == ""
    assert settings["NOTIFICATIONS_UNSUBSCRIBE_MAX_AGE_DAYS"] == 365
    processors = settings["TEMPLATES"][0]["OPTIONS"]["context_processors"]
    assert "stadtgespraeche.notifications.context_processors.unread" in processors


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("NOTIFICATIONS_DIGEST_HOUR", "24"),
        ("NOTIFICATIONS_DIGEST_HOUR", "-1"),
        ("NOTIFICATIONS_WEEKLY_DIGEST_WEEKDAY", "7"),
    ],
)
def test_notification_settings_out_of_range_raise(monkeypatch, tmp_path, name, value):
    with pytest.raises(ImproperlyConfigured, match=name):
        load_settings(monkeypatch, tmp_path, STADTGESPRAECHE_DEMO="1", **{name: value})
