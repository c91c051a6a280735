"""The organisers' page for the online room of a series."""

import pytest
from django.urls import reverse

from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.network.enums import RoomKind
from stadtgespraeche.rooms import services as services_rooms
from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory
from tests.factories.network import SeriesFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SERVER = "https://bbb.kaiserslautern.example/bigbluebutton/"
SECRET = "never-show-this-secret"


@pytest.fixture
def series(settings):
    series = SeriesFactory()
    settings.BBB_SERVERS = {series.slug: {"url": SERVER, "secret": SECRET}}
    return series


def _url(series):
    return reverse("rooms:series-room", kwargs={"slug": series.slug})


def test_series_room_page_shows_server_but_never_the_secret(client, series):
    client.force_login(OrganiserFactory())
    response = client.get(_url(series))
    assert response.status_code == 200
    assert "eigenen Server" in response.text
    assert SERVER in response.text
    assert SECRET not in response.text


def test_series_room_page_warns_when_not_configured(client, settings):
    series = SeriesFactory()
    settings.BBB_SERVERS = {}
    settings.BBB_URL = ""
    settings.BBB_SECRET = ""
    client.force_login(OrganiserFactory())
    response = client.get(_url(series))
    assert "Kein BigBlueButton-Server" in response.text


def test_series_room_default_server_is_named(client, settings):
    series = SeriesFactory()
    settings.BBB_SERVERS = {}
    settings.BBB_URL = "https://default.example/bigbluebutton/"
    settings.BBB_SECRET = SECRET
    client.force_login(OrganiserFactory())
    response = client.get(_url(series))
    assert "Standard-Server" in response.text
    assert SECRET not in response.text


def test_series_room_post_changes_provider(client, series):
    client.force_login(OrganiserFactory())
    response = client.post(_url(series), {"room_provider": "link"}, follow=True)
    assert "gespeichert" in response.text
    series.refresh_from_db()
    assert series.room_provider == RoomKind.LINK
    assert AuditLog.objects.get(action="events.series.room_changed").data == {
        "from": "bbb",
        "to": "link",
    }


def test_series_room_post_bad_choice_shows_german_error(client, series):
    client.force_login(OrganiserFactory())
    response = client.post(_url(series), {"room_provider": "zoom"})
    assert response.status_code == 200
    assert "Bitte wählen Sie den Online-Raum." in response.text
    series.refresh_from_db()
    assert series.room_provider == RoomKind.BBB


@pytest.mark.parametrize("factory", [UserFactory, CoordinatorFactory])
def test_series_room_denied_for_non_organisers(client, series, factory):
    client.force_login(factory())
    get = client.get(_url(series))
    post = client.post(_url(series), {"room_provider": "none"})
    assert get.status_code == 403
    assert post.status_code == 403
    assert SERVER not in get.text
    series.refresh_from_db()
    assert series.room_provider == RoomKind.BBB


def test_set_room_provider_refuses_non_organiser_and_unknown(series):
    with pytest.raises(services_rooms.RoomNotAllowed):
        services_rooms.set_room_provider(series, provider="none", by=UserFactory())
    with pytest.raises(services_rooms.RoomNotAllowed):
        services_rooms.set_room_provider(series, provider="zoom", by=OrganiserFactory())
    assert not AuditLog.objects.filter(action="events.series.room_changed").exists()
