"""Privacy matrix of the people directory: for every field group × visibility × viewer, a
search that can only match through that group's value finds the person iff the viewer may
see the group, and the rendered result shows the value iff the viewer may see it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stadtgespraeche.people import queries
from stadtgespraeche.people.enums import AffiliationRole, FieldGroup, Visibility
from tests.factories.accounts import CoordinatorFactory, OrganiserFactory
from tests.factories.municipalities import MunicipalityFactory, PartyFactory
from tests.factories.people import (
    AffiliationFactory,
    FactionFactory,
    MandateFactory,
    ProfileFactory,
)
from tests.factories.topics import TopicFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = reverse("people:people")
VIEWERS = [
    "anonymous",
    "other_councillor",
    "coordinator_same_municipality",
    "coordinator_other_municipality",
    "organiser",
]
# visibility → viewers who may see the group (people.privacy)
SEES = {
    Visibility.PUBLIC: set(VIEWERS),
    Visibility.NETWORK: set(VIEWERS) - {"anonymous"},
    Visibility.ORGANISERS: {"organiser"},
}
GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def _viewer(kind, municipality):
    if kind == "anonymous":
        return AnonymousUser()
    if kind == "other_councillor":
        return ProfileFactory(municipality=MunicipalityFactory()).user
    if kind == "organiser":
        return OrganiserFactory()
    coordinator = CoordinatorFactory()
    place = municipality if kind == "coordinator_same_municipality" else MunicipalityFactory()
    AffiliationFactory(user=coordinator, municipality=place, role=AffiliationRole.COORDINATOR)
    return coordinator


def _person(group, visibility):
    """A person whose `group` has `visibility`; every other group is public, so that the
    person is always listed and only `group` decides what matches and shows."""
    visibilities = {f"{g.value}_visibility": Visibility.PUBLIC for g in FieldGroup}
    visibilities[f"{group.value}_visibility"] = visibility
    town = MunicipalityFactory(name="Zettelstadt", slug="zettelstadt")
    profile = ProfileFactory(
        user__first_name="Quirina",
        user__last_name="Quast",
        municipality=town,
        pronouns="sie/ihr",
        bio="Mein Steckenpferd ist Blaukraut-Logistik.",
        expertise="Erfahrung mit Wurzelsepp-Sensoren.",
        **visibilities,
    )
    topic = TopicFactory(title="Knöterich-Netze", slug="knoeterich")
    profile.interests.add(topic)
    party = PartyFactory(short_name="PXQ", name="Partei X", color="#123456")
    MandateFactory(
        profile=profile,
        faction=FactionFactory(municipality=town, name="Fraktion Ypsilon", party=party),
    )
    return profile


def _login(client, viewer):
    if viewer.is_authenticated:
        client.force_login(viewer)


# group → (search parameters that only match via the group, markers shown only via the group)
SEARCHES = {
    FieldGroup.IDENTITY: ({"q": "Quirina"}, ["Quirina Quast", "sie/ihr", "Zettelstadt"]),
    FieldGroup.MANDATES: ({"party": "PXQ"}, ["PXQ", "Fraktion Ypsilon"]),
    FieldGroup.INTERESTS: ({"topic": "knoeterich"}, ["Knöterich-Netze", "Wurzelsepp"]),
    FieldGroup.ABOUT: ({"q": "Blaukraut"}, ["Blaukraut-Logistik"]),
}
EXTRA_SEARCHES = [
    (FieldGroup.IDENTITY, {"municipality": "zettelstadt"}),
    (FieldGroup.IDENTITY, {"q": "zettelst"}),
    (FieldGroup.MANDATES, {"faction": "Ypsilon"}),
    (FieldGroup.MANDATES, {"body": "city_council", "party": "PXQ"}),
    (FieldGroup.INTERESTS, {"q": "Wurzelsepp"}),
    (FieldGroup.INTERESTS, {"q": "Knöterich"}),
]


@pytest.mark.parametrize("viewer_kind", VIEWERS)
@pytest.mark.parametrize("visibility", list(Visibility))
@pytest.mark.parametrize("group", list(SEARCHES))
def test_search_matches_and_shows_group_only_if_visible(client, group, visibility, viewer_kind):
    profile = _person(group, visibility)
    viewer = _viewer(viewer_kind, profile.municipality)
    _login(client, viewer)
    params, markers = SEARCHES[group]
    visible = viewer_kind in SEES[visibility]

    found = queries.search_people(viewer, **_filters(params))
    searched = _results(client.get(URL, params))
    listed = _results(client.get(URL))

    assert (profile in found) is visible
    for marker in markers:
        assert (marker in searched) is visible, marker
        assert (marker in listed) is visible, marker


@pytest.mark.parametrize("viewer_kind", VIEWERS)
@pytest.mark.parametrize("visibility", list(Visibility))
@pytest.mark.parametrize(("group", "params"), EXTRA_SEARCHES)
def test_other_filters_match_only_visible_groups(group, params, visibility, viewer_kind):
    profile = _person(group, visibility)
    viewer = _viewer(viewer_kind, profile.municipality)

    found = list(queries.search_people(viewer, **_filters(params)))

    assert (profile in found) is (viewer_kind in SEES[visibility])


@pytest.mark.parametrize("viewer_kind", VIEWERS)
@pytest.mark.parametrize("visibility", list(Visibility))
def test_photo_shown_only_if_visible(client, settings, tmp_path, visibility, viewer_kind):
    settings.MEDIA_ROOT = tmp_path
    profile = _person(FieldGroup.PHOTO, visibility)
    profile.photo = SimpleUploadedFile("p.gif", GIF, content_type="image/gif")
    profile.save()
    viewer = _viewer(viewer_kind, profile.municipality)
    _login(client, viewer)

    content = _results(client.get(URL))

    assert "Quirina Quast" in content
    assert (profile.photo.url in content) is (viewer_kind in SEES[visibility])


@pytest.mark.parametrize("visibility", list(Visibility))
@pytest.mark.parametrize("group", list(SEARCHES))
def test_own_profile_found_and_shown_whatever_the_visibility(client, group, visibility):
    profile = _person(group, visibility)
    client.force_login(profile.user)
    params, markers = SEARCHES[group]

    content = _results(client.get(URL, params))

    for marker in markers:
        assert marker in content


def test_map_counts_only_people_the_viewer_may_find(client):
    hidden = _person(FieldGroup.IDENTITY, Visibility.NETWORK)

    content = client.get(URL).content.decode()

    assert hidden.municipality.name not in content
    assert 'id="people-map"' not in content


def _filters(params):
    from stadtgespraeche.people.forms.search import PeopleSearchForm

    form = PeopleSearchForm(params)
    assert form.is_valid(), form.errors
    return form.filters()


def _results(response):
    """The results part of the page (the filter form lists all parties and topics)."""
    content = response.content.decode()
    assert response.status_code == 200
    return content.split('id="people-results"', 1)[1]
