"""Session lifetime per role (accounts.sessions, SessionAgeMiddleware)."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from stadtgespraeche.accounts import sessions
from stadtgespraeche.accounts.enums import Role
from tests.factories.accounts import DEFAULT_PASSWORD, OrganiserFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

HOME = reverse("accounts:home")
HOUR = 60 * 60


def _expiry_in_hours(client: Client) -> float:
    return client.session.get_expiry_age() / HOUR


def test_councillor_login_lasts_the_general_session_age(client, settings):
    settings.SESSION_AGE_HOURS = 48
    UserFactory(email="rat@example.org")

    client.post(reverse("accounts:login"), {"email": "rat@example.org", "password": "x"})
    assert "_auth_user_id" not in client.session
    client.post(
        reverse("accounts:login"), {"email": "rat@example.org", "password": DEFAULT_PASSWORD}
    )

    assert 47.9 < _expiry_in_hours(client) <= 48
    assert isinstance(client.session[sessions.LOGGED_IN_AT_KEY], float)


def test_organiser_login_is_shorter(client, settings):
    settings.SESSION_AGE_ORGANISER_HOURS = 4
    client.force_login(OrganiserFactory())

    assert 3.9 < _expiry_in_hours(client) <= 4
    assert client.get(HOME).status_code == 200


def test_organiser_is_logged_out_when_the_age_is_over(client, settings):
    settings.SESSION_AGE_ORGANISER_HOURS = 4
    organiser = OrganiserFactory()
    client.force_login(organiser)
    # The database row could outlive the cookie (e.g. a copied cookie): the clock still ends it.
    Session.objects.update(expire_date=timezone.now() + timedelta(days=30))

    with time_machine.travel(timezone.now() + timedelta(hours=4, minutes=1)):
        response = client.get(HOME)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session


def test_role_change_to_organiser_shortens_the_running_session(client, settings):
    settings.SESSION_AGE_HOURS = 14 * 24
    settings.SESSION_AGE_ORGANISER_HOURS = 8
    person = UserFactory(two_factor_enabled=True)
    client.force_login(person)
    assert _expiry_in_hours(client) > 300

    person.role = Role.ORGANISER
    person.save(update_fields=["role"])
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert client.get(HOME).status_code == 200
        assert 5.9 < _expiry_in_hours(client) <= 6  # eight hours from the login, not from now
    with time_machine.travel(timezone.now() + timedelta(hours=8, minutes=1)):
        assert client.get(HOME).status_code == 302


def test_role_change_away_from_organiser_keeps_the_shorter_session(client, settings):
    settings.SESSION_AGE_ORGANISER_HOURS = 8
    organiser = OrganiserFactory()
    client.force_login(organiser)

    organiser.role = Role.COUNCILLOR
    organiser.save(update_fields=["role"])
    assert client.get(HOME).status_code == 200

    assert 7.9 < _expiry_in_hours(client) <= 8


def test_session_from_before_the_clock_counts_from_the_last_login(client, settings):
    settings.SESSION_AGE_ORGANISER_HOURS = 8
    organiser = OrganiserFactory()
    client.force_login(organiser)
    session = client.session
    del session[sessions.LOGGED_IN_AT_KEY]
    session.set_expiry(None)
    session.save()
    organiser.last_login = timezone.now() - timedelta(hours=3)
    organiser.save(update_fields=["last_login"])

    assert client.get(HOME).status_code == 200

    assert 4.9 < _expiry_in_hours(client) <= 5


def test_councillor_session_from_before_the_clock_is_left_alone(client):
    person = UserFactory()
    client.force_login(person)
    session = client.session
    del session[sessions.LOGGED_IN_AT_KEY]
    session.set_expiry(None)
    session.save()

    assert client.get(HOME).status_code == 200

    assert client.session.get("_session_expiry") is None


def test_a_checked_session_is_not_written_again(client, django_assert_num_queries):
    client.force_login(UserFactory())
    client.get(HOME)

    # The session, the user and the unread-notification count; no session UPDATE.
    with django_assert_num_queries(3):
        client.get(HOME)
