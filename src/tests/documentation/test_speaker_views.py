"""The speaker's page of an agenda item: list, confirm, title and abstract, own slides."""

import pytest

from stadtgespraeche.documentation.models import Attachment
from stadtgespraeche.events.enums import EventStatus
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.documentation import pdf_bytes, upload
from tests.factories.events import AgendaItemFactory, EventFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def speaker():
    return UserFactory(first_name="Sina", last_name="Spricht")


@pytest.fixture
def item(speaker):
    event = EventFactory(
        title="Stadtgespräch Daten", venue_address="Rathaus Bamberg, Saal 2", online_info=""
    )
    item = AgendaItemFactory(event=event, title="Open Data in Bamberg", abstract="Geheimer Entwurf")
    item.speakers.add(speaker)
    return item


def _url(item, suffix=""):
    return f"/netzwerk/termine/{item.event.slug}/impuls/{item.pk}/{suffix}"


def test_speaker_page_shows_time_room_and_forms(client, item, speaker):
    client.force_login(speaker)

    content = client.get(_url(item)).content.decode()

    assert "Ihr Impuls: Open Data in Bamberg" in content
    assert "Rathaus Bamberg, Saal 2" in content
    assert "15 Minuten" in content
    assert "Noch nicht bestätigt" in content
    assert "Geheimer Entwurf" in content  # the abstract in the form
    assert _url(item, "bestaetigen/") in content
    assert _url(item, "folien/") in content


@pytest.mark.parametrize("who", ["other", "organiser"])
def test_speaker_page_is_denied_to_others_without_the_abstract(client, item, who):
    client.force_login(UserFactory() if who == "other" else OrganiserFactory())

    response = client.get(_url(item))

    assert response.status_code == 403
    assert "Geheimer Entwurf" not in response.content.decode()


def test_speaker_page_asks_visitors_to_log_in(client, item):
    response = client.get(_url(item))

    assert response.status_code == 302
    assert "/konto/" in response["Location"]


def test_speaker_page_of_an_item_of_another_event_is_404(client, item, speaker):
    client.force_login(speaker)

    assert client.get(f"/netzwerk/termine/anderes/impuls/{item.pk}/").status_code == 404


def test_speaker_confirms_the_impulse(client, item, speaker):
    client.force_login(speaker)

    response = client.post(_url(item, "bestaetigen/"), follow=True)

    item.refresh_from_db()
    assert item.speaker_confirmed_at is not None
    content = response.content.decode()
    assert "Vielen Dank, Ihr Impuls ist bestätigt." in content
    assert "Bestätigt am" in content


def test_confirm_of_a_cancelled_event_shows_the_reason(client, item, speaker):
    EventFactory._meta.model.objects.filter(pk=item.event_id).update(status=EventStatus.CANCELLED)
    client.force_login(speaker)

    content = client.post(_url(item, "bestaetigen/"), follow=True).content.decode()

    item.refresh_from_db()
    assert item.speaker_confirmed_at is None
    assert "abgesagt" in content


def test_confirm_by_someone_else_is_denied(client, item):
    client.force_login(UserFactory())

    assert client.post(_url(item, "bestaetigen/")).status_code == 403
    item.refresh_from_db()
    assert item.speaker_confirmed_at is None


def test_speaker_edits_title_and_abstract(client, item, speaker):
    client.force_login(speaker)

    response = client.post(_url(item), {"title": "Offene Daten", "abstract": "Neu"})

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.abstract) == ("Offene Daten", "Neu")


def test_speaker_edit_without_title_keeps_the_item(client, item, speaker):
    client.force_login(speaker)

    response = client.post(_url(item), {"title": "", "abstract": "Neu"})

    assert response.status_code == 400
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    item.refresh_from_db()
    assert item.abstract == "Geheimer Entwurf"


def test_speaker_uploads_slides(client, item, speaker):
    client.force_login(speaker)

    response = client.post(
        _url(item, "folien/"), {"file": upload("folien.pdf", pdf_bytes())}, follow=True
    )

    (slides,) = Attachment.objects.filter(agenda_item=item)
    assert slides.uploaded_by == speaker
    assert slides.content_type == "application/pdf"
    assert "Hochgeladen: folien.pdf" in response.content.decode()


def test_speaker_upload_of_a_disguised_file_is_refused(client, item, speaker):
    client.force_login(speaker)

    response = client.post(
        _url(item, "folien/"), {"file": upload("folien.pdf", b"MZ\x90\x00 not a pdf")}
    )

    assert response.status_code == 400
    assert not Attachment.objects.exists()
    assert "Ihr Impuls" in response.content.decode()


def test_slides_upload_by_someone_else_is_denied(client, item):
    client.force_login(UserFactory())

    response = client.post(_url(item, "folien/"), {"file": upload("x.pdf", pdf_bytes())})

    assert response.status_code == 403
    assert not Attachment.objects.exists()


def test_speaker_items_lists_only_own_items(client, item, speaker):
    other = AgendaItemFactory(title="Fremder Impuls")
    other.speakers.add(UserFactory())
    client.force_login(speaker)

    content = client.get("/netzwerk/meine-impulse/").content.decode()

    assert "Open Data in Bamberg" in content
    assert "Fremder Impuls" not in content
    assert _url(item) in content


def test_speaker_items_empty(client):
    client.force_login(UserFactory())

    content = client.get("/netzwerk/meine-impulse/").content.decode()

    assert "Sie sind bei keinem Programmpunkt als vortragende Person eingetragen." in content


@pytest.mark.parametrize("count", [1, 3])
def test_speaker_items_query_count(client, django_assert_num_queries, speaker, count):
    for _ in range(count):
        AgendaItemFactory().speakers.add(speaker)
    client.force_login(speaker)
    client.get("/netzwerk/meine-impulse/")  # warm the session and caches

    with django_assert_num_queries(4):
        response = client.get("/netzwerk/meine-impulse/")

    assert response.content.decode().count("/impuls/") == count
