"""Organisers see the feedback aggregate of held Stadtgespräche."""

import pytest

from stadtgespraeche.documentation.queries import feedback_summary
from tests.factories.accounts import UserFactory
from tests.factories.documentation import FeedbackFactory, held_event

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LIST_URL = "/organisation/rueckmeldungen/"


def test_feedback_summary_aggregates():
    event = held_event()
    FeedbackFactory(event=event, rating=5, useful="Impulse", topic_wishes="Datenethik")
    FeedbackFactory(event=event, rating=4, useful="", topic_wishes="")
    FeedbackFactory(event=event, rating=4)

    summary = feedback_summary(event)

    assert summary.count == 3
    assert summary.average == 4.3
    assert summary.distribution == [(5, 1, 33), (4, 2, 67), (3, 0, 0), (2, 0, 0), (1, 0, 0)]
    assert summary.useful == ["Impulse"]
    assert summary.topic_wishes == ["Datenethik"]


def test_feedback_summary_empty():
    summary = feedback_summary(held_event())
    assert summary.count == 0
    assert summary.average is None
    assert summary.distribution[0] == (5, 0, 0)


def test_feedback_list_shows_held_events_with_counts(organiser_client):
    event = held_event(title="Auftakt")
    FeedbackFactory(event=event, rating=5)

    content = organiser_client.get(LIST_URL).content.decode()

    assert "Auftakt" in content
    assert f"/organisation/rueckmeldungen/{event.pk}/" in content
    assert "5,0" in content


@pytest.mark.parametrize("count", [1, 3])
def test_feedback_list_query_count(organiser_client, django_assert_num_queries, count):
    for _ in range(count):
        FeedbackFactory(event=held_event())

    with django_assert_num_queries(4):
        response = organiser_client.get(LIST_URL)

    assert response.content.decode().count("/organisation/rueckmeldungen/") >= count


def test_feedback_detail_shows_aggregate_without_names(organiser_client):
    event = held_event(title="Auftakt")
    person = UserFactory(first_name="Frieda", last_name="Feedbackgeberin")
    FeedbackFactory(event=event, user=person, rating=5, useful="Die Impulse aus Bamberg")
    FeedbackFactory(event=event, rating=3, topic_wishes="Digitale Souveränität")

    content = organiser_client.get(f"/organisation/rueckmeldungen/{event.pk}/").content.decode()

    assert "Rückmeldungen zu „Auftakt“" in content
    assert "4,0 von 5" in content
    assert "Die Impulse aus Bamberg" in content
    assert "Digitale Souveränität" in content
    assert "Feedbackgeberin" not in content


def test_feedback_detail_denied_to_non_organisers(non_organiser_client):
    event = held_event()
    FeedbackFactory(event=event, useful="Geheime Rückmeldung")

    detail = non_organiser_client.get(f"/organisation/rueckmeldungen/{event.pk}/")
    listing = non_organiser_client.get(LIST_URL)

    assert detail.status_code == 403
    assert "Geheime Rückmeldung" not in detail.content.decode()
    assert listing.status_code == 403


def test_dashboard_event_detail_links_to_documentation_and_feedback(organiser_client):
    event = held_event()

    content = organiser_client.get(f"/organisation/stadtgespraeche/{event.pk}/").content.decode()

    assert f"/netzwerk/termine/{event.slug}/dokumentation/bearbeiten/" in content
    assert f"/organisation/rueckmeldungen/{event.pk}/" in content
    assert "Dokumentation und Rückmeldungen" in content
