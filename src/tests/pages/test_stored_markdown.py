"""Site texts are rendered when they are written and shown from the stored HTML."""

import pytest
from django.urls import reverse

from stadtgespraeche.pages import services
from stadtgespraeche.pages.models import SiteText
from tests.factories.accounts import OrganiserFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_update_site_text_stores_and_updates_the_rendered_html():
    organiser = OrganiserFactory()
    services.update_site_text("privacy", title="Datenschutz", body="Erst **so**", by=organiser)
    services.update_site_text("privacy", title="Datenschutz", body="Dann *so*", by=organiser)

    assert SiteText.objects.get(key="privacy").body_html == "<p>Dann <em>so</em></p>"


def test_site_text_page_shows_the_stored_html_without_rendering(client, forbid_markdown_rendering):
    services.update_site_text(
        "privacy", title="Datenschutz", body="Wir speichern **wenig**.", by=OrganiserFactory()
    )
    forbid_markdown_rendering()

    content = client.get(reverse("pages:privacy")).content.decode()

    assert "<p>Wir speichern <strong>wenig</strong>.</p>" in content


def test_missing_site_text_row_is_rendered_from_the_default(client):
    SiteText.objects.filter(key="privacy").delete()

    content = client.get(reverse("pages:privacy")).content.decode()

    assert "<strong>Vorlage – bitte anpassen.</strong>" in content


def test_site_text_editor_is_forbidden_for_councillors(client, forbid_markdown_rendering):
    services.update_site_text(
        "privacy", title="Datenschutz", body="Entwurf **intern**", by=OrganiserFactory()
    )
    client.force_login(UserFactory())
    forbid_markdown_rendering()

    response = client.get(reverse("dashboard:sitetext-update", kwargs={"key": "privacy"}))

    assert response.status_code in (403, 404)
    assert "Entwurf" not in response.content.decode()
