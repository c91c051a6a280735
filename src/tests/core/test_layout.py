"""The site layout: favicon and the header's menus per role."""

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_every_page_links_an_existing_favicon(client):
    content = client.get(reverse("pages:home")).content.decode()

    assert '<link rel="icon" href="/static/core/favicon.svg" type="image/svg+xml">' in content
    assert finders.find("core/favicon.svg")


def test_anonymous_header_has_network_and_knowledge_menus_and_login(client):
    content = client.get(reverse("pages:home")).content.decode()

    assert '<summary class="nav-menu__summary">Netzwerk</summary>' in content
    assert '<summary class="nav-menu__summary">Wissen</summary>' in content
    assert "Mein Bereich" not in content
    assert reverse("accounts:login") in content
    assert reverse("pages:overview") not in content


def test_councillor_header_has_my_area_but_no_organisation_menu(client):
    client.force_login(UserFactory())

    content = client.get(reverse("pages:home")).content.decode()

    assert "Mein Bereich" in content
    assert f'href="{reverse("pages:overview")}"' in content
    assert '<summary class="nav-menu__summary">Organisation</summary>' not in content
    assert reverse("dashboard:home") not in content
    assert 'aria-controls="site-menu"' in content
    assert 'aria-expanded="false"' in content


def test_coordinator_organisation_menu_invites_without_the_dashboard(client):
    client.force_login(CoordinatorFactory())

    content = client.get(reverse("pages:home")).content.decode()

    assert '<summary class="nav-menu__summary">Organisation</summary>' in content
    assert reverse("people:invite-start") in content
    assert reverse("dashboard:home") not in content


def test_organiser_organisation_menu_leads_to_the_dashboard(client):
    client.force_login(OrganiserFactory())

    content = client.get(reverse("pages:home")).content.decode()

    assert '<summary class="nav-menu__summary">Organisation</summary>' in content
    assert reverse("dashboard:home") in content
    assert reverse("dashboard:application-list") in content


def test_my_area_links_the_speaker_page_without_a_403(client):
    """Issue 12 journey: a speaker's page ("Meine Impulse") was reachable only from the
    notification; it is in "Mein Bereich", and opens for anyone logged in."""
    client.force_login(UserFactory())

    content = client.get(reverse("pages:home")).content.decode()
    response = client.get(reverse("documentation:speaker-items"))

    assert f'href="{reverse("documentation:speaker-items")}">Meine Impulse</a>' in content
    assert response.status_code == 200


def test_coordinator_with_a_municipality_finds_their_councillors_in_the_menu(client):
    """Issue 12 journey: "Meine Ratsmitglieder" (registration status, register) was linked
    from nowhere; coordinators of a municipality have it in the Organisation menu."""
    from stadtgespraeche.people.enums import AffiliationRole
    from tests.factories.people import AffiliationFactory

    coordinator = CoordinatorFactory()
    AffiliationFactory(user=coordinator, role=AffiliationRole.COORDINATOR)
    client.force_login(coordinator)

    content = client.get(reverse("pages:home")).content.decode()
    response = client.get(reverse("registrations:coordinator-councillors"))

    assert reverse("registrations:coordinator-councillors") in content
    assert response.status_code == 200


@pytest.mark.parametrize("role", ["coordinator without municipality", "organiser", "councillor"])
def test_councillor_list_link_only_where_it_opens(client, role):
    person = {
        "coordinator without municipality": CoordinatorFactory,
        "organiser": OrganiserFactory,
        "councillor": UserFactory,
    }[role]()
    client.force_login(person)

    content = client.get(reverse("pages:home")).content.decode()

    assert reverse("registrations:coordinator-councillors") not in content


def test_overview_link_is_marked_current_on_the_overview(client):
    client.force_login(UserFactory())

    content = client.get(reverse("pages:overview")).content.decode()

    assert 'aria-current="page"' in content
    assert 'aria-current="page"' not in client.get(reverse("pages:home")).content.decode()
