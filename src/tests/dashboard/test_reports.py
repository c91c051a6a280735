"""Organisers' queue of abuse reports."""

import pytest
from django.urls import reverse
from django.utils import timezone

from stadtgespraeche.contacts.models import AbuseReport
from tests.factories.accounts import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = reverse("dashboard:reports")


def _report(reason="Beleidigende Nachrichten", **kwargs):
    return AbuseReport.objects.create(
        reporter=UserFactory(first_name="Rita", last_name="Meldend"),
        reported=UserFactory(first_name="Otto", last_name="Gemeldet"),
        reason=reason,
        **kwargs,
    )


def test_reports_queue_lists_open_reports(organiser_client):
    _report()
    _report(reason="Schon erledigt", handled_at=timezone.now())

    response = organiser_client.get(URL)

    text = response.text
    assert response.status_code == 200
    assert "Rita Meldend meldet Otto Gemeldet" in text
    assert "Beleidigende Nachrichten" in text
    assert "Schon erledigt" not in text


def test_reports_queue_shows_handled_on_request(organiser_client):
    _report(reason="Schon erledigt", handled_at=timezone.now(), note="Gespräch geführt")

    text = organiser_client.get(URL, {"erledigt": "1"}).text

    assert "Schon erledigt" in text
    assert "Gespräch geführt" in text


def test_mark_handled(organiser_client, organiser):
    report = _report()

    response = organiser_client.post(
        reverse("dashboard:report-handle", kwargs={"pk": report.pk}),
        {"note": "Person angeschrieben"},
        follow=True,
    )

    report.refresh_from_db()
    assert report.handled_by == organiser
    assert report.note == "Person angeschrieben"
    assert "Die Meldung wurde als erledigt markiert." in response.text


def test_mark_handled_twice_shows_message(organiser_client):
    report = _report(handled_at=timezone.now())

    response = organiser_client.post(
        reverse("dashboard:report-handle", kwargs={"pk": report.pk}), follow=True
    )

    assert "bereits als erledigt markiert" in response.text


def test_mark_handled_with_too_long_note_shows_message(organiser_client):
    report = _report()

    response = organiser_client.post(
        reverse("dashboard:report-handle", kwargs={"pk": report.pk}),
        {"note": "x" * 2001},
        follow=True,
    )

    report.refresh_from_db()
    assert report.handled_at is None
    assert "Die Notiz ist zu lang" in response.text


def test_reports_denied_to_non_organisers(non_organiser_client):
    report = _report()

    listing = non_organiser_client.get(URL)
    handle = non_organiser_client.post(reverse("dashboard:report-handle", kwargs={"pk": report.pk}))

    assert listing.status_code == 403
    assert "Beleidigende Nachrichten" not in listing.text
    assert handle.status_code == 403
    report.refresh_from_db()
    assert report.handled_at is None


@pytest.mark.parametrize("count", [1, 3])
def test_reports_queue_query_count(organiser_client, django_assert_num_queries, count):
    for _ in range(count):
        _report()

    with django_assert_num_queries(4):
        response = organiser_client.get(URL)

    assert len(response.context["reports"]) == count
