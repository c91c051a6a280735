"""Organiser views for Stadtgespräche: list, form, status, duplicate, agenda."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse

from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.events.models import AgendaItem, Event
from tests.factories.events import AgendaItemFactory, EventFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LIST_URL = "/organisation/stadtgespraeche/"


def test_event_list_url_is_stable():
    assert reverse("dashboard:event-list") == LIST_URL


def test_event_list_shows_drafts_to_organiser(organiser_client):
    EventFactory(title="Geheimer Entwurf", status=EventStatus.DRAFT)

    response = organiser_client.get(LIST_URL)

    content = response.content.decode()
    assert "Geheimer Entwurf" in content
    assert "Entwurf" in content
    assert 'aria-current="page"' in content


def test_event_list_denied_to_non_organisers(non_organiser_client):
    EventFactory(title="Geheimer Entwurf", status=EventStatus.DRAFT)

    response = non_organiser_client.get(LIST_URL)

    assert response.status_code == 403
    assert "Geheimer Entwurf" not in response.content.decode()


def test_event_list_redirects_anonymous(client):
    assert client.get(LIST_URL).status_code == 302


@pytest.mark.parametrize("count", [1, 3])
def test_event_list_query_count(organiser_client, django_assert_num_queries, count):
    EventFactory.create_batch(count)
    organiser_client.get(LIST_URL)  # warm the session
    with django_assert_num_queries(4):
        response = organiser_client.get(LIST_URL)
    assert response.status_code == 200


def _form_data(series, **overrides):
    data = {
        "series": series.pk,
        "title": "Hybride Ratsarbeit",
        "description": "",
        "starts_at": "2026-12-03T18:00",
        "ends_at": "2026-12-03T20:00",
        "format": "online",
        "venue_address": "",
        "online_info": "",
        "confidentiality": "public",
        "recording_policy": "none",
    }
    data.update(overrides)
    return data


def test_event_create_stores_berlin_time_as_utc(organiser_client, series):
    response = organiser_client.post(reverse("dashboard:event-create"), _form_data(series))

    event = Event.objects.get()
    assert response.status_code == 302
    assert event.status == EventStatus.DRAFT
    assert event.starts_at.astimezone(datetime.UTC).hour == 17


def test_event_create_stores_capacities_and_deadline(organiser_client, series):
    data = _form_data(
        series,
        format="hybrid",
        venue_address="Rathaus Musterstadt",
        capacity_in_person="25",
        capacity_online="100",
        registration_closes_at="2026-12-02T12:00",
    )

    response = organiser_client.post(reverse("dashboard:event-create"), data)

    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.capacity_in_person, event.capacity_online) == (25, 100)
    assert event.registration_closes_at.astimezone(datetime.UTC).hour == 11
    form_page = organiser_client.get(reverse("dashboard:event-update", args=[event.pk]))
    content = form_page.content.decode()
    assert 'name="capacity_in_person"' in content
    assert 'value="25"' in content
    assert 'value="2026-12-02T12:00"' in content


def test_event_form_offers_hosts_as_checkbox_lists_and_stores_several(organiser_client, series):
    from tests.factories.network import MembershipFactory

    first, second = MembershipFactory(series=series), MembershipFactory(series=series)
    page = organiser_client.get(reverse("dashboard:event-create")).content.decode()

    assert '<select name="hosts"' not in page
    assert 'type="checkbox" name="hosts"' in page
    assert 'type="checkbox" name="co_hosts"' in page
    assert "Liste filtern" in page

    data = _form_data(series, hosts=[first.municipality.pk, second.municipality.pk])
    response = organiser_client.post(reverse("dashboard:event-create"), data)

    assert response.status_code == 302
    hosts = set(Event.objects.get().hosts.values_list("pk", flat=True))
    assert hosts == {first.municipality.pk, second.municipality.pk}


def test_event_create_with_zero_places_gives_german_message(organiser_client, series):
    response = organiser_client.post(
        reverse("dashboard:event-create"), _form_data(series, capacity_online="0")
    )

    assert response.status_code == 200
    assert "mindestens 1 Platz" in response.content.decode()
    assert not Event.objects.exists()


def test_event_create_end_before_start_gives_german_message(organiser_client, series):
    response = organiser_client.post(
        reverse("dashboard:event-create"), _form_data(series, ends_at="2026-12-03T17:00")
    )

    assert response.status_code == 200
    assert "Das Ende muss nach dem Beginn liegen." in response.content.decode()
    assert not Event.objects.exists()


def test_event_create_hybrid_without_venue_gives_german_message(organiser_client, series):
    response = organiser_client.post(
        reverse("dashboard:event-create"), _form_data(series, format="hybrid")
    )

    assert "braucht eine Adresse des Veranstaltungsorts" in response.content.decode()
    assert not Event.objects.exists()


def test_event_create_denied_to_non_organisers(non_organiser_client, series):
    response = non_organiser_client.post(reverse("dashboard:event-create"), _form_data(series))
    assert response.status_code == 403
    assert not Event.objects.exists()


def test_event_update_saves(organiser_client):
    event = EventFactory()
    data = _form_data(event.series, title="Neuer Titel")
    del data["series"]

    response = organiser_client.post(reverse("dashboard:event-update", args=[event.pk]), data)

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Neuer Titel"


def test_event_detail_offers_only_allowed_transitions(organiser_client):
    event = EventFactory(status=EventStatus.DRAFT)

    content = organiser_client.get(reverse("dashboard:event-detail", args=[event.pk])).content
    content = content.decode()

    assert 'value="published"' in content
    assert 'value="cancelled"' in content
    assert 'value="held"' not in content


def test_event_transition_moves_status(organiser_client):
    event = EventFactory(status=EventStatus.DRAFT)

    response = organiser_client.post(
        reverse("dashboard:event-transition", args=[event.pk]), {"status": "published"}, follow=True
    )

    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED
    assert "Der Status ist jetzt „veröffentlicht“." in response.content.decode()


def test_event_transition_invalid_gives_german_message(organiser_client):
    event = EventFactory(status=EventStatus.DRAFT)

    response = organiser_client.post(
        reverse("dashboard:event-transition", args=[event.pk]), {"status": "held"}, follow=True
    )

    event.refresh_from_db()
    assert event.status == EventStatus.DRAFT
    assert "kann nicht von „Entwurf“ zu „durchgeführt“ wechseln" in response.content.decode()


def test_event_transition_to_documented_is_refused(organiser_client):
    event = EventFactory(status=EventStatus.HELD)

    response = organiser_client.post(
        reverse("dashboard:event-transition", args=[event.pk]),
        {"status": "documented"},
        follow=True,
    )

    event.refresh_from_db()
    assert event.status == EventStatus.HELD
    assert "durch das Veröffentlichen seiner Dokumentation" in response.content.decode()


def test_event_detail_of_held_event_leads_to_the_documentation(organiser_client):
    event = EventFactory(status=EventStatus.HELD)

    content = organiser_client.get(reverse("dashboard:event-detail", args=[event.pk])).content
    content = content.decode()

    assert 'value="documented"' not in content
    assert "Dieser Status ist endgültig." not in content
    assert reverse("documentation:documentation-manage", args=[event.slug]) in content
    assert "ergibt sich aus der Veröffentlichung der Dokumentation" in content


def test_event_transition_unknown_status_gives_message(organiser_client):
    event = EventFactory(status=EventStatus.DRAFT)

    response = organiser_client.post(
        reverse("dashboard:event-transition", args=[event.pk]), {"status": "bogus"}, follow=True
    )

    assert response.status_code == 200
    assert "Bitte wählen Sie einen gültigen Status." in response.content.decode()


def test_event_transition_denied_to_non_organisers(non_organiser_client):
    event = EventFactory(status=EventStatus.DRAFT)

    response = non_organiser_client.post(
        reverse("dashboard:event-transition", args=[event.pk]), {"status": "published"}
    )

    assert response.status_code == 403
    event.refresh_from_db()
    assert event.status == EventStatus.DRAFT


def test_event_duplicate_creates_next_draft(organiser_client):
    event = EventFactory(status=EventStatus.DOCUMENTED, number=1)

    response = organiser_client.post(reverse("dashboard:event-duplicate", args=[event.pk]))

    copy = Event.objects.exclude(pk=event.pk).get()
    assert response.url == reverse("dashboard:event-update", args=[copy.pk])
    assert copy.number == 2
    assert copy.status == EventStatus.DRAFT


def test_agenda_item_create_and_order(organiser_client):
    event = EventFactory()
    AgendaItemFactory(event=event, title="Später", starts_at=event.starts_at.replace(hour=23))
    url = reverse("dashboard:agenda-create", args=[event.pk])
    local = event.starts_at.astimezone(zoneinfo.ZoneInfo("Europe/Berlin"))

    response = organiser_client.post(
        url,
        {
            "starts_at": local.strftime("%Y-%m-%dT%H:%M"),
            "duration": "10",
            "kind": "welcome",
            "title": "Begrüßung",
        },
    )

    assert response.status_code == 302
    assert event.agenda.values_list("title", flat=True).first() == "Begrüßung"
    content = organiser_client.get(reverse("dashboard:event-detail", args=[event.pk])).content
    content = content.decode()
    assert content.index("Begrüßung") < content.index("Später")


def test_agenda_item_bad_input_gives_message(organiser_client):
    event = EventFactory()

    response = organiser_client.post(
        reverse("dashboard:agenda-create", args=[event.pk]),
        {"starts_at": "kein Datum", "duration": "-1", "kind": "welcome", "title": ""},
    )

    assert response.status_code == 200
    assert not AgendaItem.objects.exists()
    content = response.content.decode()
    assert "Dieses Feld ist zwingend erforderlich." in content
    assert "Bitte ein gültiges Datum und Uhrzeit eingeben." in content


def test_agenda_item_update_and_delete(organiser_client):
    item = AgendaItemFactory(title="Alt")
    event = item.event
    local = item.starts_at.astimezone(zoneinfo.ZoneInfo("Europe/Berlin"))
    organiser_client.post(
        reverse("dashboard:agenda-update", args=[event.pk, item.pk]),
        {
            "starts_at": local.strftime("%Y-%m-%dT%H:%M"),
            "duration": "20",
            "kind": "exchange",
            "title": "Neu",
        },
    )
    item.refresh_from_db()
    assert (item.title, item.duration) == ("Neu", 20)

    organiser_client.post(
        reverse("dashboard:agenda-delete", args=[event.pk, item.pk]),
    )

    assert not AgendaItem.objects.exists()
    assert AuditLog.objects.filter(action="events.agenda_item.deleted").exists()


def test_agenda_item_outside_the_event_gives_german_message(organiser_client):
    event = EventFactory()
    later = event.ends_at + datetime.timedelta(hours=1)
    local = later.astimezone(zoneinfo.ZoneInfo("Europe/Berlin"))

    response = organiser_client.post(
        reverse("dashboard:agenda-create", args=[event.pk]),
        {
            "starts_at": local.strftime("%Y-%m-%dT%H:%M"),
            "duration": "15",
            "kind": "welcome",
            "title": "Zu spät",
        },
    )

    assert response.status_code == 200
    assert "muss innerhalb des Stadtgesprächs beginnen" in response.content.decode()
    assert not AgendaItem.objects.exists()


def test_agenda_item_with_zero_duration_gives_german_message(organiser_client):
    event = EventFactory()
    local = event.starts_at.astimezone(zoneinfo.ZoneInfo("Europe/Berlin"))

    response = organiser_client.post(
        reverse("dashboard:agenda-create", args=[event.pk]),
        {
            "starts_at": local.strftime("%Y-%m-%dT%H:%M"),
            "duration": "0",
            "kind": "welcome",
            "title": "Ohne Dauer",
        },
    )

    assert response.status_code == 200
    assert "mindestens 1 Minute" in response.content.decode()
    assert not AgendaItem.objects.exists()


def test_agenda_item_removal_asks_for_confirmation(organiser_client):
    item = AgendaItemFactory(title="Austausch vor Ort")
    url = reverse("dashboard:agenda-delete", args=[item.event.pk, item.pk])

    detail = organiser_client.get(reverse("dashboard:event-detail", args=[item.event.pk]))
    assert f'href="{url}"' in detail.content.decode()
    response = organiser_client.get(url)

    assert response.status_code == 200
    content = response.content.decode()
    assert "„Austausch vor Ort“" in content
    assert "wirklich" in content
    assert AgendaItem.objects.filter(pk=item.pk).exists()
    organiser_client.post(url)
    assert not AgendaItem.objects.filter(pk=item.pk).exists()


def test_agenda_item_removal_denied_to_non_organisers(non_organiser_client):
    item = AgendaItemFactory(title="Geheimer Punkt")
    url = reverse("dashboard:agenda-delete", args=[item.event.pk, item.pk])

    assert non_organiser_client.get(url).status_code == 403
    assert non_organiser_client.post(url).status_code == 403
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_shortening_the_event_warns_about_agenda_items_outside(organiser_client):
    event = EventFactory(title="Kurz")
    AgendaItemFactory(
        event=event, title="Späte Runde", starts_at=event.starts_at + datetime.timedelta(minutes=90)
    )
    local = event.starts_at.astimezone(zoneinfo.ZoneInfo("Europe/Berlin"))
    data = _form_data(
        event.series,
        title="Kurz",
        starts_at=local.strftime("%Y-%m-%dT%H:%M"),
        ends_at=(local + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
    )
    del data["series"]

    response = organiser_client.post(
        reverse("dashboard:event-update", args=[event.pk]), data, follow=True
    )

    content = response.content.decode()
    assert "außerhalb der Zeit des Stadtgesprächs" in content
    assert "Späte Runde" in content


def test_agenda_item_edit_denied_to_non_organisers(non_organiser_client):
    item = AgendaItemFactory(title="Geheimer Punkt")

    response = non_organiser_client.get(
        reverse("dashboard:agenda-update", args=[item.event.pk, item.pk])
    )

    assert response.status_code == 403
    assert "Geheimer Punkt" not in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_event_detail_agenda_query_count(organiser_client, django_assert_num_queries, count):
    event = EventFactory()
    AgendaItemFactory.create_batch(count, event=event)
    url = reverse("dashboard:event-detail", args=[event.pk])
    organiser_client.get(url)
    with django_assert_num_queries(11):
        response = organiser_client.get(url)
    assert response.status_code == 200
