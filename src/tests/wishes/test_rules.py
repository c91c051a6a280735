"""Role × phase matrix of the wishes permissions (docs/wishes.md)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from stadtgespraeche.accounts.enums import Role
from stadtgespraeche.wishes.enums import Phase, WishStatus
from tests.factories.accounts import UserFactory
from tests.factories.wishes import TopicWishFactory, WishRoundFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

ROLES = ["organiser", "coordinator", "councillor", "speaker", "anonymous"]
PHASES = [Phase.COLLECT, Phase.VOTE, Phase.PLANNED, Phase.CLOSED]
PARTICIPANTS = {"coordinator", "councillor"}
MEMBERS = {"organiser", "coordinator", "councillor", "speaker"}


def _expected(permission: str, role: str, phase: str) -> bool:
    return {
        "wishes.view_round": role in MEMBERS,
        "wishes.submit_wish": role in PARTICIPANTS and phase == Phase.COLLECT,
        "wishes.collect_wishes": role == "coordinator" and phase == Phase.COLLECT,
        "wishes.support_wish": role in PARTICIPANTS and phase in (Phase.COLLECT, Phase.VOTE),
        "wishes.vote": role in PARTICIPANTS and phase == Phase.VOTE,
        "wishes.view_results": role == "organiser"
        or (role in MEMBERS and phase in (Phase.PLANNED, Phase.CLOSED)),
        "wishes.manage_round": role == "organiser",
        "wishes.merge_wish": role == "organiser" and phase in (Phase.COLLECT, Phase.VOTE),
        "wishes.plan_wish": role == "organiser" and phase in (Phase.VOTE, Phase.PLANNED),
    }[permission]


def _user(role: str):
    if role == "anonymous":
        return AnonymousUser()
    return UserFactory.build(role=Role(role), pk=1)


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "permission",
    [
        "wishes.view_round",
        "wishes.submit_wish",
        "wishes.collect_wishes",
        "wishes.support_wish",
        "wishes.vote",
        "wishes.view_results",
        "wishes.manage_round",
        "wishes.merge_wish",
        "wishes.plan_wish",
    ],
)
def test_permission_matrix_for_open_wish(permission, role, phase):
    wish = TopicWishFactory.build(round=WishRoundFactory.build(phase=phase))
    user = _user(role)

    assert user.has_perm(permission, wish) is _expected(permission, role, phase)


@pytest.mark.parametrize("permission", ["wishes.support_wish", "wishes.vote", "wishes.plan_wish"])
@pytest.mark.parametrize("status", [WishStatus.MERGED, WishStatus.PLANNED, WishStatus.DECLINED])
def test_closed_wish_allows_no_support_vote_or_planning(permission, status):
    wish = TopicWishFactory.build(round=WishRoundFactory.build(phase=Phase.VOTE), status=status)
    for role in ["organiser", "councillor", "coordinator"]:
        assert _user(role).has_perm(permission, wish) is False


def test_inactive_participant_has_no_permission():
    wish = TopicWishFactory.build(round=WishRoundFactory.build(phase=Phase.VOTE))
    user = UserFactory.build(role=Role.COUNCILLOR, is_active=False, pk=2)

    assert user.has_perm("wishes.vote", wish) is False
    assert user.has_perm("wishes.view_round", wish.round) is False
