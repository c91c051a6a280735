import datetime
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.people import services
from stadtgespraeche.people.enums import AffiliationRole, Body, MandateRole, Visibility
from stadtgespraeche.people.models import Faction, Mandate, Profile
from stadtgespraeche.people.photos import PhotoRejected
from tests.factories.accounts import CoordinatorFactory, UserFactory
from tests.factories.municipalities import MunicipalityFactory, PartyFactory
from tests.factories.people import (
    AffiliationFactory,
    FactionFactory,
    MandateFactory,
    ProfileFactory,
)
from tests.factories.topics import TopicFactory

from .test_profile_photos import image_bytes

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _english():
    """Messages are matched in English (the msgids)."""
    with translation.override("en"):
        yield


def _actions():
    return list(AuditLog.objects.order_by("pk").values_list("action", flat=True))


@pytest.fixture
def councillor():
    user = UserFactory()
    AffiliationFactory(user=user)
    return user


def _update(user, **overrides):
    arguments = {
        "user": user,
        "by": user,
        "first_name": " Erika ",
        "last_name": "Muster",
        "municipality": user.affiliations.first().municipality,
    }
    arguments.update(overrides)
    return services.create_or_update_profile(**arguments)


def test_default_municipality_is_the_first_affiliation(councillor):
    first = councillor.affiliations.first().municipality
    AffiliationFactory(user=councillor)

    assert services.default_municipality(councillor) == first


def test_default_municipality_without_affiliation_is_none():
    assert services.default_municipality(UserFactory()) is None


def test_get_or_create_profile_creates_once_with_default_municipality(councillor):
    profile = services.get_or_create_profile(user=councillor)
    again = services.get_or_create_profile(user=councillor)

    assert profile == again
    assert profile.municipality == councillor.affiliations.first().municipality
    assert _actions() == ["directory.profile.created"]


def test_create_or_update_profile_creates_profile_and_sets_name(councillor):
    topic = TopicFactory()

    profile = _update(councillor, pronouns="sie/ihr", interests=[topic], phone=" 0631 1 ")

    councillor.refresh_from_db()
    assert councillor.first_name == "Erika"
    assert profile.pronouns == "sie/ihr"
    assert profile.phone == "0631 1"
    assert list(profile.interests.all()) == [topic]
    assert profile.identity_visibility == Visibility.NETWORK
    assert _actions() == ["directory.profile.created"]


def test_create_or_update_profile_updates_existing(councillor):
    _update(councillor, bio="alt")

    profile = _update(councillor, bio="neu")

    assert Profile.objects.get(user=councillor).bio == "neu" == profile.bio
    assert _actions() == ["directory.profile.created", "directory.profile.updated"]


def test_create_or_update_profile_allows_no_municipality(councillor):
    assert _update(councillor, municipality=None).municipality is None


def test_create_or_update_profile_refuses_foreign_municipality(councillor):
    with pytest.raises(services.ProfileError, match="act for"):
        _update(councillor, municipality=MunicipalityFactory())
    assert not Profile.objects.exists()


def test_create_or_update_profile_refuses_inactive_topic(councillor):
    with pytest.raises(services.ProfileError, match="active topics"):
        _update(councillor, interests=[TopicFactory(is_active=False)])


def test_set_visibility_changes_groups_and_logs_once():
    profile = ProfileFactory()

    services.set_visibility(
        profile=profile, by=profile.user, identity=Visibility.PUBLIC, about="organisers"
    )

    profile.refresh_from_db()
    assert profile.identity_visibility == Visibility.PUBLIC
    assert profile.about_visibility == Visibility.ORGANISERS
    log = AuditLog.objects.get()
    assert log.action == "directory.profile.visibility_changed"


def test_set_visibility_without_change_logs_nothing():
    profile = ProfileFactory()

    services.set_visibility(profile=profile, by=profile.user, identity=Visibility.NETWORK)

    assert not AuditLog.objects.exists()


@pytest.mark.parametrize(("group", "value"), [("email", "public"), ("identity", "everyone")])
def test_set_visibility_refuses_unknown_group_or_value(group, value):
    profile = ProfileFactory()

    with pytest.raises(services.ProfileError):
        services.set_visibility(profile=profile, by=profile.user, **{group: value})


def test_add_mandate_with_existing_faction():
    profile = ProfileFactory()
    faction = FactionFactory(municipality=profile.municipality)

    mandate = services.add_mandate(
        profile=profile,
        by=profile.user,
        body=Body.CITY_COUNCIL,
        faction=faction,
        party=faction.party,
        role=MandateRole.FACTION_CHAIR,
        committees=" Digitales ",
        term_start=datetime.date(2024, 7, 1),
        term_end=datetime.date(2024, 7, 1),
    )

    assert mandate.municipality == profile.municipality
    assert mandate.faction == faction
    assert mandate.committees == "Digitales"
    assert _actions() == ["directory.mandate.added"]


def test_add_mandate_with_new_faction_name_creates_the_faction():
    profile = ProfileFactory()
    party = PartyFactory()

    mandate = services.add_mandate(
        profile=profile,
        by=profile.user,
        body="city_council",
        faction_name=" Neue Liste ",
        party=party,
    )

    faction = Faction.objects.get(name="Neue Liste")
    assert mandate.faction == faction
    assert faction.municipality == profile.municipality
    assert faction.party == party


def test_add_mandate_with_known_faction_name_reuses_it():
    profile = ProfileFactory()
    faction = FactionFactory(municipality=profile.municipality, name="Grüne Liste")

    mandate = services.add_mandate(
        profile=profile, by=profile.user, body="city_council", faction_name="grüne liste"
    )

    assert mandate.faction == faction
    assert Faction.objects.count() == 1


def test_add_mandate_without_faction():
    profile = ProfileFactory()

    assert (
        services.add_mandate(profile=profile, by=profile.user, body="city_council").faction is None
    )


def test_add_mandate_refuses_end_before_start():
    profile = ProfileFactory()

    with pytest.raises(services.ProfileError, match="end before"):
        services.add_mandate(
            profile=profile,
            by=profile.user,
            body="city_council",
            term_start=datetime.date(2024, 7, 1),
            term_end=datetime.date(2024, 6, 30),
        )
    assert not Mandate.objects.exists()


def test_add_mandate_refuses_faction_and_name_together():
    profile = ProfileFactory()
    faction = FactionFactory(municipality=profile.municipality)

    with pytest.raises(services.ProfileError, match="not both"):
        services.add_mandate(
            profile=profile, by=profile.user, body="city_council", faction=faction, faction_name="X"
        )


def test_add_mandate_refuses_faction_of_another_municipality():
    profile = ProfileFactory()

    with pytest.raises(services.ProfileError, match="another municipality"):
        services.add_mandate(
            profile=profile, by=profile.user, body="city_council", faction=FactionFactory()
        )


def test_add_mandate_refuses_non_councillors():
    profile = ProfileFactory(user=CoordinatorFactory())

    with pytest.raises(services.ProfileError, match="Only councillors"):
        services.add_mandate(profile=profile, by=profile.user, body="city_council")


def test_add_mandate_needs_a_municipality():
    profile = ProfileFactory(municipality=None)

    with pytest.raises(services.ProfileError, match="municipality first"):
        services.add_mandate(profile=profile, by=profile.user, body="city_council")


def test_update_mandate_changes_fields_and_logs():
    mandate = MandateFactory()

    services.update_mandate(
        mandate=mandate,
        by=mandate.profile.user,
        body=Body.COUNTY_ASSEMBLY,
        faction_name="Ganz Neu",
        role=MandateRole.MAYOR_DEPUTY,
    )

    mandate.refresh_from_db()
    assert mandate.body == Body.COUNTY_ASSEMBLY
    assert mandate.faction.name == "Ganz Neu"
    assert mandate.party is None
    assert _actions() == ["directory.mandate.updated"]


def test_update_mandate_refuses_end_before_start():
    mandate = MandateFactory()

    with pytest.raises(services.ProfileError):
        services.update_mandate(
            mandate=mandate,
            by=mandate.profile.user,
            body="city_council",
            term_start=datetime.date(2025, 1, 1),
            term_end=datetime.date(2024, 1, 1),
        )


def test_remove_mandate_deletes_and_logs():
    mandate = MandateFactory()

    services.remove_mandate(mandate=mandate, by=mandate.profile.user)

    assert not Mandate.objects.exists()
    assert _actions() == ["directory.mandate.removed"]


def test_may_hold_mandates_only_for_councillors():
    assert services.may_hold_mandates(UserFactory())
    assert not services.may_hold_mandates(CoordinatorFactory())
    assert not services.may_hold_mandates(UserFactory(role="speaker"))


def test_profile_municipalities_are_the_affiliations():
    user = UserFactory()
    one = AffiliationFactory(user=user).municipality
    two = AffiliationFactory(user=user, role=AffiliationRole.SPEAKER).municipality
    MunicipalityFactory()

    assert set(services.profile_municipalities(user)) == {one, two}


def test_set_profile_photo_stores_jpeg_and_replaces_old():
    profile = ProfileFactory()
    upload = SimpleUploadedFile("a.png", image_bytes(fmt="PNG", size=(100, 100)))

    services.set_profile_photo(profile=profile, by=profile.user, upload=upload)
    first_path = profile.photo.path
    services.set_profile_photo(
        profile=profile, by=profile.user, upload=SimpleUploadedFile("b.jpg", image_bytes())
    )

    profile.refresh_from_db()
    assert profile.photo.name.endswith(".jpg")
    assert profile.photo.name != f"profiles/{profile.user_id}/photo.jpg"  # not guessable
    with profile.photo.open("rb") as handle:
        assert handle.read(2) == b"\xff\xd8"
    assert _actions() == ["directory.profile.photo_set"] * 2
    assert os.path.exists(profile.photo.path)
    assert first_path != profile.photo.path
    assert not os.path.exists(first_path)


def test_set_profile_photo_rejected_keeps_the_old_photo():
    profile = ProfileFactory()
    services.set_profile_photo(
        profile=profile, by=profile.user, upload=SimpleUploadedFile("b.jpg", image_bytes())
    )

    with pytest.raises(PhotoRejected):
        services.set_profile_photo(
            profile=profile, by=profile.user, upload=SimpleUploadedFile("x.jpg", b"broken")
        )

    profile.refresh_from_db()
    assert profile.photo


def test_remove_profile_photo_deletes_file():
    profile = ProfileFactory()
    services.set_profile_photo(
        profile=profile, by=profile.user, upload=SimpleUploadedFile("b.jpg", image_bytes())
    )
    path = profile.photo.path

    services.remove_profile_photo(profile=profile, by=profile.user)

    profile.refresh_from_db()
    assert not profile.photo
    assert not os.path.exists(path)
    assert _actions()[-1] == "directory.profile.photo_removed"


def test_remove_profile_photo_without_photo_is_a_no_op():
    profile = ProfileFactory()

    services.remove_profile_photo(profile=profile, by=profile.user)

    assert not AuditLog.objects.exists()
