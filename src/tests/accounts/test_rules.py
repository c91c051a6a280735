import pytest
from django.contrib.auth.models import AnonymousUser

from stadtgespraeche.accounts import rules as account_rules
from stadtgespraeche.accounts.enums import Role
from tests.factories.accounts import UserFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

PREDICATES = {
    "organiser": account_rules.is_organiser,
    "coordinator": account_rules.is_coordinator,
    "councillor": account_rules.is_councillor,
    "speaker": account_rules.is_speaker,
}


@pytest.mark.parametrize("role", [r.value for r in Role])
@pytest.mark.parametrize("active", [True, False])
def test_role_predicates_matrix(role, active):
    user = UserFactory(role=role, is_active=active)

    results = {name: predicate(user) for name, predicate in PREDICATES.items()}

    assert results == {name: active and name == role for name in PREDICATES}


def test_role_predicates_refuse_anonymous():
    assert not any(predicate(AnonymousUser()) for predicate in PREDICATES.values())


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("organiser", True), ("coordinator", False), ("councillor", False), ("speaker", False)],
)
def test_view_auditlog_permission(role, allowed):
    user = UserFactory(role=role)

    assert user.has_perm("core.view_auditlog") is allowed


def test_view_auditlog_permission_anonymous():
    assert AnonymousUser().has_perm("core.view_auditlog") is False
