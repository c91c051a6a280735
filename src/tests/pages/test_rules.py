import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.mark.parametrize(
    ("make_user", "can_change"),
    [
        (AnonymousUser, False),
        (UserFactory, False),
        (CoordinatorFactory, False),
        (OrganiserFactory, True),
        (lambda: OrganiserFactory(is_active=False), False),
    ],
)
def test_site_text_permissions(make_user, can_change):
    user = make_user()

    assert user.has_perm("pages.view_sitetext") is True
    assert user.has_perm("pages.change_sitetext") is can_change
