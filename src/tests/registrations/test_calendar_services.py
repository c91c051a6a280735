"""Services and queries of the personal calendar feed token."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.registrations import queries as registration_queries
from stadtgespraeche.registrations.models import CalendarToken
from stadtgespraeche.registrations.services.calendar import (
    mark_calendar_token_used,
    regenerate_calendar_token,
    revoke_calendar_token,
)
from tests.factories.accounts import UserFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_regenerate_creates_a_long_random_token_and_audits():
    person = UserFactory()

    calendar_token = regenerate_calendar_token(person)

    assert len(calendar_token.token) >= 43
    assert registration_queries.calendar_token_of(person) == calendar_token
    assert AuditLog.objects.filter(action="events.calendar_token.created").count() == 1


def test_regenerate_replaces_the_token_keeping_one_per_person():
    person = UserFactory()
    old = regenerate_calendar_token(person).token

    new = regenerate_calendar_token(person)

    assert new.token != old
    assert CalendarToken.objects.filter(user=person).count() == 1
    assert registration_queries.calendar_token_by_value(old) is None
    assert registration_queries.calendar_token_by_value(new.token) == new
    assert AuditLog.objects.filter(action="events.calendar_token.regenerated").count() == 1


def test_revoke_deletes_and_reports():
    person = UserFactory()
    token = regenerate_calendar_token(person).token

    assert revoke_calendar_token(person) is True
    assert revoke_calendar_token(person) is False
    assert registration_queries.calendar_token_by_value(token) is None
    assert AuditLog.objects.filter(action="events.calendar_token.revoked").count() == 1


def test_token_lookup_refuses_empty_value_and_inactive_person():
    person = UserFactory()
    token = regenerate_calendar_token(person).token
    person.is_active = False
    person.save()

    assert registration_queries.calendar_token_by_value("") is None
    assert registration_queries.calendar_token_by_value(token) is None


def test_mark_used_writes_at_most_hourly():
    calendar_token = regenerate_calendar_token(UserFactory())
    start = timezone.now()

    with time_machine.travel(start, tick=False):
        mark_calendar_token_used(calendar_token)
    with time_machine.travel(start + datetime.timedelta(minutes=30), tick=False):
        mark_calendar_token_used(calendar_token)
    calendar_token.refresh_from_db()
    assert calendar_token.last_used_at == start

    with time_machine.travel(start + datetime.timedelta(hours=2), tick=False):
        mark_calendar_token_used(calendar_token)
    calendar_token.refresh_from_db()
    assert calendar_token.last_used_at == start + datetime.timedelta(hours=2)
