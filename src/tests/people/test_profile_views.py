import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stadtgespraeche.people import services
from stadtgespraeche.people.enums import FieldGroup, Visibility
from stadtgespraeche.people.models import Faction, Mandate, Profile
from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory
from tests.factories.municipalities import MunicipalityFactory, PartyFactory
from tests.factories.people import (
    AffiliationFactory,
    FactionFactory,
    MandateFactory,
    ProfileFactory,
)
from tests.factories.topics import TopicFactory

from .test_profile_photos import image_bytes

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

EDIT_URL = reverse("people:profile-edit")
PHOTO_EDIT_URL = reverse("people:profile-photo-edit")
MANDATE_ADD_URL = reverse("people:mandate-add")


@pytest.fixture
def councillor(client):
    user = UserFactory(first_name="Erika", last_name="Beispiel")
    AffiliationFactory(user=user, municipality=MunicipalityFactory(name="Kaiserstadt"))
    client.force_login(user)
    return user


def _profile_post(user, **overrides):
    data = {
        "first_name": "Erika",
        "last_name": "Beispiel",
        "pronouns": "sie/ihr",
        "municipality": user.affiliations.first().municipality.pk,
        "expertise": "Bürgerhaushalt",
        "bio": "Kurz",
        "languages": "Deutsch",
        "phone": "+49 631 123",
    }
    for group in FieldGroup:
        data[f"{group.value}_visibility"] = "network"
    data.update(overrides)
    return data


# --- Edit -----------------------------------------------------------------------------------


def test_profile_edit_shows_sections_defaults_and_explanations(client, councillor):
    TopicFactory(title="Offene Daten")
    TopicFactory(title="Abgelegt", is_active=False)

    response = client.get(EDIT_URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Mein Profil" in content
    assert "Wer sieht was" in content
    assert "Offene Daten" in content
    assert "Abgelegt" not in content
    assert response.context["form"]["identity_visibility"].value() == "network"
    assert response.context["form"]["municipality"].value() == (
        councillor.affiliations.first().municipality.pk
    )
    assert "Mandate" in content
    assert not Profile.objects.exists()  # GET writes nothing
    # One wording for empty choices everywhere.
    assert ">Bitte auswählen</option>" in content
    assert "(keine)" not in content


def test_profile_edit_without_mandates_for_coordinators(client):
    coordinator = CoordinatorFactory()
    AffiliationFactory(user=coordinator, role="coordinator")
    client.force_login(coordinator)

    response = client.get(EDIT_URL)

    assert response.status_code == 200
    assert response.context["may_hold_mandates"] is False
    assert reverse("people:mandate-add") not in response.content.decode()


def test_profile_edit_saves_profile_and_visibility(client, councillor):
    topic = TopicFactory()

    response = client.post(
        EDIT_URL,
        _profile_post(councillor, interests=[topic.pk], about_visibility="organisers"),
        follow=True,
    )

    assert "Ihr Profil wurde gespeichert." in response.content.decode()
    profile = Profile.objects.get(user=councillor)
    assert profile.pronouns == "sie/ihr"
    assert list(profile.interests.all()) == [topic]
    assert profile.about_visibility == Visibility.ORGANISERS
    assert profile.identity_visibility == Visibility.NETWORK


def test_profile_edit_anonymous_goes_to_login(client):
    response = client.get(EDIT_URL)

    assert response.status_code == 302
    assert "login" in response.url or "anmelden" in response.url


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"first_name": ""}, "first_name"),
        ({"phone": "call me maybe"}, "phone"),
        ({"identity_visibility": "everyone"}, "identity_visibility"),
        ({"interests": ["999999"]}, "interests"),
        ({"bio": "x" * 1501}, "bio"),
    ],
)
def test_profile_edit_bad_input_gives_a_message(client, councillor, overrides, field):
    response = client.post(EDIT_URL, _profile_post(councillor, **overrides))

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert 'role="alert"' in response.content.decode()
    assert not Profile.objects.exists()


def test_profile_edit_foreign_municipality_is_refused(client, councillor):
    other = MunicipalityFactory()

    response = client.post(EDIT_URL, _profile_post(councillor, municipality=other.pk))

    assert response.status_code == 200
    assert response.context["form"].errors["municipality"]
    assert not Profile.objects.exists()


def test_profile_edit_service_error_is_shown(client, councillor, monkeypatch):
    def refuse(**kwargs):
        raise services.ProfileError("Nein.")

    monkeypatch.setattr(services, "create_or_update_profile", refuse)

    response = client.post(EDIT_URL, _profile_post(councillor))

    assert response.status_code == 200
    assert "Nein." in response.content.decode()


# --- Mandates -------------------------------------------------------------------------------


def _mandate_post(**overrides):
    data = {
        "body": "city_council",
        "faction": "",
        "faction_name": "",
        "party": "",
        "role": "member",
        "committees": "",
        "term_start": "",
        "term_end": "",
    }
    data.update(overrides)
    return data


def test_mandate_add_with_new_faction(client, councillor):
    party = PartyFactory()

    response = client.post(
        MANDATE_ADD_URL,
        _mandate_post(faction_name="Fraktion Zukunft", party=party.pk, term_start="2024-07-01"),
        follow=True,
    )

    assert "Das Mandat wurde hinzugefügt." in response.content.decode()
    mandate = Mandate.objects.get()
    assert mandate.faction.name == "Fraktion Zukunft"
    assert mandate.profile.user == councillor
    assert "Fraktion Zukunft" in response.content.decode()


def test_mandate_add_offers_only_factions_of_own_municipality(client, councillor):
    own = FactionFactory(municipality=councillor.affiliations.first().municipality, name="Eigene")
    FactionFactory(name="Fremde")

    response = client.get(MANDATE_ADD_URL)

    content = response.content.decode()
    assert "Eigene" in content
    assert "Fremde" not in content
    response = client.post(MANDATE_ADD_URL, _mandate_post(faction=own.pk))
    assert Mandate.objects.get().faction == own


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"term_start": "2024-07-01", "term_end": "2024-06-30"}, "term_end"),
        ({"term_start": "gestern"}, "term_start"),
        ({"body": "parliament"}, "body"),
        ({"faction": "99999"}, "faction"),
        ({"faction_name": "x" * 201}, "faction_name"),
    ],
)
def test_mandate_add_bad_input_gives_a_message(client, councillor, data, field):
    response = client.post(MANDATE_ADD_URL, _mandate_post(**data))

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Mandate.objects.exists()


def test_mandate_add_faction_and_new_name_together_is_refused(client, councillor):
    faction = FactionFactory(municipality=councillor.affiliations.first().municipality)

    response = client.post(MANDATE_ADD_URL, _mandate_post(faction=faction.pk, faction_name="Neu"))

    assert "nicht beides" in response.content.decode()
    assert not Mandate.objects.exists()
    assert Faction.objects.count() == 1


def test_mandate_add_for_coordinator_is_404(client):
    coordinator = CoordinatorFactory()
    AffiliationFactory(user=coordinator, role="coordinator")
    client.force_login(coordinator)

    assert client.get(MANDATE_ADD_URL).status_code == 404
    assert client.post(MANDATE_ADD_URL, _mandate_post()).status_code == 404
    assert not Mandate.objects.exists()


def test_mandate_add_without_municipality_redirects_with_message(client):
    user = UserFactory()
    client.force_login(user)

    response = client.get(MANDATE_ADD_URL, follow=True)

    assert "Bitte wählen Sie zuerst Ihre Kommune." in response.content.decode()


def test_mandate_edit_changes_own_mandate(client, councillor):
    profile = ProfileFactory(
        user=councillor, municipality=councillor.affiliations.first().municipality
    )
    mandate = MandateFactory(profile=profile)
    url = reverse("people:mandate-edit", kwargs={"pk": mandate.pk})

    assert client.get(url).status_code == 200
    response = client.post(url, _mandate_post(role="faction_chair", committees="Digitales"))

    assert response.status_code == 302
    mandate.refresh_from_db()
    assert mandate.role == "faction_chair"
    assert mandate.faction is None


def test_mandate_edit_end_before_start_is_refused(client, councillor):
    profile = ProfileFactory(user=councillor)
    mandate = MandateFactory(profile=profile, term_start=datetime.date(2024, 1, 1))
    url = reverse("people:mandate-edit", kwargs={"pk": mandate.pk})

    response = client.post(url, _mandate_post(term_start="2024-07-01", term_end="2020-01-01"))

    assert response.status_code == 200
    mandate.refresh_from_db()
    assert mandate.term_start == datetime.date(2024, 1, 1)


def test_mandate_edit_and_remove_of_others_are_404(client, councillor):
    mandate = MandateFactory(committees="Geheimausschuss")

    for name in ("people:mandate-edit", "people:mandate-remove"):
        url = reverse(name, kwargs={"pk": mandate.pk})
        response = client.get(url)
        assert response.status_code == 404
        assert "Geheimausschuss" not in response.content.decode()
        assert client.post(url, _mandate_post()).status_code == 404
    assert Mandate.objects.filter(pk=mandate.pk).exists()


def test_mandate_remove_asks_then_removes(client, councillor):
    mandate = MandateFactory(profile=ProfileFactory(user=councillor))
    url = reverse("people:mandate-remove", kwargs={"pk": mandate.pk})

    assert "Mandat entfernen" in client.get(url).content.decode()
    response = client.post(url, follow=True)

    assert "Das Mandat wurde entfernt." in response.content.decode()
    assert not Mandate.objects.exists()


# --- Photo ----------------------------------------------------------------------------------


def _photo(content=None, name="me.jpg"):
    return SimpleUploadedFile(name, content or image_bytes(), content_type="image/jpeg")


def test_photo_upload_and_delete(client, councillor):
    response = client.post(PHOTO_EDIT_URL, {"action": "upload", "photo": _photo()}, follow=True)

    assert "Ihr Foto wurde gespeichert." in response.content.decode()
    profile = Profile.objects.get(user=councillor)
    assert profile.photo
    photo_url = reverse("people:profile-photo", kwargs={"pk": profile.pk})
    assert photo_url in response.content.decode()
    assert "/media/" not in response.content.decode()

    response = client.post(PHOTO_EDIT_URL, {"action": "delete"}, follow=True)

    assert "Ihr Foto wurde gelöscht." in response.content.decode()
    profile.refresh_from_db()
    assert not profile.photo


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"kein Bild", "keine lesbare Bilddatei"),
        (None, None),
    ],
)
def test_photo_upload_bad_files_give_a_message(client, councillor, content, message):
    if content is None:  # no file chosen
        response = client.post(PHOTO_EDIT_URL, {"action": "upload"})
        assert response.context["form"].errors["photo"]
        return
    response = client.post(PHOTO_EDIT_URL, {"action": "upload", "photo": _photo(content)})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Profile.objects.filter(user=councillor).exclude(photo="").exists()


def test_photo_upload_too_large_gives_a_message(client, councillor, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None
    big = SimpleUploadedFile("big.jpg", b"\xff" * (5 * 1024 * 1024 + 10), content_type="image/jpeg")

    response = client.post(PHOTO_EDIT_URL, {"action": "upload", "photo": big})

    assert response.status_code == 200
    assert "größer als 5 MB" in response.content.decode()


def test_photo_view_serves_jpeg_to_who_may_see_it(client, councillor):
    client.post(PHOTO_EDIT_URL, {"action": "upload", "photo": _photo()})
    profile = Profile.objects.get(user=councillor)
    url = reverse("people:profile-photo", kwargs={"pk": profile.pk})

    own = client.get(url)
    assert own.status_code == 200
    assert own["Content-Type"] == "image/jpeg"
    # Consuming the stream closes the response inside the test client (an explicit close()
    # would fire request_finished and close the database connection of the test transaction).
    assert b"".join(own.streaming_content)[:2] == b"\xff\xd8"

    client.force_login(UserFactory())
    member = client.get(url)
    assert member.status_code == 200
    assert b"".join(member.streaming_content)[:2] == b"\xff\xd8"
    client.logout()
    assert client.get(url).status_code == 404  # network only by default


def test_photo_view_without_photo_is_404(client):
    assert (
        client.get(reverse("people:profile-photo", kwargs={"pk": ProfileFactory().pk})).status_code
        == 404
    )


# --- Profile page and preview --------------------------------------------------------------


def _full_profile(**visibility):
    user = UserFactory(first_name="Zora", last_name="Quellwasser", email="zora@example.org")
    profile = ProfileFactory(
        user=user,
        pronouns="sie/ihr",
        bio="Biografie-Text",
        expertise="Expertise-Text",
        languages="Deutsch",
        phone="0631 999",
        **{f"{group}_visibility": value for group, value in visibility.items()},
    )
    profile.interests.add(TopicFactory(title="Thema-Interesse"))
    MandateFactory(
        profile=profile,
        faction=FactionFactory(municipality=profile.municipality, name="Fraktion Fluss"),
    )
    return profile


def test_profile_detail_owner_sees_everything_and_contact(client):
    profile = _full_profile()
    client.force_login(profile.user)

    content = client.get(profile.get_absolute_url()).content.decode()

    for text in (
        "Zora Quellwasser",
        "Fraktion Fluss",
        "Thema-Interesse",
        "Expertise-Text",
        "Biografie-Text",
    ):
        assert text in content
    assert "zora@example.org" in content
    assert "0631 999" in content
    assert "Vorschau als" in content


def test_profile_detail_member_sees_network_groups_but_no_contact(client):
    profile = _full_profile()
    client.force_login(UserFactory())

    content = client.get(profile.get_absolute_url()).content.decode()

    assert "Zora Quellwasser" in content
    assert "Biografie-Text" in content
    assert "zora@example.org" not in content
    assert "0631 999" not in content
    assert "Vorschau als" not in content


def test_profile_detail_anonymous_without_public_identity_is_404(client):
    profile = _full_profile()

    response = client.get(profile.get_absolute_url())

    assert response.status_code == 404
    assert "Zora" not in response.content.decode()


def test_profile_detail_of_inactive_person_is_404(client):
    profile = _full_profile(identity="public")
    profile.user.is_active = False
    profile.user.save()

    assert client.get(profile.get_absolute_url()).status_code == 404


def test_profile_detail_organiser_sees_organiser_groups(client):
    profile = _full_profile(about="organisers", identity="organisers")
    client.force_login(OrganiserFactory())

    content = client.get(profile.get_absolute_url()).content.decode()

    assert "Biografie-Text" in content
    client.force_login(UserFactory())
    assert client.get(profile.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("level", "seen", "hidden"),
    [
        ("public", {"Fraktion Fluss"}, {"Biografie-Text", "Expertise-Text", "zora@example.org"}),
        ("network", {"Fraktion Fluss", "Expertise-Text"}, {"Biografie-Text", "zora@example.org"}),
        (
            "organisers",
            {"Fraktion Fluss", "Expertise-Text", "Biografie-Text"},
            {"zora@example.org", "0631 999"},
        ),
    ],
)
def test_profile_detail_preview_shows_what_the_audience_sees(client, level, seen, hidden):
    profile = _full_profile(
        identity="public", mandates="public", interests="network", about="organisers"
    )
    client.force_login(profile.user)

    response = client.get(profile.get_absolute_url(), {"vorschau": level})

    content = response.content.decode()
    assert response.context["preview"] == level
    assert "Zora Quellwasser" in content
    for text in seen:
        assert text in content
    for text in hidden:
        assert text not in content


def test_profile_detail_preview_without_visible_identity_explains_it(client):
    profile = _full_profile()
    client.force_login(profile.user)

    content = client.get(profile.get_absolute_url(), {"vorschau": "public"}).content.decode()

    assert "existiert Ihre Profilseite für sie nicht" in content
    assert "Biografie-Text" not in content
    assert "Fraktion Fluss" not in content


def test_profile_detail_preview_parameter_is_ignored_for_others(client):
    profile = _full_profile(about="organisers")
    client.force_login(UserFactory())

    content = client.get(profile.get_absolute_url(), {"vorschau": "organisers"}).content.decode()

    assert "Biografie-Text" not in content


def test_profile_detail_unknown_is_404(client):
    assert client.get(reverse("people:profile-detail", kwargs={"pk": 424242})).status_code == 404


def test_profile_detail_query_count(client, django_assert_num_queries):
    profile = _full_profile(
        identity="public", mandates="public", interests="public", about="public"
    )

    # profile with user and municipality, mandates, interests (anonymous, no session)
    with django_assert_num_queries(3):
        response = client.get(profile.get_absolute_url())

    assert "Fraktion Fluss" in response.content.decode()


def test_mandate_form_uses_the_same_empty_choice_wording(client, councillor):
    content = client.get(MANDATE_ADD_URL).content.decode()

    assert content.count(">Bitte auswählen</option>") >= 2  # faction, party
    assert "(auswählen oder unten eingeben)" not in content
    assert "(keine)" not in content
