import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from stadtgespraeche.events.enums import Confidentiality, EventStatus
from stadtgespraeche.municipalities.data_sources import DATA_SOURCES
from stadtgespraeche.network.enums import MembershipStatus
from stadtgespraeche.pages.enums import SiteTextKey
from stadtgespraeche.pages.models import SiteText
from tests.factories.events import EventFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.network import DefaultSeriesFactory, MembershipFactory, SeriesFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PAGES_IN_GERMAN = [
    ("pages:home", "Derzeit sind keine Stadtgespräche geplant."),
    ("pages:about", "überparteilicher, interkommunaler Austausch von Ratsmitgliedern"),
    ("pages:legal-notice", "Angaben gemäß § 5 Digitale-Dienste-Gesetz"),
    ("pages:privacy", "Die Website setzt nur technisch notwendige Cookies"),
    ("pages:accessibility", "Erklärung zur Barrierefreiheit</h1>"),
    ("pages:easy-language", "Hier treffen sich Menschen aus Stadt-Räten."),
    ("pages:data-sources", "© Statistisches Bundesamt (Destatis), 2023, dl-de/by-2-0"),
]
PAGES_IN_ENGLISH = [
    ("pages:home", "No Stadtgespräche are currently planned."),
    ("pages:about", "cross-party, inter-municipal exchange among city councillors"),
    ("pages:accessibility", "Accessibility statement</h1>"),
    ("pages:easy-language", "This page is written in Easy German."),
    ("pages:data-sources", "Data licence Germany – attribution – version 2.0"),
]


@pytest.mark.parametrize(("url_name", "expected"), PAGES_IN_GERMAN)
def test_page_renders_in_german(client, url_name, expected):
    response = client.get(reverse(url_name))

    assert response.status_code == 200
    content = response.content.decode()
    assert expected in content
    assert '<html lang="de">' in content
    assert content.count("<h1") == 1


@pytest.mark.parametrize(("url_name", "expected"), PAGES_IN_ENGLISH)
def test_page_renders_in_english(client, url_name, expected):
    client.cookies["django_language"] = "en"
    response = client.get(reverse(url_name))

    content = response.content.decode()
    assert expected in content
    assert '<html lang="en">' in content


def test_language_switch_sets_english_for_following_requests(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("pages:about")}
    )

    assert response.status_code == 302
    assert "About the format</h1>" in client.get(reverse("pages:about")).content.decode()


def test_easy_language_page_is_marked_as_german_in_english_ui(client):
    client.cookies["django_language"] = "en"
    response = client.get(reverse("pages:easy-language"))

    assert '<div class="easy-language prose" lang="de">' in response.content.decode()


def test_home_lists_member_municipalities_only(client):
    series = DefaultSeriesFactory()
    MembershipFactory(series=series, municipality=MunicipalityFactory(name="Mitgliedstadt"))
    MembershipFactory(
        series=series,
        municipality=MunicipalityFactory(name="Interessierte Stadt"),
        status=MembershipStatus.INTERESTED,
    )
    MembershipFactory(
        series=SeriesFactory(slug="andere-reihe", name="Andere Reihe"),
        municipality=MunicipalityFactory(name="Fremde Stadt"),
    )

    response = client.get(reverse("pages:home"))

    content = response.content.decode()
    assert "Mitgliedstadt" in content
    assert "Interessierte Stadt" not in content
    assert "Fremde Stadt" not in content
    assert [item[0].name for item in response.context["map_items"]] == ["Mitgliedstadt"]
    assert 'id="member-map"' in content
    assert content.count("<circle") == 1


def test_home_shows_empty_state_without_members(client):
    response = client.get(reverse("pages:home"))

    assert "Noch sind keine Kommunen Mitglied." in response.content.decode()


@pytest.mark.parametrize("item_count", [1, 3])
def test_home_query_count(client, django_assert_num_queries, item_count):
    series = DefaultSeriesFactory()
    MembershipFactory.create_batch(item_count, series=series)
    EventFactory.create_batch(item_count, series=series)

    # Memberships, topics, upcoming and past Stadtgespräche.
    with django_assert_num_queries(4):
        response = client.get(reverse("pages:home"))

    assert len(response.context["memberships"]) == item_count
    assert len(response.context["upcoming_events"]) == item_count


def test_home_lists_visible_upcoming_and_past_events(client):
    EventFactory(title="Kommender Termin")
    EventFactory(title="Geheimer Entwurf", status=EventStatus.DRAFT)
    EventFactory(title="Nur Netzwerk", confidentiality=Confidentiality.NETWORK)
    start = timezone.now() - datetime.timedelta(days=30)
    EventFactory(title="Auftakt", starts_at=start, ends_at=start + datetime.timedelta(hours=2))

    content = client.get(reverse("pages:home")).content.decode()

    assert "Kommender Termin" in content
    assert "Auftakt" in content
    assert "Geheimer Entwurf" not in content
    assert "Nur Netzwerk" not in content


def test_site_text_page_shows_operator_text(client):
    text = SiteText.objects.get(key=SiteTextKey.LEGAL_NOTICE)
    text.title, text.body = (
        "Impressum der Stadt",
        "Betrieben von **Musterstadt**. <script>x</script>",
    )
    text.save()

    response = client.get(reverse("pages:legal-notice"))

    content = response.content.decode()
    assert "Impressum der Stadt</h1>" in content
    assert "<strong>Musterstadt</strong>" in content
    assert "<script>x" not in content


def test_site_text_page_falls_back_to_template_when_row_missing(client):
    SiteText.objects.all().delete()

    response = client.get(reverse("pages:privacy"))

    assert "Vorlage – bitte anpassen." in response.content.decode()


def test_site_text_page_hides_edit_link_from_public(client):
    response = client.get(reverse("pages:privacy"))

    assert "Diesen Text bearbeiten" not in response.content.decode()


def test_accessibility_feedback_is_mailed_to_organiser(client, settings):
    settings.ORGANISER_EMAIL = "team@example.org"

    response = client.post(
        reverse("pages:accessibility"),
        {"message": "Der Kontrast ist zu schwach.", "email": "a@example.org", "website": ""},
        follow=True,
    )

    assert "Vielen Dank! Ihre Nachricht wurde an das Organisationsteam gesendet." in (
        response.content.decode()
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["team@example.org"]
    assert mail.outbox[0].reply_to == ["a@example.org"]
    assert "Der Kontrast ist zu schwach." in mail.outbox[0].body


def test_accessibility_feedback_honeypot_sends_nothing(client):
    response = client.post(
        reverse("pages:accessibility"),
        {"message": "Spam", "website": "http://spam.example"},
        follow=True,
    )

    assert response.status_code == 200
    assert mail.outbox == []


def test_accessibility_feedback_without_message_shows_error(client):
    response = client.post(reverse("pages:accessibility"), {"message": "", "email": "kaputt"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in content
    assert "Bitte gültige E-Mail-Adresse eingeben." in content
    assert mail.outbox == []


def test_accessibility_feedback_is_rate_limited(client):
    for _ in range(5):
        client.post(reverse("pages:accessibility"), {"message": "Barriere"})

    response = client.post(reverse("pages:accessibility"), {"message": "Barriere"})

    assert response.status_code == 429
    assert "Zu viele Nachrichten von Ihrer Verbindung." in response.content.decode()
    assert len(mail.outbox) == 5


def test_accessibility_form_prefills_the_referring_page_of_this_site(client):
    response = client.get(
        reverse("pages:accessibility"), HTTP_REFERER="http://testserver/themen/datenethik/"
    )

    assert response.context["form"]["page_url"].value() == "http://testserver/themen/datenethik/"


def test_accessibility_form_ignores_foreign_referer(client):
    response = client.get(reverse("pages:accessibility"), HTTP_REFERER="https://evil.example/x")

    assert response.context["form"]["page_url"].value() == ""


def test_data_sources_shows_every_attribution_line(client):
    response = client.get(reverse("pages:data-sources"))

    content = response.content.decode()
    for source in DATA_SOURCES:
        assert str(source["attribution"]).replace("&", "&amp;") in content.replace("&#x27;", "'")
    assert "dl-de/by-2-0" in content
    assert 'href="http://www.bkg.bund.de"' in content
