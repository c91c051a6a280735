import pytest

from stadtgespraeche.core import personal_data as registry
from stadtgespraeche.wishes.enums import Phase
from stadtgespraeche.wishes.models import TopicWish, Vote, WishSupport
from stadtgespraeche.wishes.personal_data import erase_wishes, export_wishes
from tests.factories.wishes import TopicWishFactory, VoteFactory, WishRoundFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_wishes_section_is_registered():
    assert "wishes" in {section.key for section in registry.sections()}


def test_export_lists_wishes_supports_and_votes(councillor, voting_round):
    wish = TopicWishFactory(round=voting_round, author=councillor, title="Mein Wunsch")
    WishSupport.objects.create(wish=wish, user=councillor)
    VoteFactory(wish=wish, voter=councillor)

    data = export_wishes(councillor)

    assert [item["title"] for item in data["wishes"]] == ["Mein Wunsch"]
    assert [item["wish"] for item in data["supported"]] == ["Mein Wunsch"]
    assert [item["wish"] for item in data["votes"]] == ["Mein Wunsch"]


def test_erase_removes_support_and_votes_in_open_rounds_only(councillor, voting_round):
    open_wish = TopicWishFactory(round=voting_round, author=councillor)
    decided = TopicWishFactory(round=WishRoundFactory(phase=Phase.CLOSED))
    for wish in (open_wish, decided):
        WishSupport.objects.create(wish=wish, user=councillor)
        VoteFactory(wish=wish, voter=councillor)

    erase_wishes(councillor)
    erase_wishes(councillor)  # idempotent

    assert list(WishSupport.objects.values_list("wish", flat=True)) == [decided.pk]
    assert list(Vote.objects.values_list("wish", flat=True)) == [decided.pk]
    assert TopicWish.objects.filter(pk=open_wish.pk, author=councillor).exists()
