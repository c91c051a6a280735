import datetime
import re

import pytest
from django.urls import reverse
from django.utils.translation import override

from stadtgespraeche.municipalities.enums import MunicipalityKind
from stadtgespraeche.municipalities.models import SmartCityProject
from stadtgespraeche.network.enums import MembershipStatus
from stadtgespraeche.network.models import Membership, Series
from stadtgespraeche.people.enums import AffiliationRole
from tests.factories.accounts import CoordinatorFactory, UserFactory
from tests.factories.municipalities import DistrictFactory, MunicipalityFactory
from tests.factories.people import AffiliationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


def _compact(html: str) -> str:
    """The markup with whitespace collapsed and removed around tags (template formatting)."""
    return re.sub(r"\s*(<|>)\s*", r"\1", " ".join(html.split()))


LIST_URL = reverse("pages:municipality-list")


@pytest.fixture
def series():
    return Series.objects.create(name="Smarte Stadtgespräche", slug="smarte-stadtgespraeche")


def _member(series, municipality, status=MembershipStatus.MEMBER):
    return Membership.objects.create(
        series=series, municipality=municipality, status=status, since=datetime.date(2023, 9, 19)
    )


def test_municipality_list_shows_network_on_map_and_table(client, series):
    kaiserslautern = MunicipalityFactory(name="Kaiserslautern", slug="kaiserslautern")
    bamberg = MunicipalityFactory(name="Bamberg", latitude=49.89, longitude=10.9)
    MunicipalityFactory(name="Außerhalb")
    _member(series, kaiserslautern)
    _member(series, bamberg, MembershipStatus.APPLIED)

    response = client.get(LIST_URL)

    html = _compact(response.content.decode())
    assert response.status_code == 200
    assert html.count('<circle class="germany-map__point') == 2
    assert 'href="/kommunen/kaiserslautern/">Kaiserslautern</a>' in html
    with override("de"):
        applied = str(MembershipStatus.APPLIED.label)
    assert f"Bamberg: {applied}" in html  # status in the point's title
    assert "Außerhalb" not in html
    assert 'role="search"' in html


def test_municipality_list_without_network_shows_empty_state(client):
    MunicipalityFactory(name="Kaiserslautern")

    response = client.get(LIST_URL)

    html = _compact(response.content.decode())
    assert "Bisher ist keine Kommune dem Netzwerk beigetreten." in html
    assert "<svg" not in html


def test_municipality_list_search_finds_any_municipality(client, series):
    MunicipalityFactory(name="Kaiserslautern", slug="kaiserslautern")
    county = MunicipalityFactory(
        name="Landkreis Kaiserslautern",
        slug="landkreis-kaiserslautern",
        kind=MunicipalityKind.COUNTY,
        district=DistrictFactory(name="Kaiserslautern"),
    )
    MunicipalityFactory(name="Bamberg")

    response = client.get(LIST_URL, {"q": "kaisers"})

    html = _compact(response.content.decode())
    assert response.context["results"][0].name == "Kaiserslautern"
    assert [m.name for m in response.context["results"]] == [
        "Kaiserslautern",
        "Landkreis Kaiserslautern",
    ]
    assert f'href="{county.get_absolute_url()}">Landkreis Kaiserslautern</a>' in html
    assert "Bamberg" not in html
    assert 'value="kaisers"' in html


def test_municipality_list_search_without_match_says_so(client):
    response = client.get(LIST_URL, {"q": "Atlantis"})

    assert "Keine Kommune passt zu „Atlantis“." in _compact(response.content.decode())


@pytest.mark.parametrize(
    ("query", "message"),
    [("K", "Bitte geben Sie mindestens zwei Zeichen ein."), ("K" * 101, "höchstens 100")],
)
def test_municipality_list_search_bad_input_gives_message(client, query, message):
    MunicipalityFactory(name="Kaiserslautern")

    response = client.get(LIST_URL, {"q": query})

    assert response.status_code == 200
    assert message in _compact(response.content.decode())
    assert response.context["results"] == []


def test_municipality_list_rejects_post(client):
    assert client.post(LIST_URL).status_code == 405


@pytest.mark.parametrize("count", [1, 3])
def test_municipality_list_query_count(client, django_assert_num_queries, series, count):
    for _ in range(count):
        _member(series, MunicipalityFactory())

    # session-less anonymous request: network (1) + memberships with series (1) + search (1)
    with django_assert_num_queries(3):
        response = client.get(LIST_URL, {"q": "Muster"})

    assert len(response.context["network"]) == count
    assert len(response.context["results"]) == count


def _detail(client, municipality):
    return client.get(reverse("pages:municipality-detail", kwargs={"slug": municipality.slug}))


def test_municipality_detail_shows_facts_and_project(client):
    district = DistrictFactory(ags="07335", name="Kaiserslautern", district_type="Landkreis")
    municipality = MunicipalityFactory(
        name="Bann",
        name_official="Bann",
        slug="bann",
        kind=MunicipalityKind.MUNICIPALITY,
        district=district,
        population=2578,
        key="07335002",
    )
    project = SmartCityProject.objects.create(
        mpsc_id="MPSC-2021-24",
        name="Landkreis Kusel",
        project_title="Smarte Region",
        cohort_year=2021,
        cohort="Staffel 3",
        category="Interkommunale Kooperation und Landkreis",
        project_type="county",
    )
    partner = MunicipalityFactory(name="Kusel", slug="kusel")
    project.members.add(municipality, partner)

    response = _detail(client, municipality)

    html = _compact(response.content.decode())
    assert response.status_code == 200
    assert '<h1 class="kern-heading-large">Bann</h1>' in html
    assert "Gemeinde" in html
    assert "Rheinland-Pfalz" in html
    assert "Landkreis Kaiserslautern" in html
    assert "2.578" in html
    assert "07335002" in html
    assert "Staffel 3 (2021)" in html
    assert "Interkommunale Kooperation und Landkreis" in html
    assert "Smarte Region" in html
    assert '<li><a class="kern-link" href="/kommunen/kusel/">Kusel</a></li>' in html
    assert 'href="/kommunen/bann/"' not in html  # the page's own municipality is no partner
    assert "Diese Kommune ist noch nicht Teil des Netzwerks." in html


def test_municipality_detail_formats_large_population_in_german(client):
    municipality = MunicipalityFactory(name="Kaiserslautern", population=101228)

    html = _compact(_detail(client, municipality).content.decode())

    assert "101.228" in html


def test_municipality_detail_shows_network_status_and_public_coordinator(client, series):
    municipality = MunicipalityFactory(name="Kaiserslautern")
    _member(series, municipality)
    coordinator = CoordinatorFactory(first_name="Clara", last_name="Koordina")
    AffiliationFactory(
        user=coordinator,
        municipality=municipality,
        role=AffiliationRole.COORDINATOR,
        show_publicly=True,
    )
    for _ in range(2):
        AffiliationFactory(municipality=municipality, role=AffiliationRole.COUNCILLOR)

    response = _detail(client, municipality)

    html = _compact(response.content.decode())
    with override("de"):
        status = str(MembershipStatus.MEMBER.label)
    assert f"Smarte Stadtgespräche: {status} (seit 19. September 2023)" in html
    assert "Clara Koordina" in html
    assert coordinator.email not in html
    assert response.context["profile"].councillor_count == 2


def test_municipality_detail_hides_non_public_and_inactive_people(client, series):
    municipality = MunicipalityFactory(name="Kaiserslautern")
    other = MunicipalityFactory(name="Bamberg")
    _member(series, municipality)
    hidden = CoordinatorFactory(first_name="Hanna", last_name="Verborgen")
    AffiliationFactory(user=hidden, municipality=municipality, role=AffiliationRole.COORDINATOR)
    invited = CoordinatorFactory(first_name="Ines", last_name="Eingeladen", is_active=False)
    AffiliationFactory(
        user=invited,
        municipality=municipality,
        role=AffiliationRole.COORDINATOR,
        show_publicly=True,
    )
    elsewhere = CoordinatorFactory(first_name="Erik", last_name="Anderswo")
    AffiliationFactory(
        user=elsewhere, municipality=other, role=AffiliationRole.COORDINATOR, show_publicly=True
    )
    councillor = UserFactory(first_name="Rita", last_name="Ratsfrau")
    AffiliationFactory(user=councillor, municipality=municipality)
    AffiliationFactory(user=UserFactory(is_active=False), municipality=municipality)

    response = _detail(client, municipality)

    html = _compact(response.content.decode())
    for name in ["Verborgen", "Eingeladen", "Anderswo", "Ratsfrau"]:
        assert name not in html
    assert "nicht veröffentlicht" in html
    assert response.context["profile"].public_coordinators == []
    assert response.context["profile"].councillor_count == 1


def test_municipality_detail_unknown_slug_is_404(client):
    response = client.get(reverse("pages:municipality-detail", kwargs={"slug": "atlantis"}))

    assert response.status_code == 404


def test_municipality_detail_query_count_is_bounded(client, django_assert_num_queries, series):
    municipality = MunicipalityFactory()
    _member(series, municipality)
    for number in range(2):
        project = SmartCityProject.objects.create(
            mpsc_id=f"MPSC-2020-0{number}",
            name=f"Projekt {number}",
            cohort_year=2020,
            cohort="Staffel 2",
            category="Großstadt",
            project_type="city",
        )
        project.members.add(municipality, MunicipalityFactory())

    # municipality, memberships, projects, project members, coordinators, councillor count,
    # network people (no mandates to prefetch without people)
    with django_assert_num_queries(8):  # incl. the council papers (oparl)
        _detail(client, municipality)


def test_municipality_detail_of_county_shows_its_designation(client):
    county = MunicipalityFactory(
        name="Landkreis Kaiserslautern",
        name_official="Kaiserslautern",
        kind=MunicipalityKind.COUNTY,
        designation="Landkreis",
        key="07335",
    )

    html = _compact(_detail(client, county).content.decode())

    assert '<dd class="kern-description-list-item__value">Landkreis</dd>' in html
    assert "kern-body--muted" not in html  # official name is part of the name


def test_municipality_detail_of_region_hides_synthetic_key(client):
    region = MunicipalityFactory(
        name="Verband Region Rhein-Neckar",
        kind=MunicipalityKind.REGION,
        key="mpsc-2021-28",
        state=None,
        population=None,
    )

    html = _compact(_detail(client, region).content.decode())

    assert "Region" in html
    assert "mpsc-2021-28" not in html
    assert "Amtlicher Schlüssel" not in html
    assert "Einwohnerzahl" not in html
