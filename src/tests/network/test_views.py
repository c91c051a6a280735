import pytest
from django.core import mail
from django.urls import reverse

from stadtgespraeche.municipalities.enums import MunicipalityKind
from stadtgespraeche.network import services as network_services
from stadtgespraeche.network.enums import MembershipStatus
from stadtgespraeche.network.models import Membership, MembershipApplication
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.network import MembershipApplicationFactory, MembershipFactory, SeriesFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

APPLY_URL = "/netzwerk/mitglied-werden/"


@pytest.fixture
def kaiserslautern():
    return MunicipalityFactory(name="Kaiserslautern", key="07312000")


def _data(the_series, **overrides):
    data = {
        "series": str(the_series.pk),
        "municipality_query": "Kaiserslautern",
        "contact_name": "Erika Mustermann",
        "contact_role": "Stabsstelle Digitalisierung",
        "contact_email": "erika@kaiserslautern.example.org",
        "message": "Wir möchten unsere Ratsmitglieder vernetzen.",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def _has_radio(content, pk):
    """Whether `content` has the radio button of municipality `pk` (whitespace-insensitive)."""
    return f'name="municipality" value="{pk}"' in " ".join(content.split())


def _assert_entered_data_kept(content):
    assert 'value="Erika Mustermann"' in content
    assert "Wir möchten unsere Ratsmitglieder vernetzen." in content


def test_apply_url_is_stable():
    assert reverse("network:apply") == APPLY_URL


def test_apply_get_shows_form_with_search_and_honeypot(client, series):
    response = client.get(APPLY_URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Mitglied im Netzwerk werden" in content
    assert f'hx-get="{reverse("network:municipality-search")}"' in content
    assert 'class="visually-hidden-honeypot" aria-hidden="true"' in content
    assert 'tabindex="-1"' in content
    assert f'type="hidden" name="series" value="{series.pk}"' in content
    assert "Reihe" not in content.split("<form")[2]  # no visible series choice


def test_apply_without_series_explains_instead_of_failing(client, db):
    response = client.get(APPLY_URL)
    post_response = client.post(APPLY_URL, {"municipality_query": "x"})

    assert response.status_code == 200
    assert "Derzeit sind keine Anträge möglich" in response.content.decode()
    assert post_response.status_code == 200
    assert MembershipApplication.objects.count() == 0


def test_apply_closed_series_are_not_offered(client, db):
    SeriesFactory(accepts_applications=False)

    response = client.get(APPLY_URL)

    assert "Derzeit sind keine Anträge möglich" in response.content.decode()


def test_apply_several_series_offers_a_choice(client, series):
    SeriesFactory(name="Digitale Kreistage", slug="digitale-kreistage")

    response = client.get(APPLY_URL)

    content = response.content.decode()
    assert 'type="radio" name="series"' in content
    assert "Digitale Kreistage" in content
    assert "Smarte Stadtgespräche" in content


def test_apply_post_stores_application_and_mails(
    client, series, kaiserslautern, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(APPLY_URL, _data(series))

    assert response.status_code == 302
    assert response["Location"] == reverse("network:apply-done")
    application = MembershipApplication.objects.get()
    assert application.municipality == kaiserslautern
    assert application.contact_role == "Stabsstelle Digitalisierung"
    assert application.language == "de"
    assert application.consent_text_version
    assert Membership.objects.get().status == MembershipStatus.APPLIED
    assert len(mail.outbox) == 2
    done = client.get(response["Location"])
    assert "Vielen Dank für Ihren Antrag" in done.content.decode()


def test_apply_missing_consent_keeps_data(client, series, kaiserslautern):
    data = _data(series)
    del data["consent"]

    response = client.post(APPLY_URL, data)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Bitte willigen Sie in die Verarbeitung Ihrer Daten ein." in content
    _assert_entered_data_kept(content)
    assert MembershipApplication.objects.count() == 0


def test_apply_invalid_email_keeps_data(client, series, kaiserslautern):
    response = client.post(APPLY_URL, _data(series, contact_email="erika-at-kl"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Bitte geben Sie eine gültige E-Mail-Adresse ein" in content
    assert 'value="erika-at-kl"' in content
    _assert_entered_data_kept(content)
    assert MembershipApplication.objects.count() == 0


def test_apply_unknown_municipality_keeps_data(client, series, kaiserslautern):
    response = client.post(APPLY_URL, _data(series, municipality_query="Atlantis"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Wir haben keine Kommune „Atlantis“ gefunden." in content
    assert 'value="Atlantis"' in content
    _assert_entered_data_kept(content)


def test_apply_ambiguous_municipality_offers_radio_list_without_javascript(
    client, series, kaiserslautern
):
    county = MunicipalityFactory(name="Kaiserslautern", key="07335", kind=MunicipalityKind.COUNTY)

    response = client.post(APPLY_URL, _data(series))

    content = response.content.decode()
    assert "Zu „Kaiserslautern“ passen mehrere Kommunen." in content
    assert _has_radio(content, kaiserslautern.pk)
    assert _has_radio(content, county.pk)
    _assert_entered_data_kept(content)
    assert MembershipApplication.objects.count() == 0

    client.post(APPLY_URL, _data(series, municipality=str(county.pk)))

    assert MembershipApplication.objects.get().municipality == county


def test_apply_honeypot_pretends_success_and_stores_nothing(
    client, series, kaiserslautern, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(APPLY_URL, _data(series, website="http://spam.example"))

    assert response.status_code == 302
    assert response["Location"] == reverse("network:apply-done")
    assert MembershipApplication.objects.count() == 0
    assert Membership.objects.count() == 0
    assert mail.outbox == []


def test_apply_rate_limit_keeps_data(client, series, kaiserslautern):
    for _ in range(network_services.APPLICATION_RATE_LIMIT):
        network_services.record_application_attempt("127.0.0.1")

    response = client.post(APPLY_URL, _data(series))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Sie haben in kurzer Zeit mehrere Anträge gesendet." in content
    _assert_entered_data_kept(content)
    assert MembershipApplication.objects.count() == 0


def test_apply_duplicate_pending_application(client, series, kaiserslautern):
    MembershipApplicationFactory(series=series, municipality=kaiserslautern)

    response = client.post(APPLY_URL, _data(series))

    content = response.content.decode()
    assert "liegt bereits ein offener Antrag bei den Smarten Stadtgesprächen vor" in content
    _assert_entered_data_kept(content)
    assert MembershipApplication.objects.count() == 1


def test_apply_existing_member(client, series, kaiserslautern):
    MembershipFactory(series=series, municipality=kaiserslautern, status=MembershipStatus.MEMBER)

    response = client.post(APPLY_URL, _data(series))

    assert "Kaiserslautern ist bereits bei den Smarten Stadtgesprächen dabei" in (
        response.content.decode()
    )
    assert MembershipApplication.objects.count() == 0


def test_apply_garbage_series_gives_message(client, series, kaiserslautern):
    response = client.post(APPLY_URL, _data(series, series="not-a-number"))

    assert response.status_code == 200
    assert "Bitte wählen Sie eine der aufgeführten Reihen." in response.content.decode()
    assert MembershipApplication.objects.count() == 0


def test_municipality_search_returns_radio_partial(client, kaiserslautern):
    response = client.get(
        reverse("network:municipality-search"),
        {"municipality_query": "kaisers"},
        headers={"HX-Request": "true"},
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert _has_radio(content, kaiserslautern.pk)
    assert "Passende Kommunen" in content


def test_municipality_search_no_match_says_so(client, kaiserslautern):
    response = client.get(
        reverse("network:municipality-search"),
        {"municipality_query": "Atlantis"},
        headers={"HX-Request": "true"},
    )

    assert "Keine Kommune zu „Atlantis“ gefunden." in response.content.decode()


def test_municipality_search_short_text_is_empty(client, kaiserslautern):
    response = client.get(
        reverse("network:municipality-search"),
        {"municipality_query": "K"},
        headers={"HX-Request": "true"},
    )

    assert response.content.decode().strip() == ""


def test_municipality_search_without_htmx_goes_to_the_form(client, kaiserslautern):
    response = client.get(reverse("network:municipality-search"), {"municipality_query": "Kai"})

    assert response.status_code == 302
    assert response["Location"] == APPLY_URL
