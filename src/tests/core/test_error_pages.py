"""The site's error pages: German (and English), in the site layout with navigation."""

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import RequestFactory
from django.urls import path, reverse

from stadtgespraeche.core import errors
from stadtgespraeche.urls import urlpatterns as site_urlpatterns
from tests.factories.accounts import OrganiserFactory, UserFactory


def _forbidden(request):
    raise PermissionDenied


def _suspicious(request):
    raise SuspiciousOperation("bad")


def _broken(request):
    raise RuntimeError("boom")


# The site's URLs plus three views that fail on purpose (handlers come from the site urls).
urlpatterns = [
    path("test-403/", _forbidden),
    path("test-400/", _suspicious),
    path("test-500/", _broken),
    *site_urlpatterns,
]
handler400 = "stadtgespraeche.core.errors.bad_request"
handler403 = "stadtgespraeche.core.errors.permission_denied"
handler404 = "stadtgespraeche.core.errors.page_not_found"
handler500 = "stadtgespraeche.core.errors.server_error"


@pytest.fixture
def error_urls(settings):
    settings.ROOT_URLCONF = __name__
    settings.DEBUG = False


def _assert_site_layout(content: str) -> None:
    assert 'class="site-header"' in content
    assert 'aria-label="Hauptnavigation"' in content or "site-nav" in content
    assert 'class="site-footer"' in content
    assert "Technical details" not in content


@pytest.mark.django_db
def test_404_is_german_in_the_site_layout_and_asks_visitors_to_log_in(client):
    response = client.get("/gibt-es-nicht/")

    assert response.status_code == 404
    content = response.content.decode()
    _assert_site_layout(content)
    assert "Seite nicht gefunden" in content
    assert "nur für Mitglieder" in content
    assert f"{reverse('accounts:login')}?next=/gibt-es-nicht/" in content


@pytest.mark.django_db
def test_404_in_english(client):
    client.cookies["django_language"] = "en"
    response = client.get("/gibt-es-nicht/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.django_db
def test_404_for_a_logged_in_person_has_their_navigation_and_no_login_prompt(client):
    client.force_login(UserFactory())

    response = client.get("/gibt-es-nicht/")

    content = response.content.decode()
    assert response.status_code == 404
    assert "Abmelden" in content
    assert "nur für Mitglieder" not in content


@pytest.mark.django_db
def test_403_is_german_in_the_site_layout(client, error_urls):
    client.force_login(UserFactory())

    response = client.get("/test-403/")

    assert response.status_code == 403
    content = response.content.decode()
    _assert_site_layout(content)
    assert "Zugriff verweigert" in content


@pytest.mark.django_db
def test_400_is_german_in_the_site_layout(client, error_urls):
    response = client.get("/test-400/")

    assert response.status_code == 400
    content = response.content.decode()
    _assert_site_layout(content)
    assert "Fehlerhafte Anfrage" in content


@pytest.mark.django_db
def test_500_is_german_in_the_site_layout(client, error_urls):
    client.raise_request_exception = False

    response = client.get("/test-500/")

    assert response.status_code == 500
    content = response.content.decode()
    _assert_site_layout(content)
    assert "Serverfehler" in content


def test_500_renders_without_the_database():
    # No django_db mark: any database access would fail this test.
    request = RequestFactory().get("/kaputt/")

    response = errors.server_error(request)

    assert response.status_code == 500
    content = response.content.decode()
    _assert_site_layout(content)
    assert "Serverfehler" in content


def test_400_renders_without_the_database():
    response = errors.bad_request(RequestFactory().get("/"), SuspiciousOperation("x"))

    assert response.status_code == 400
    assert "Fehlerhafte Anfrage" in response.content.decode()


def test_500_falls_back_to_fixed_text_when_the_template_fails(monkeypatch):
    def broken(name):
        raise RuntimeError("template broken")

    monkeypatch.setattr(errors.loader, "get_template", broken)

    response = errors.server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Serverfehler (500)" in response.content.decode()


@pytest.mark.django_db
def test_404_renders_without_request_when_the_request_context_fails(monkeypatch, client):
    from stadtgespraeche.notifications import queries as notification_queries

    def failing(user):
        raise RuntimeError("database down")

    # The header badge counts unread notifications while the page renders.
    monkeypatch.setattr(notification_queries, "unread_count", failing)
    client.force_login(UserFactory())

    response = client.get("/gibt-es-nicht/")

    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


@pytest.mark.django_db
def test_own_navigation_of_an_organiser_has_no_links_to_forbidden_pages(client):
    organiser = OrganiserFactory()
    client.force_login(organiser)

    content = client.get(reverse("dashboard:home")).content.decode()

    assert reverse("contacts:suggestions") not in content
    assert reverse("contacts:contacts") not in content
    assert client.get(reverse("contacts:suggestions")).status_code == 403


@pytest.mark.django_db
def test_own_navigation_of_a_councillor_keeps_peers_and_contacts(client):
    client.force_login(UserFactory())

    content = client.get(reverse("accounts:home")).content.decode()

    assert reverse("contacts:suggestions") in content
    assert reverse("contacts:contacts") in content
    assert client.get(reverse("contacts:suggestions")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["councillor", "coordinator", "speaker", "organiser"])
def test_no_link_of_the_own_navigation_leads_to_403(client, role):
    import re

    from stadtgespraeche.accounts.enums import Role

    user = OrganiserFactory() if role == "organiser" else UserFactory(role=Role(role))
    client.force_login(user)
    page = client.get(reverse("accounts:home")).content.decode()
    header = page[page.index('class="site-header"') : page.index("</header>")]
    links = sorted(set(re.findall(r'href="(/[^"]*)"', header)))

    assert reverse("accounts:home") in links
    statuses = {link: client.get(link).status_code for link in links}
    assert [link for link, status in statuses.items() if status == 403] == []
