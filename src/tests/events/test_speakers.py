"""The speakers' side of an agenda item (events/speakers.py): notification on assignment,
confirming, editing title and abstract, the list of one's items."""

import datetime

import pytest
from django.utils import timezone

from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.events import services, speakers
from stadtgespraeche.events.enums import AgendaItemKind, EventStatus
from stadtgespraeche.events.exceptions import EventError
from stadtgespraeche.notifications.models import Notification
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.events import AgendaItemFactory, EventFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def speaker():
    return UserFactory(first_name="Sina", last_name="Spricht")


@pytest.fixture
def item(speaker):
    item = AgendaItemFactory(title="Open Data in Bamberg", abstract="Alt")
    item.speakers.add(speaker)
    return item


def _save(event, *, item=None, people, title="Impuls Open Data"):
    return services.save_agenda_item(
        event,
        item=item,
        by=OrganiserFactory(),
        starts_at=event.starts_at,
        duration=20,
        kind=AgendaItemKind.IMPULSE,
        title=title,
        speakers=people,
    )


def test_save_agenda_item_notifies_new_speakers_once(speaker):
    event = EventFactory(title="Stadtgespräch Daten")
    other = UserFactory(language="en")

    item = _save(event, people=[speaker])
    _save(event, item=item, people=[speaker, other])
    _save(event, item=item, people=[speaker, other])

    german = Notification.objects.get(recipient=speaker)
    assert german.kind == speakers.KIND_SPEAKER_ASSIGNED
    assert german.title == "Sie sprechen bei „Stadtgespräch Daten“: Impuls Open Data"
    assert german.url == f"/netzwerk/termine/{event.slug}/impuls/{item.pk}/"
    english = Notification.objects.get(recipient=other)
    assert english.title == "You are a speaker at “Stadtgespräch Daten”: Impuls Open Data"


def test_save_agenda_item_without_speakers_notifies_nobody():
    _save(EventFactory(), people=[])

    assert not Notification.objects.exists()


def test_confirm_impulse_records_time_once_and_audits(item, speaker):
    speakers.confirm_impulse(item, by=speaker)
    first = item.speaker_confirmed_at
    speakers.confirm_impulse(item, by=speaker)

    item.refresh_from_db()
    assert item.speaker_confirmed_at == first is not None
    assert AuditLog.objects.filter(action="events.agenda_item.speaker_confirmed").count() == 1


def test_confirm_impulse_by_someone_else_is_refused(item):
    with pytest.raises(speakers.NotASpeaker):
        speakers.confirm_impulse(item, by=UserFactory())

    item.refresh_from_db()
    assert item.speaker_confirmed_at is None


@pytest.mark.parametrize("status", [EventStatus.CANCELLED, EventStatus.HELD])
def test_confirm_impulse_of_closed_event_is_refused(item, speaker, status):
    item.event.status = status
    item.event.save()

    with pytest.raises(speakers.SpeakerItemClosed):
        speakers.confirm_impulse(item, by=speaker)


def test_confirm_impulse_after_the_end_is_refused(speaker):
    start = timezone.now() - datetime.timedelta(hours=3)
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    item = AgendaItemFactory(event=event)
    item.speakers.add(speaker)

    with pytest.raises(speakers.SpeakerItemClosed):
        speakers.confirm_impulse(item, by=speaker)


def test_update_impulse_changes_title_and_abstract_only(item, speaker):
    start = item.starts_at

    speakers.update_impulse(item, by=speaker, title="  Neuer Titel ", abstract=" Neu ")

    item.refresh_from_db()
    assert (item.title, item.abstract, item.starts_at) == ("Neuer Titel", "Neu", start)
    assert AuditLog.objects.filter(action="events.agenda_item.updated_by_speaker").exists()


def test_update_impulse_with_empty_title_is_refused(item, speaker):
    with pytest.raises(EventError):
        speakers.update_impulse(item, by=speaker, title="  ", abstract="")

    item.refresh_from_db()
    assert item.title == "Open Data in Bamberg"


def test_update_impulse_by_someone_else_is_refused(item):
    with pytest.raises(speakers.NotASpeaker):
        speakers.update_impulse(item, by=UserFactory(), title="Gekapert", abstract="")

    item.refresh_from_db()
    assert item.title == "Open Data in Bamberg"


def test_inactive_speaker_is_no_speaker(item, speaker):
    speaker.is_active = False
    speaker.save()

    assert not speakers.is_speaker(speaker, item)


def test_items_of_speaker_lists_own_items_without_cancelled_events(item, speaker):
    cancelled = AgendaItemFactory(event=EventFactory(status=EventStatus.CANCELLED))
    cancelled.speakers.add(speaker)
    AgendaItemFactory()  # someone else's

    assert list(speakers.items_of_speaker(speaker)) == [item]


def test_items_of_speaker_is_empty_for_visitors():
    from django.contrib.auth.models import AnonymousUser

    assert not speakers.items_of_speaker(AnonymousUser()).exists()
