"""An unreachable database answers with a German 503 page, not a bare 500; an oversized
request body is refused before anything reads it."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.test import Client

from tests.factories.accounts import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _fail(*args, **kwargs):
    raise OperationalError('connection to server at "db" failed: Connection refused')


def test_database_down_while_loading_the_session_gives_the_german_503_page(monkeypatch):
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory())
    monkeypatch.setattr(SessionStore, "load", _fail)

    response = client.get("/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert '<html lang="de">' in page
    assert "Vorübergehend nicht erreichbar" in page
    assert "erreicht ihre Datenbank gerade nicht" in page


def test_the_503_page_speaks_the_visitors_chosen_language(monkeypatch, settings):
    """The language comes from a cookie, not from the database, so it is known."""
    client = Client(raise_request_exception=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(UserFactory())
    monkeypatch.setattr(SessionStore, "load", _fail)

    page = client.get("/").content.decode()

    assert '<html lang="en">' in page
    assert "Temporarily unavailable" in page


def test_other_errors_stay_500(monkeypatch):
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory())
    monkeypatch.setattr(SessionStore, "load", lambda self: 1 / 0)

    response = client.get("/")

    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Vorübergehend" not in response.content.decode()
    assert "Serverfehler" in response.content.decode()


def test_request_body_above_the_limit_is_refused_with_413(client, settings):
    settings.MAX_REQUEST_BODY_MB = 1

    response = client.post(
        "/konto/anmelden/", data=b"x" * (1024 * 1024 + 1), content_type="text/plain"
    )

    assert response.status_code == 413
    assert "höchstens 1 MB" in response.content.decode()
