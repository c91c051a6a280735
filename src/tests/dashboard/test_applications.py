import pytest
from django.core import mail
from django.urls import reverse

from stadtgespraeche.accounts.models import User
from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.network.enums import ApplicationStatus, MembershipStatus
from stadtgespraeche.network.models import Membership
from tests.factories.accounts import UserFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.network import MembershipApplicationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LIST_URL = "/organisation/antraege/"


def _detail(application):
    return reverse("dashboard:application-detail", kwargs={"pk": application.pk})


def _accept(application):
    return reverse("dashboard:application-accept", kwargs={"pk": application.pk})


def _decline(application):
    return reverse("dashboard:application-decline", kwargs={"pk": application.pk})


@pytest.fixture
def application(series):
    return MembershipApplicationFactory(
        series=series,
        municipality=MunicipalityFactory(name="Bamberg"),
        contact_name="Erika Mustermann",
        contact_email="erika@bamberg.example.org",
        message="Wir wollen dabei sein.",
    )


def test_list_shows_pending_applications(organiser_client, application):
    MembershipApplicationFactory(
        series=application.series,
        municipality=MunicipalityFactory(name="Schon Entschieden"),
        status=ApplicationStatus.DECLINED,
    )

    response = organiser_client.get(LIST_URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Bamberg" in content
    assert "Erika Mustermann" in content
    assert "Wir wollen dabei sein." in content
    assert "Schon Entschieden" not in content


def test_list_decided_tab(organiser_client, application):
    MembershipApplicationFactory(
        series=application.series,
        municipality=MunicipalityFactory(name="Schon Entschieden"),
        status=ApplicationStatus.DECLINED,
    )

    response = organiser_client.get(LIST_URL, {"status": "decided"})

    content = response.content.decode()
    assert "Schon Entschieden" in content
    assert "Bamberg" not in content
    assert "Abgelehnt" in content


def test_list_unknown_tab_falls_back_to_pending(organiser_client, application):
    response = organiser_client.get(LIST_URL, {"status": "<script>"})

    assert "Bamberg" in response.content.decode()


def test_list_empty_state(organiser_client, series):
    response = organiser_client.get(LIST_URL)

    assert "Kein Antrag wartet auf eine Entscheidung." in response.content.decode()


@pytest.mark.parametrize("items", [1, 3])
def test_list_query_count(organiser_client, series, django_assert_num_queries, items):
    MembershipApplicationFactory.create_batch(items, series=series)

    with django_assert_num_queries(5):
        response = organiser_client.get(LIST_URL)

    assert response.content.decode().count("/organisation/antraege/") >= items


@pytest.mark.parametrize("items", [1, 3])
def test_list_decided_query_count(organiser_client, series, django_assert_num_queries, items):
    MembershipApplicationFactory.create_batch(
        items, series=series, status=ApplicationStatus.ACCEPTED
    )

    with django_assert_num_queries(5):
        organiser_client.get(LIST_URL, {"status": "decided"})


def test_detail_shows_application_and_decision_forms(organiser_client, application):
    response = organiser_client.get(_detail(application))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Antrag von Bamberg" in content
    assert "erika@bamberg.example.org" in content
    assert _accept(application) in content
    assert _decline(application) in content


def test_detail_of_decided_application_has_no_forms(organiser_client, application):
    application.status = ApplicationStatus.ACCEPTED
    application.save()

    response = organiser_client.get(_detail(application))

    content = response.content.decode()
    assert _accept(application) not in content
    assert "kann nicht erneut entschieden werden" in content


def test_detail_unknown_is_404(organiser_client, db):
    response = organiser_client.get("/organisation/antraege/999999/")

    assert response.status_code == 404


def test_accept_invites_coordinator(
    organiser_client, application, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(_accept(application), {"accept-note": "Willkommen"})

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert Membership.objects.get().status == MembershipStatus.MEMBER
    assert User.objects.get(email="erika@bamberg.example.org").is_active is False
    assert len(mail.outbox) == 2  # invitation and acceptance
    page = organiser_client.get(response["Location"]).content.decode()
    assert "Bamberg ist jetzt Mitglied." in page
    assert "als Koordinator:in eingeladen" in page


def test_accept_existing_account_says_so(
    organiser_client, application, django_capture_on_commit_callbacks
):
    UserFactory(email="erika@bamberg.example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(_accept(application), follow=True)

    content = response.content.decode()
    assert "hatte bereits ein Konto" in content
    assert len(mail.outbox) == 1


def test_accept_already_decided_shows_message(organiser_client, application):
    application.status = ApplicationStatus.DECLINED
    application.save()

    response = organiser_client.post(_accept(application), follow=True)

    content = response.content.decode()
    assert "wurde bereits abgelehnt und kann nicht erneut entschieden werden" in content
    assert Membership.objects.count() == 0


def test_decline_with_message(organiser_client, application, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(
            _decline(application), {"decline-message": "Derzeit leider nicht."}, follow=True
        )

    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED
    assert "wurde abgelehnt" in response.content.decode()
    assert mail.outbox[0].to == ["erika@bamberg.example.org"]
    assert "Derzeit leider nicht." in mail.outbox[0].body
    assert AuditLog.objects.filter(action="events.application.declined").exists()


def test_decline_without_message_shows_error(organiser_client, application):
    response = organiser_client.post(_decline(application), {"decline-message": "  "})

    content = response.content.decode()
    assert response.status_code == 200
    assert "Bitte schreiben Sie der antragstellenden Person eine Nachricht" in content
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


def test_accept_with_too_long_note_shows_error(organiser_client, application):
    response = organiser_client.post(_accept(application), {"accept-note": "x" * 2001})

    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


def test_get_on_accept_not_allowed(organiser_client, application):
    assert organiser_client.get(_accept(application)).status_code == 405


@pytest.mark.parametrize("url", ["list", "detail"])
def test_non_organisers_cannot_see_applications(non_organiser_client, application, url):
    response = non_organiser_client.get(LIST_URL if url == "list" else _detail(application))

    content = response.content.decode()
    assert response.status_code == 403
    assert "Bamberg" not in content
    assert "erika@bamberg.example.org" not in content


@pytest.mark.parametrize("action", ["accept", "decline"])
def test_non_organisers_cannot_decide(non_organiser_client, application, action):
    url = _accept(application) if action == "accept" else _decline(application)

    response = non_organiser_client.post(url, {"decline-message": "Nein"})

    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


def test_anonymous_is_sent_to_login(client, application):
    response = client.post(_accept(application))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING
