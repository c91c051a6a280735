"""queries.wish_rows: the rows of a wish list (author's name as the viewer may see it, the
viewer's votes on each wish)."""

import pytest

from stadtgespraeche.wishes.queries import WishRow, wish_rows
from tests.factories.accounts import UserFactory
from tests.factories.wishes import TopicWishFactory

pytestmark = [pytest.mark.django_db, pytest.mark.unit]


def test_rows_carry_my_votes_and_my_own_name():
    me = UserFactory(first_name="Rita", last_name="Rath")
    mine = TopicWishFactory(author=me)
    other = TopicWishFactory(round=mine.round)

    rows = wish_rows([mine, other], me, {mine.pk: 2})

    assert rows == [
        WishRow(wish=mine, author_name="Rita Rath", my_count=2),
        WishRow(wish=other, author_name="", my_count=0),
    ]


def test_rows_without_votes_count_zero_and_hide_names_without_a_visible_profile():
    wish = TopicWishFactory(author=UserFactory(first_name="Hans", last_name="Hidden"))

    (row,) = wish_rows([wish], UserFactory())

    assert row.my_count == 0
    assert row.author_name == ""
