"""Log lines with the request's id (operations/logs.py), as text or JSON lines."""

import io
import json
import logging

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.test import Client

from stadtgespraeche.operations.logs import JsonFormatter, RequestIdFilter
from tests.factories.accounts import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def json_lines():
    """The JSON lines that the production handler set-up writes, for every logger."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)


def test_every_response_carries_a_request_id(client):
    first = client.get("/health/live")
    second = client.get("/health/live")

    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_the_proxys_request_id_is_kept_and_a_malformed_one_replaced(client):
    kept = client.get("/health/live", headers={"X-Request-ID": "proxy-4711-abcdef"})
    replaced = client.get("/health/live", headers={"X-Request-ID": "<script>"})

    assert kept["X-Request-ID"] == "proxy-4711-abcdef"
    assert replaced["X-Request-ID"] != "<script>"


def test_log_lines_of_a_request_carry_its_id_as_json(monkeypatch, json_lines):
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory())

    def fail(self):
        raise OperationalError("connection refused")

    monkeypatch.setattr(SessionStore, "load", fail)

    response = client.get("/", headers={"X-Request-ID": "trace-0123456789"})

    lines = json_lines()
    assert response.status_code == 503
    ours = [line for line in lines if line["request_id"] == "trace-0123456789"]
    assert {line["logger"] for line in ours} >= {"stadtgespraeche.core.errors"}
    warning = next(line for line in ours if line["logger"] == "stadtgespraeche.core.errors")
    assert warning["level"] == "WARNING"
    assert warning["message"] == "Database unavailable: answered / with 503"
    assert warning["time"].endswith("+00:00")


def test_log_lines_outside_requests_have_no_id_and_keep_exceptions(json_lines):
    logger = logging.getLogger("stadtgespraeche.tests")
    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError:
        logger.exception("Worker task failed")

    [line] = [line for line in json_lines() if line["logger"] == "stadtgespraeche.tests"]
    assert line["request_id"] == "-"
    assert "ZeroDivisionError" in line["exception"]
