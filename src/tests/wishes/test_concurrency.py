"""Votes stay within the budget under concurrent requests (issue 5 §1).

Runs on PostgreSQL only: SQLite serialises every write transaction anyway
(transaction_mode IMMEDIATE) and its in-memory test database is not shared between threads.
"""

import threading

import pytest
from django.db import connection, connections

from stadtgespraeche.wishes import services
from stadtgespraeche.wishes.enums import Phase
from stadtgespraeche.wishes.exceptions import VoteBudgetExhausted
from stadtgespraeche.wishes.models import Vote
from tests.factories.accounts import UserFactory
from tests.factories.wishes import TopicWishFactory, WishRoundFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: row locks and a database shared between threads",
    ),
]

THREADS = 8


def _run_in_parallel(target, count: int) -> list[str]:
    barrier = threading.Barrier(count)
    outcomes: list[str] = []
    lock = threading.Lock()

    def work(index: int) -> None:
        try:
            barrier.wait()
            target(index)
            result = "ok"
        except VoteBudgetExhausted:
            result = "exhausted"
        except Exception as error:
            result = f"error: {error!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=work, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_parallel_votes_of_one_person_never_exceed_the_budget():
    wish_round = WishRoundFactory(phase=Phase.VOTE, votes_per_member=3)
    wishes = TopicWishFactory.create_batch(2, round=wish_round)
    voter = UserFactory()

    outcomes = _run_in_parallel(
        lambda index: services.cast_vote(wishes[index % 2], by=voter), THREADS
    )

    assert sorted(outcomes) == ["exhausted"] * 5 + ["ok"] * 3
    assert Vote.objects.filter(voter=voter).count() == 3
    assert sorted(Vote.objects.values_list("slot", flat=True)) == [1, 2, 3]


@pytest.mark.django_db(transaction=True)
def test_parallel_votes_of_many_people_are_all_counted():
    wish_round = WishRoundFactory(phase=Phase.VOTE, votes_per_member=1)
    wish = TopicWishFactory(round=wish_round)
    voters = UserFactory.create_batch(THREADS)

    outcomes = _run_in_parallel(lambda index: services.cast_vote(wish, by=voters[index]), THREADS)

    assert outcomes == ["ok"] * THREADS
    assert Vote.objects.filter(wish=wish).count() == THREADS
