"""Coordinators edit the public profile of their municipality; the public page shows it."""

import pytest

from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory
from tests.factories.documentation import pdf_bytes, png_bytes, upload
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.people import AffiliationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def municipality():
    return MunicipalityFactory(name="Bamberg", slug="bamberg", contact="geheim-alt@example.org")


@pytest.fixture
def coordinator(municipality):
    person = CoordinatorFactory()
    AffiliationFactory(user=person, municipality=municipality, role="coordinator")
    return person


URL = "/verzeichnis/kommunen/bamberg/profil/"


def test_coordinator_edits_the_profile_and_the_public_page_shows_it(client, coordinator):
    client.force_login(coordinator)

    response = client.post(
        URL,
        {
            "profile_text": "Bamberg arbeitet an offenen Daten.",
            "contact": "smartcity@bamberg.example",
            "logo": upload("logo.png", png_bytes()),
            "logo_licence": "© Stadt Bamberg",
        },
        follow=True,
    )

    assert "Das öffentliche Profil wurde gespeichert." in response.content.decode()
    client.logout()
    public = client.get("/kommunen/bamberg/").content.decode()
    assert "Bamberg arbeitet an offenen Daten." in public
    assert "smartcity@bamberg.example" in public
    assert "© Stadt Bamberg" in public
    logo = client.get("/verzeichnis/kommunen/bamberg/logo.png")
    assert logo.status_code == 200
    assert logo["Content-Type"] == "image/png"
    assert b"".join(logo.streaming_content).startswith(b"\x89PNG")


def test_bad_logo_keeps_the_text_and_explains(client, coordinator, municipality):
    client.force_login(coordinator)

    response = client.post(
        URL,
        {"profile_text": "Mein Text", "logo": upload("logo.png", pdf_bytes()), "logo_licence": "x"},
    )

    assert response.status_code == 400
    content = response.content.decode()
    assert "Mein Text" in content
    municipality.refresh_from_db()
    assert municipality.profile_text == ""


@pytest.mark.parametrize("who", ["councillor", "organiser", "other coordinator"])
def test_profile_edit_is_denied_to_others(client, municipality, who):
    if who == "councillor":
        user = UserFactory()
        AffiliationFactory(user=user, municipality=municipality, role="councillor")
    elif who == "organiser":
        user = OrganiserFactory()
    else:
        user = CoordinatorFactory()
        AffiliationFactory(user=user, role="coordinator")
    client.force_login(user)

    response = client.get(URL)

    assert response.status_code == 403
    assert "geheim-alt@example.org" not in response.content.decode()
    assert client.post(URL, {"contact": "gekapert"}).status_code == 403
    municipality.refresh_from_db()
    assert municipality.contact == "geheim-alt@example.org"


def test_logo_of_a_municipality_without_logo_is_404(client, municipality):
    assert client.get("/verzeichnis/kommunen/bamberg/logo.png").status_code == 404


def test_my_municipalities_links_the_profile_for_coordinators(client, coordinator):
    client.force_login(coordinator)

    assert URL in client.get("/verzeichnis/meine-kommunen/").content.decode()
