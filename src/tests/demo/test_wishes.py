from io import StringIO

import pytest
from django.core.management import call_command

from stadtgespraeche.wishes.enums import Phase
from stadtgespraeche.wishes.models import TopicWish, Vote, WishRound, WishSupport

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _run() -> None:
    call_command("load_demo", "--force", stdout=StringIO())


def test_demo_has_a_voting_round_with_wishes_of_two_cities_and_is_idempotent(reference_data):
    _run()
    counts = (TopicWish.objects.count(), Vote.objects.count(), WishSupport.objects.count())
    _run()

    wish_round = WishRound.objects.get()
    assert wish_round.phase == Phase.VOTE
    cities = set(TopicWish.objects.values_list("municipality__name", flat=True))
    assert {"Kaiserslautern", "Bamberg"} <= {name.split(",")[0] for name in cities}
    assert counts[1] == 10
    assert (TopicWish.objects.count(), Vote.objects.count(), WishSupport.objects.count()) == counts
    assert all(wish.topic_id for wish in TopicWish.objects.all())
