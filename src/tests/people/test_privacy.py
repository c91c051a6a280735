import pytest
from django.contrib.auth.models import AnonymousUser

from stadtgespraeche.people import privacy
from stadtgespraeche.people.enums import FieldGroup, Visibility
from stadtgespraeche.people.models import Profile
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.people import ProfileFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

VIEWERS = ["anonymous", "member", "organiser", "self", "inactive"]

# visibility → viewers who see the group
EXPECTED = {
    Visibility.PUBLIC: {"anonymous", "member", "organiser", "self", "inactive"},
    Visibility.NETWORK: {"member", "organiser", "self"},
    Visibility.ORGANISERS: {"organiser", "self"},
}


def _viewer(kind, profile):
    return {
        "anonymous": lambda: AnonymousUser(),
        "member": lambda: UserFactory(),
        "organiser": lambda: OrganiserFactory(),
        "self": lambda: profile.user,
        "inactive": lambda: UserFactory(is_active=False),
    }[kind]()


@pytest.mark.parametrize("group", list(FieldGroup))
@pytest.mark.parametrize("visibility", list(Visibility))
@pytest.mark.parametrize("viewer_kind", VIEWERS)
def test_can_see_follows_visibility_for_every_group(group, visibility, viewer_kind):
    profile = ProfileFactory(**{f"{group.value}_visibility": visibility})
    viewer = _viewer(viewer_kind, profile)

    assert privacy.can_see(profile, group, viewer) is (viewer_kind in EXPECTED[visibility])
    matching = Profile.objects.filter(privacy.group_visible_q(group, viewer))
    assert (profile in matching) is (viewer_kind in EXPECTED[visibility])


def test_new_profiles_are_visible_to_the_network_only():
    profile = ProfileFactory()

    assert privacy.visible_groups(profile, AnonymousUser()) == frozenset()
    assert privacy.visible_groups(profile, UserFactory()) == {group.value for group in FieldGroup}
