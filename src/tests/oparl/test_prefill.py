"""Pre-filling the network: coordinators see the council's persons and invite them with
the mandate filled in; nothing reaches a profile before the person accepts."""

import datetime as dt

import pytest
from django.urls import reverse

from stadtgespraeche.accounts.enums import Role
from stadtgespraeche.accounts.models import Invitation, User
from stadtgespraeche.oparl.council_people import council_people, is_faction, mandate_role
from stadtgespraeche.oparl.models import (
    OparlMembership,
    OparlOrganization,
    OparlPerson,
)
from stadtgespraeche.people.enums import AffiliationRole, MandateRole, Visibility
from stadtgespraeche.people.models import Affiliation, Mandate, PendingMandate, Profile
from stadtgespraeche.people.services import get_or_create_profile
from tests.factories import oparl as council_data
from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.people import AffiliationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    return MunicipalityFactory(name="Musterstadt", slug="musterstadt")


@pytest.fixture
def council(town):
    endpoint = council_data.council(town)
    base = endpoint.system_url.rsplit("/", 1)[0]
    faction = OparlOrganization.objects.create(
        endpoint=endpoint,
        oparl_id=f"{base}/org/f",
        name="CDU-Fraktion",
        organization_type="Fraktion",
    )
    committee = OparlOrganization.objects.create(
        endpoint=endpoint,
        oparl_id=f"{base}/org/c",
        name="Bauausschuss",
        organization_type="Gremium",
        classification="Gremien",
    )
    return endpoint, base, faction, committee


def _person(council, n, name, *memberships):
    endpoint, base, *_organizations = council
    person = OparlPerson.objects.create(
        endpoint=endpoint,
        oparl_id=f"{base}/person/{n}",
        web=f"https://ris.example/person/{n}",
        name=name,
        given_name=name.split()[-2],
        family_name=name.split()[-1],
    )
    for i, (organization, role, start, end) in enumerate(memberships):
        OparlMembership.objects.create(
            endpoint=endpoint,
            oparl_id=f"{base}/membership/{n}-{i}",
            person=person,
            organization=organization,
            role=role,
            start_date=start,
            end_date=end,
        )
    return person


def _coordinator(town):
    user = CoordinatorFactory()
    AffiliationFactory(user=user, municipality=town, role=AffiliationRole.COORDINATOR)
    return user


def test_faction_and_role_rules():
    assert is_faction(OparlOrganization(organization_type="Fraktion"))
    assert is_faction(OparlOrganization(classification="Fraktionen", organization_type="Gremium"))
    assert not is_faction(OparlOrganization(classification="Gremien", organization_type="Fraktion"))
    assert mandate_role("Fraktionsvorsitzende") == MandateRole.FACTION_CHAIR
    assert mandate_role("stellv. Vorsitzender") == MandateRole.DEPUTY_FACTION_CHAIR
    assert mandate_role("Mitglied") == MandateRole.MEMBER


def test_council_people_current_memberships_only(council, town):
    _, _, faction, committee = council
    _person(
        council,
        1,
        "Frau Anna Beispiel",
        (faction, "Fraktionsvorsitzende", dt.date(2020, 11, 1), None),
        (committee, "Mitglied", dt.date(2020, 11, 1), None),
        (committee, "Vorsitz", dt.date(2014, 6, 1), dt.date(2020, 10, 31)),
    )
    _person(council, 2, "Herr Otto Früher", (faction, "Mitglied", None, dt.date(2019, 1, 1)))

    rows = council_people(town.pk)

    assert [row.name for row in rows] == ["Frau Anna Beispiel"]
    row = rows[0]
    assert (row.faction, row.role, row.since) == (
        "CDU-Fraktion",
        MandateRole.FACTION_CHAIR,
        dt.date(2020, 11, 1),
    )
    assert row.committees == ["Bauausschuss"]
    assert council_people(MunicipalityFactory().pk) == []


@pytest.mark.parametrize("persons", [1, 3])
def test_people_page_query_count(client, council, town, persons, django_assert_num_queries):
    _, _, faction, committee = council
    for n in range(persons):
        _person(
            council,
            n,
            f"Frau Person Nummer{n}",
            (faction, "Mitglied", None, None),
            (committee, "Mitglied", None, None),
        )
    client.force_login(_coordinator(town))
    url = reverse("oparl:people", kwargs={"slug": town.slug})
    client.get(url)  # warm the session and content types

    with django_assert_num_queries(7):
        response = client.get(url)

    assert len(response.context["people"]) == persons
    assert "Nummer0" in response.content.decode()


def test_coordinator_invites_with_the_mandate_prefilled(client, council, town):
    _, _, faction, committee = council
    person = _person(
        council,
        1,
        "Frau Anna Beispiel",
        (faction, "Mitglied", dt.date(2020, 11, 1), None),
        (committee, "Mitglied", None, None),
    )
    coordinator = _coordinator(town)
    client.force_login(coordinator)
    listing = client.get(reverse("oparl:people", kwargs={"slug": town.slug})).content.decode()
    url = reverse("oparl:person-invite", kwargs={"pk": person.pk})
    assert url in listing

    form = client.get(url).context["form"]
    assert form.initial == {
        "first_name": "Anna",
        "last_name": "Beispiel",
        "faction_name": "CDU-Fraktion",
        "role": MandateRole.MEMBER,
        "committees": "Bauausschuss",
        "term_start": dt.date(2020, 11, 1),
    }
    response = client.post(
        url,
        {
            "email": "anna@example.org",
            "first_name": "Anna",
            "last_name": "Beispiel",
            "faction_name": "CDU-Fraktion",
            "role": MandateRole.MEMBER,
            "committees": "Bauausschuss",
            "term_start": "2020-11-01",
        },
    )

    assert response.status_code == 302
    invited = User.objects.get(email="anna@example.org")
    assert invited.is_active is False
    assert Invitation.objects.filter(user=invited, invited_by=coordinator).exists()
    assert Affiliation.objects.filter(
        user=invited, municipality=town, role=AffiliationRole.COUNCILLOR
    ).exists()
    assert not Profile.objects.filter(user=invited).exists()  # nothing before acceptance
    assert not Mandate.objects.filter(profile__user=invited).exists()
    pending = PendingMandate.objects.get(user=invited)
    assert pending.source_url == "https://ris.example/person/1"

    # The person accepts and gets their profile: the mandate is theirs, marked verified.
    invited.is_active = True
    invited.save()
    profile = get_or_create_profile(user=invited)

    mandate = Mandate.objects.get(profile=profile)
    assert mandate.faction.name == "CDU-Fraktion"
    assert mandate.committees == "Bauausschuss"
    assert mandate.term_start == dt.date(2020, 11, 1)
    assert mandate.verified_at is not None
    assert not PendingMandate.objects.exists()
    profile.mandates_visibility = Visibility.PUBLIC
    profile.save()
    page = client.get(profile.get_absolute_url()).content.decode()
    assert "laut Ratsinformationssystem" in page


def test_invitation_to_an_active_account_is_refused(client, council, town):
    person = _person(council, 1, "Frau Anna Beispiel")
    UserFactory(email="anna@example.org")
    client.force_login(_coordinator(town))
    response = client.post(
        reverse("oparl:person-invite", kwargs={"pk": person.pk}),
        {"email": "anna@example.org", "role": MandateRole.MEMBER},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not PendingMandate.objects.exists()


def test_coordinator_of_another_municipality_and_councillors_are_refused(client, council, town):
    person = _person(council, 1, "Frau Anna Beispiel")
    for user in (_coordinator(MunicipalityFactory()), UserFactory(role=Role.COUNCILLOR)):
        client.force_login(user)
        response = client.get(reverse("oparl:people", kwargs={"slug": town.slug}))
        assert response.status_code == 403
        assert "Anna Beispiel" not in response.content.decode()
        response = client.post(
            reverse("oparl:person-invite", kwargs={"pk": person.pk}),
            {"email": "anna@example.org", "role": MandateRole.MEMBER},
        )
        assert response.status_code == 403
    assert not User.objects.filter(email="anna@example.org").exists()


def test_coverage_links_the_people_page_for_own_municipality(client, council, town):
    other = council_data.council(MunicipalityFactory(slug="anderswo"))
    assert other.municipality is not None
    client.force_login(_coordinator(town))
    content = client.get(reverse("oparl:coverage")).content.decode()
    assert reverse("oparl:people", kwargs={"slug": town.slug}) in content
    assert reverse("oparl:people", kwargs={"slug": "anderswo"}) not in content
    client.force_login(OrganiserFactory())
    content = client.get(reverse("oparl:coverage")).content.decode()
    assert reverse("oparl:people", kwargs={"slug": "anderswo"}) in content
