"""Capacity and "nobody twice" under parallel requests, on PostgreSQL.

Each thread is one request with its own database connection; a barrier releases them at
once. The event row lock (`select_for_update`) serialises them; SQLite serialises writers
anyway (IMMEDIATE transactions), so these tests run on the PostgreSQL leg only.
"""

import threading

import pytest
from django.db import connection

from stadtgespraeche.events.enums import AttendanceMode
from stadtgespraeche.registrations.enums import RegistrationStatus as Status
from stadtgespraeche.registrations.exceptions import AlreadyRegistered
from stadtgespraeche.registrations.models import Registration
from stadtgespraeche.registrations.services import registration as services
from tests.factories.accounts import UserFactory
from tests.registrations.helpers import open_event

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

THREADS = 10


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "Row locks are only meaningful on PostgreSQL; SQLite serialises all writers "
            "(run with STADTGESPRAECHE_TEST_LEG=postgresql ./scripts/with-postgres.sh)."
        )


def _in_parallel(calls):
    """Run each call in its own thread (own DB connection), all released at once."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[object] = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = call()
        except Exception as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def _register_call(event, person):
    return lambda: (
        services.register(
            event, person=person, by=person, mode=AttendanceMode.IN_PERSON
        ).registration.status
    )


def test_parallel_registrations_never_exceed_the_capacity():
    event = open_event(capacity_in_person=3)
    people = [UserFactory() for _ in range(THREADS)]

    outcomes = _in_parallel([_register_call(event, person) for person in people])

    assert sorted(outcomes) == sorted([Status.REGISTERED] * 3 + [Status.WAITLISTED] * 7)
    holders = Registration.objects.filter(event=event, status=Status.REGISTERED)
    assert holders.count() == 3


def test_parallel_registrations_of_one_person_register_once():
    event = open_event(capacity_in_person=5)
    person = UserFactory()

    outcomes = _in_parallel([_register_call(event, person) for _ in range(THREADS)])

    assert outcomes.count(Status.REGISTERED) == 1
    assert all(isinstance(o, AlreadyRegistered) for o in outcomes if o != Status.REGISTERED)
    assert Registration.objects.filter(event=event, user=person).count() == 1


def test_parallel_cancellations_promote_exactly_the_freed_places():
    event = open_event(capacity_in_person=3)
    holders = [
        services.register(event, person=p, by=p, mode=AttendanceMode.IN_PERSON).registration
        for p in [UserFactory() for _ in range(3)]
    ]
    for person in [UserFactory() for _ in range(5)]:
        services.register(event, person=person, by=person, mode=AttendanceMode.IN_PERSON)

    outcomes = _in_parallel(
        [
            (lambda r=registration: services.cancel_registration(r, by=r.user))
            for registration in holders
        ]
    )

    assert not [o for o in outcomes if isinstance(o, Exception)]
    registered = Registration.objects.filter(event=event, status=Status.REGISTERED)
    assert registered.count() == 3
    assert registered.exclude(promoted_at=None).count() == 3
    assert Registration.objects.filter(event=event, status=Status.WAITLISTED).count() == 2
