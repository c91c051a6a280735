"""Privacy matrix for the pages of the profiles feature: for each field group × visibility ×
viewer, the value appears or is absent on the profile page and on the municipality page."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stadtgespraeche.people import privacy, services
from stadtgespraeche.people.enums import AffiliationRole, FieldGroup, Visibility
from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.people import (
    AffiliationFactory,
    FactionFactory,
    MandateFactory,
    ProfileFactory,
)
from tests.factories.topics import TopicFactory

from .test_profile_photos import image_bytes

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

VIEWERS = [
    "anonymous",
    "other_councillor",
    "coordinator_same",
    "coordinator_other",
    "organiser",
]
SEES = {
    Visibility.PUBLIC: set(VIEWERS),
    Visibility.NETWORK: set(VIEWERS) - {"anonymous"},
    Visibility.ORGANISERS: {"organiser"},
}
# The text that shows a group on a page (photo: the address of the photo view).
MARKERS = {
    FieldGroup.IDENTITY: "Zora Quellwasser",
    FieldGroup.MANDATES: "Fraktion Fluss",
    FieldGroup.INTERESTS: "Expertise-Text",
    FieldGroup.ABOUT: "Biografie-Text",
}


def _person(group: FieldGroup, visibility: Visibility):
    """A councillor whose `group` has `visibility`; identity is public unless it is tested."""
    municipality = MunicipalityFactory(name="Flussstadt", slug="flussstadt")
    user = UserFactory(first_name="Zora", last_name="Quellwasser", email="zora@example.org")
    AffiliationFactory(user=user, municipality=municipality)
    groups = {g.value: Visibility.PUBLIC for g in FieldGroup}
    groups[group.value] = visibility
    profile = ProfileFactory(
        user=user,
        municipality=municipality,
        bio="Biografie-Text",
        expertise="Expertise-Text",
        phone="0631 999",
        **{f"{name}_visibility": value for name, value in groups.items()},
    )
    profile.interests.add(TopicFactory())
    MandateFactory(
        profile=profile, faction=FactionFactory(municipality=municipality, name="Fraktion Fluss")
    )
    if group == FieldGroup.PHOTO:
        services.set_profile_photo(
            profile=profile, by=user, upload=SimpleUploadedFile("a.jpg", image_bytes(size=(20, 20)))
        )
    return profile


def _log_in(client, kind: str, municipality) -> object:
    if kind == "anonymous":
        return AnonymousUser()
    if kind == "other_councillor":
        viewer = UserFactory()
        AffiliationFactory(user=viewer)
    elif kind == "coordinator_same":
        viewer = CoordinatorFactory()
        AffiliationFactory(user=viewer, municipality=municipality, role=AffiliationRole.COORDINATOR)
    elif kind == "coordinator_other":
        viewer = CoordinatorFactory()
        AffiliationFactory(user=viewer, role=AffiliationRole.COORDINATOR)
    else:
        viewer = OrganiserFactory()
    client.force_login(viewer)
    return viewer


@pytest.mark.parametrize("viewer_kind", VIEWERS)
@pytest.mark.parametrize("visibility", list(Visibility))
@pytest.mark.parametrize("group", list(FieldGroup))
def test_profile_page_shows_group_only_to_permitted_viewers(client, group, visibility, viewer_kind):
    profile = _person(group, visibility)
    _log_in(client, viewer_kind, profile.municipality)
    expected = viewer_kind in SEES[visibility]

    response = client.get(profile.get_absolute_url())

    content = response.content.decode()
    if group == FieldGroup.IDENTITY:
        assert response.status_code == (200 if expected else 404)
        assert ("Zora Quellwasser" in content) is expected
    elif group == FieldGroup.PHOTO:
        photo_url = reverse("people:profile-photo", kwargs={"pk": profile.pk})
        assert (photo_url in content) is expected
        photo = client.get(photo_url)
        assert photo.status_code == (200 if expected else 404)
        if expected:  # consume the stream: that closes it without closing the DB connection
            assert b"".join(photo.streaming_content)[:2] == b"\xff\xd8"
    else:
        assert response.status_code == 200
        assert (MARKERS[group] in content) is expected
    # Contact details never appear for others on the profile page.
    assert "zora@example.org" not in content
    assert "0631 999" not in content


@pytest.mark.parametrize("viewer_kind", VIEWERS)
@pytest.mark.parametrize("visibility", list(Visibility))
@pytest.mark.parametrize("group", list(FieldGroup))
def test_municipality_page_shows_group_only_to_permitted_viewers(
    client, group, visibility, viewer_kind
):
    profile = _person(group, visibility)
    _log_in(client, viewer_kind, profile.municipality)
    expected = viewer_kind in SEES[visibility]

    response = client.get(profile.municipality.get_absolute_url())

    content = response.content.decode()
    assert response.status_code == 200
    if group in {FieldGroup.IDENTITY, FieldGroup.MANDATES}:
        assert (MARKERS[group] in content) is expected
    # The municipality page lists names and mandates only; nothing else of a profile.
    for other in (FieldGroup.INTERESTS, FieldGroup.ABOUT):
        assert MARKERS[other] not in content
    assert reverse("people:profile-photo", kwargs={"pk": profile.pk}) not in content
    assert "zora@example.org" not in content
    assert "0631 999" not in content


@pytest.mark.parametrize("level", list(Visibility))
@pytest.mark.parametrize("visibility", list(Visibility))
@pytest.mark.parametrize("group", list(FieldGroup))
def test_can_see_at_level_matches_can_see_for_such_a_viewer(group, visibility, level):
    profile = ProfileFactory(**{f"{group.value}_visibility": visibility})
    viewer = {
        Visibility.PUBLIC: AnonymousUser(),
        Visibility.NETWORK: UserFactory(),
        Visibility.ORGANISERS: OrganiserFactory(),
    }[level]

    assert privacy.can_see_at_level(profile, group, level) is privacy.can_see(
        profile, group, viewer
    )
    assert (group.value in privacy.visible_groups_at_level(profile, level)) is privacy.can_see(
        profile, group, viewer
    )


def test_can_see_at_level_ignores_ownership():
    profile = ProfileFactory(about_visibility=Visibility.ORGANISERS)

    assert privacy.can_see(profile, FieldGroup.ABOUT, profile.user)
    assert not privacy.can_see_at_level(profile, FieldGroup.ABOUT, Visibility.NETWORK)
    assert privacy.is_owner(profile, profile.user)
    assert not privacy.is_owner(profile, AnonymousUser())
