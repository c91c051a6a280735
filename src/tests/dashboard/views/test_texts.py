import pytest
from django.urls import reverse

from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.pages.enums import SiteTextKey
from stadtgespraeche.pages.models import SiteText
from tests.factories.accounts import CoordinatorFactory, OrganiserFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def organiser(client):
    user = OrganiserFactory()
    client.force_login(user)
    return user


def test_sitetext_list_shows_both_texts(client, organiser, django_assert_num_queries):
    # session, user, site texts with their editors
    with django_assert_num_queries(4):
        response = client.get(reverse("dashboard:sitetext-list"))

    content = response.content.decode()
    assert "Impressum" in content
    assert "Datenschutzerklärung" in content
    assert content.count("Vorlage, noch nicht angepasst") == 2


@pytest.mark.parametrize("factory", [UserFactory, CoordinatorFactory])
@pytest.mark.parametrize(
    ("url_name", "kwargs"),
    [("dashboard:sitetext-list", None), ("dashboard:sitetext-update", {"key": "privacy"})],
)
def test_sitetext_views_deny_non_organisers(client, factory, url_name, kwargs):
    SiteText.objects.filter(key=SiteTextKey.PRIVACY).update(title="Unveröffentlichter Entwurf")
    client.force_login(factory())

    response = client.get(reverse(url_name, kwargs=kwargs))

    assert response.status_code == 403
    assert "Unveröffentlichter Entwurf" not in response.content.decode()


def test_sitetext_update_denies_post_of_non_organisers(client):
    client.force_login(UserFactory())

    response = client.post(
        reverse("dashboard:sitetext-update", kwargs={"key": "privacy"}),
        {"title": "Gekapert", "body": "x"},
    )

    assert response.status_code == 403
    assert SiteText.objects.get(key=SiteTextKey.PRIVACY).title == "Datenschutzerklärung"


def test_sitetext_update_saves_and_audits(client, organiser):
    response = client.post(
        reverse("dashboard:sitetext-update", kwargs={"key": "legal_notice"}),
        {"title": "Impressum", "body": "Stadt Musterstadt, Rathausplatz 1"},
        follow=True,
    )

    text = SiteText.objects.get(key=SiteTextKey.LEGAL_NOTICE)
    assert text.body == "Stadt Musterstadt, Rathausplatz 1"
    assert text.updated_by == organiser
    assert "Der Text „Impressum“ wurde gespeichert." in response.content.decode()
    assert AuditLog.objects.get(action="pages.sitetext.updated").actor == organiser


def test_sitetext_update_with_empty_body_shows_error(client, organiser):
    response = client.post(
        reverse("dashboard:sitetext-update", kwargs={"key": "privacy"}),
        {"title": "Datenschutz", "body": ""},
    )

    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    assert not AuditLog.objects.exists()


def test_sitetext_update_unknown_key_is_404(client, organiser):
    response = client.get(reverse("dashboard:sitetext-update", kwargs={"key": "unbekannt"}))

    assert response.status_code == 404
