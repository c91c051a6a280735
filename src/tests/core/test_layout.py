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


def test_overview_link_is_marked_current_on_the_overview(client):
    client.force_login(UserFactory())

    content = client.get(reverse("pages:overview")).content.decode()

    assert 'aria-current="page"' in content
    assert 'aria-current="page"' not in client.get(reverse("pages:home")).content.decode()
