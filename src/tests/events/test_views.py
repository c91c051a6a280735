"""Public pages of Stadtgespräche: list and detail with agenda."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from stadtgespraeche.events.enums import Confidentiality, EventStatus
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.events import AgendaItemFactory, EventFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LIST_URL = "/netzwerk/termine/"


def test_event_list_url_is_stable():
    assert reverse("events:event-list") == LIST_URL


def test_event_list_shows_upcoming_and_past(client):
    EventFactory(title="Kommender Termin")
    past_start = timezone.now() - datetime.timedelta(days=30)
    EventFactory(
        title="Auftakt",
        status=EventStatus.DOCUMENTED,
        starts_at=past_start,
        ends_at=past_start + datetime.timedelta(hours=2),
    )

    response = client.get(LIST_URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert content.index("Kommender Termin") < content.index("Auftakt")
    assert "Demnächst" in content
    assert "Vergangen" in content


def test_event_list_empty_shows_empty_states(client):
    content = client.get(LIST_URL).content.decode()
    assert "Derzeit ist kein Stadtgespräch geplant." in content
    assert "Es hat noch kein Stadtgespräch stattgefunden." in content


def test_event_list_hides_drafts_and_network_events_from_anonymous(client):
    EventFactory(title="Geheimer Entwurf", status=EventStatus.DRAFT)
    EventFactory(title="Nur Netzwerk", confidentiality=Confidentiality.NETWORK)

    content = client.get(LIST_URL).content.decode()

    assert "Geheimer Entwurf" not in content
    assert "Nur Netzwerk" not in content


def test_event_list_shows_network_events_to_councillors_but_not_drafts(client):
    client.force_login(UserFactory())
    EventFactory(title="Geheimer Entwurf", status=EventStatus.DRAFT)
    EventFactory(title="Nur Netzwerk", confidentiality=Confidentiality.NETWORK)

    content = client.get(LIST_URL).content.decode()

    assert "Geheimer Entwurf" not in content
    assert "Nur Netzwerk" in content


@pytest.mark.parametrize("count", [1, 3])
def test_event_list_query_count(client, django_assert_num_queries, count):
    EventFactory.create_batch(count)
    # both counts (one query), the upcoming page, the series of the calendar feed link
    with django_assert_num_queries(3):
        response = client.get(LIST_URL)
    assert response.status_code == 200


def test_event_detail_shows_agenda_and_speakers(client):
    event = EventFactory(title="Bürgerbeteiligung", description="**Digital** beteiligen")
    AgendaItemFactory(event=event, title="Impuls Kaiserslautern", external_speaker="Erika Beispiel")

    response = client.get(event.get_absolute_url())

    content = response.content.decode()
    assert response.status_code == 200
    assert "Bürgerbeteiligung" in content
    assert "<strong>Digital</strong>" in content
    assert "Impuls Kaiserslautern" in content
    assert "Erika Beispiel" in content


def test_event_detail_draft_is_404_for_councillor(client):
    client.force_login(UserFactory())
    event = EventFactory(title="Geheimer Entwurf", status=EventStatus.DRAFT)

    response = client.get(event.get_absolute_url())

    assert response.status_code == 404
    assert "Geheimer Entwurf" not in response.content.decode()


def test_event_detail_draft_visible_to_organiser(client):
    client.force_login(OrganiserFactory())
    event = EventFactory(title="Geheimer Entwurf", status=EventStatus.DRAFT)

    content = client.get(event.get_absolute_url()).content.decode()

    assert "Geheimer Entwurf" in content
    assert "Entwurf: Nur das Organisationsteam sieht diese Seite." in content


@pytest.mark.parametrize(
    "confidentiality", [Confidentiality.NETWORK, Confidentiality.CHATHAM_HOUSE]
)
def test_event_detail_network_event_asks_anonymous_to_log_in(client, confidentiality):
    event = EventFactory(title="Nur Netzwerk", confidentiality=confidentiality)

    response = client.get(event.get_absolute_url())

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={event.get_absolute_url()}"
    assert "Nur Netzwerk" not in response.content.decode()


def test_event_detail_network_draft_stays_404_for_anonymous(client):
    event = EventFactory(
        title="Nur Netzwerk",
        confidentiality=Confidentiality.NETWORK,
        status=EventStatus.DRAFT,
    )

    response = client.get(event.get_absolute_url())

    assert response.status_code == 404
    assert "Nur Netzwerk" not in response.content.decode()


def test_event_detail_unknown_slug_is_404_with_login_prompt(client):
    response = client.get(reverse("events:event-detail", args=["gibt-es-nicht"]))

    assert response.status_code == 404
    assert "nur für Mitglieder" in response.content.decode()


def test_event_detail_network_event_visible_to_councillor(client):
    client.force_login(UserFactory())
    event = EventFactory(title="Nur Netzwerk", confidentiality=Confidentiality.NETWORK)

    assert "Nur Netzwerk" in client.get(event.get_absolute_url()).content.decode()


def test_event_detail_chatham_house_hides_speakers(client):
    client.force_login(UserFactory())
    event = EventFactory(confidentiality=Confidentiality.CHATHAM_HOUSE)
    AgendaItemFactory(event=event, title="Impuls", external_speaker="Erika Beispiel")

    content = client.get(event.get_absolute_url()).content.decode()

    assert "Impuls" in content
    assert "Erika Beispiel" not in content
    assert "Chatham-House-Regel" in content


def test_event_detail_chatham_house_shows_speakers_to_organiser(client):
    client.force_login(OrganiserFactory())
    event = EventFactory(confidentiality=Confidentiality.CHATHAM_HOUSE)
    AgendaItemFactory(event=event, external_speaker="Erika Beispiel")

    assert "Erika Beispiel" in client.get(event.get_absolute_url()).content.decode()


def test_event_detail_does_not_repeat_the_kind_before_a_title_that_names_it(client):
    event = EventFactory(status=EventStatus.PUBLISHED)
    AgendaItemFactory(event=event, kind="impulse", title="Impuls: Offene Standards")
    AgendaItemFactory(
        event=event,
        kind="exchange",
        title="Runde vor Ort",
        starts_at=event.starts_at + datetime.timedelta(minutes=20),
    )

    content = " ".join(client.get(event.get_absolute_url()).content.decode().split())

    assert "Impuls: <strong>Impuls: Offene Standards" not in content
    assert "<strong>Impuls: Offene Standards</strong>" in content
    assert "Austausch: <strong>Runde vor Ort</strong>" in content
