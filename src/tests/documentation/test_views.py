"""Views after the event: documentation section, files, organiser pages, PDF, feedback."""

import pytest
from django.core import mail

from stadtgespraeche.documentation.models import Attachment, Feedback, Minutes
from stadtgespraeche.events.enums import Confidentiality, EventStatus
from stadtgespraeche.registrations.enums import RegistrationStatus
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.documentation import (
    AttachmentFactory,
    FeedbackFactory,
    MinutesFactory,
    held_event,
    pdf_bytes,
    png_bytes,
    upload,
)
from tests.factories.events import AgendaItemFactory
from tests.factories.registrations import RegistrationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SECRET = "Vertraulicher Protokolltext"


def documented_event(**kwargs):
    event = held_event(status=EventStatus.DOCUMENTED, **kwargs)
    MinutesFactory(
        event=event,
        body=f"## Austausch\n\n{SECRET} mit **fett**.<script>alert(1)</script>",
        results="- Ergebnis eins",
        recording_url="https://video.example.org/aufzeichnung",
        published_at=event.ends_at,
    )
    return event


# --- public event page ---------------------------------------------------------------------


def test_event_detail_shows_published_documentation_sanitised(client):
    event = documented_event()
    attachment = AttachmentFactory(event=event, title="Folien Bamberg")

    content = client.get(event.get_absolute_url()).content.decode()

    assert SECRET in content
    assert "<strong>fett</strong>" in content
    assert "<script>alert(1)</script>" not in content
    assert "Ergebnis eins" in content
    assert "https://video.example.org/aufzeichnung" in content
    assert f"/dokumentation/anhaenge/{attachment.pk}/" in content
    assert "Dokumentation als PDF herunterladen" in content


def test_event_detail_hides_unpublished_minutes_from_councillors(client):
    event = held_event()
    MinutesFactory(event=event, body=SECRET)
    client.force_login(UserFactory())

    content = client.get(event.get_absolute_url()).content.decode()

    assert SECRET not in content
    assert "Dokumentation bearbeiten" not in content


def test_event_detail_shows_unpublished_minutes_to_organisers(client):
    event = held_event()
    MinutesFactory(event=event, body=SECRET)
    client.force_login(OrganiserFactory())

    content = client.get(event.get_absolute_url()).content.decode()

    assert SECRET in content
    assert "Noch nicht veröffentlicht" in content
    assert "Dokumentation bearbeiten" in content


def test_network_documentation_absent_for_anonymous(client):
    event = documented_event(confidentiality=Confidentiality.NETWORK)
    attachment = AttachmentFactory(event=event)

    page = client.get(event.get_absolute_url())
    download = client.get(f"/netzwerk/termine/{event.slug}/dokumentation/anhaenge/{attachment.pk}/")
    pdf = client.get(f"/netzwerk/termine/{event.slug}/dokumentation.pdf")

    assert page.status_code == 302  # asked to log in (issue 12), nothing of the content
    assert SECRET not in page.content.decode()
    assert download.status_code == 404
    assert pdf.status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_event_detail_queries_constant_in_attachments(client, django_assert_num_queries, count):
    event = documented_event()
    item = AgendaItemFactory(event=event)
    for _ in range(count):
        AttachmentFactory(event=event)
    AttachmentFactory(event=event, agenda_item=item)

    # Hosts, co-hosts and topics in one query (events.queries.labels_of).
    with django_assert_num_queries(12):
        response = client.get(event.get_absolute_url())

    assert response.content.decode().count("/dokumentation/anhaenge/") == count + 2


# --- downloads -----------------------------------------------------------------------------


def test_attachment_download_sends_file_as_attachment_with_nosniff(client):
    event = documented_event()
    attachment = AttachmentFactory(event=event, original_name="Präsentation.pdf")

    response = client.get(f"/netzwerk/termine/{event.slug}/dokumentation/anhaenge/{attachment.pk}/")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Pr%C3%A4sentation.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_attachment_download_of_unpublished_documentation_denied(client):
    event = held_event()
    attachment = AttachmentFactory(event=event)
    client.force_login(UserFactory())

    response = client.get(f"/netzwerk/termine/{event.slug}/dokumentation/anhaenge/{attachment.pk}/")

    assert response.status_code == 404
    assert pdf_bytes() not in response.content


def test_attachment_download_of_other_event_not_found(client):
    event = documented_event()
    other = AttachmentFactory(event=documented_event())

    response = client.get(f"/netzwerk/termine/{event.slug}/dokumentation/anhaenge/{other.pk}/")

    assert response.status_code == 404


def test_documentation_pdf_download(client):
    event = documented_event(title="Auftakt PDF")

    response = client.get(f"/netzwerk/termine/{event.slug}/dokumentation.pdf")

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")


def test_documentation_pdf_of_unpublished_documentation_denied(client):
    event = held_event()
    MinutesFactory(event=event, body=SECRET)
    client.force_login(UserFactory())

    response = client.get(f"/netzwerk/termine/{event.slug}/dokumentation.pdf")

    assert response.status_code == 404
    assert not response.content.startswith(b"%PDF")


# --- organiser pages -----------------------------------------------------------------------


def manage_url(event):
    return f"/netzwerk/termine/{event.slug}/dokumentation/bearbeiten/"


def test_manage_page_shows_form_with_minutes(client):
    event = held_event()
    MinutesFactory(event=event, body=SECRET)
    AttachmentFactory(event=event, title="Teilnehmendenliste")
    client.force_login(OrganiserFactory())

    content = client.get(manage_url(event)).content.decode()

    assert "Dokumentation bearbeiten" in content
    assert SECRET in content
    assert "Teilnehmendenliste" in content
    assert "Dokumentation veröffentlichen" in content


@pytest.mark.parametrize("role", ["councillor", "coordinator", "speaker"])
def test_manage_page_denied_to_non_organisers(client, role):
    event = held_event()
    MinutesFactory(event=event, body=SECRET)
    client.force_login(UserFactory(role=role))

    response = client.get(manage_url(event))
    posted = client.post(manage_url(event), {"body": "Überschrieben"})

    assert response.status_code == 403
    assert SECRET not in response.content.decode()
    assert posted.status_code == 403
    assert Minutes.objects.get(event=event).body == SECRET


def test_manage_page_saves_minutes(client):
    event = held_event()
    client.force_login(OrganiserFactory())

    response = client.post(
        manage_url(event),
        {"body": "Neues Protokoll", "results": "Ergebnis", "recording_url": ""},
    )

    assert response.status_code == 302
    assert Minutes.objects.get(event=event).body == "Neues Protokoll"


def test_manage_page_bad_recording_link_shows_message(client):
    event = held_event()
    client.force_login(OrganiserFactory())

    response = client.post(manage_url(event), {"body": "x", "recording_url": "kein link"})

    assert response.status_code == 400
    assert "Bitte eine gültige Adresse eingeben." in response.content.decode()
    assert not Minutes.objects.exists()


def test_upload_attachment_happy_path(client):
    event = held_event()
    client.force_login(OrganiserFactory())

    response = client.post(
        f"/netzwerk/termine/{event.slug}/dokumentation/anhaenge/",
        {"title": "Präsentation", "file": upload("praesentation.pdf", pdf_bytes())},
    )

    assert response.status_code == 302
    assert Attachment.objects.get(event=event).title == "Präsentation"


def test_upload_disguised_file_shows_german_message(client):
    event = held_event()
    client.force_login(OrganiserFactory())

    response = client.post(
        f"/netzwerk/termine/{event.slug}/dokumentation/anhaenge/",
        {"title": "Bild", "file": upload("bericht.pdf", png_bytes(), "application/pdf")},
    )

    assert response.status_code == 400
    content = response.content.decode()
    assert "nicht, was ihr Name angibt" in content
    assert "PNG-Bild" in content
    assert not Attachment.objects.exists()


def test_upload_slides_happy_path_and_shown_in_section(client):
    event = held_event()
    item = AgendaItemFactory(event=event, title="Impuls Bamberg")
    client.force_login(OrganiserFactory())

    response = client.post(
        f"/netzwerk/termine/{event.slug}/dokumentation/folien/",
        {"agenda_item": item.pk, "file": upload("impuls.png", png_bytes())},
    )
    page = client.get(event.get_absolute_url()).content.decode()

    assert response.status_code == 302
    assert Attachment.objects.get(agenda_item=item).content_type == "image/png"
    assert "Folien zu den Programmpunkten" in page
    assert "impuls.png" in page


def test_upload_slides_for_foreign_agenda_item_rejected(client):
    event = held_event()
    AgendaItemFactory(event=event)
    foreign = AgendaItemFactory()
    client.force_login(OrganiserFactory())

    response = client.post(
        f"/netzwerk/termine/{event.slug}/dokumentation/folien/",
        {"agenda_item": foreign.pk, "file": upload("impuls.png", png_bytes())},
    )

    assert response.status_code == 400
    assert not Attachment.objects.exists()


def test_delete_attachment_view(client):
    event = held_event()
    attachment = AttachmentFactory(event=event)
    client.force_login(OrganiserFactory())

    response = client.post(
        f"/netzwerk/termine/{event.slug}/dokumentation/anhaenge/{attachment.pk}/entfernen/"
    )

    assert response.status_code == 302
    assert not Attachment.objects.exists()


def test_delete_attachment_denied_to_councillor(client):
    event = held_event()
    attachment = AttachmentFactory(event=event)
    client.force_login(UserFactory())

    response = client.post(
        f"/netzwerk/termine/{event.slug}/dokumentation/anhaenge/{attachment.pk}/entfernen/"
    )

    assert response.status_code == 403
    assert Attachment.objects.exists()


def test_publish_view_documents_and_mails(client, mailoutbox_clear):
    event = held_event()
    MinutesFactory(event=event)
    RegistrationFactory(event=event)
    client.force_login(OrganiserFactory())

    response = client.post(f"/netzwerk/termine/{event.slug}/dokumentation/veroeffentlichen/")

    event.refresh_from_db()
    assert response.status_code == 302
    assert event.status == EventStatus.DOCUMENTED
    assert len(mail.outbox) == 1


def test_publish_view_without_minutes_shows_message(client):
    event = held_event()
    client.force_login(OrganiserFactory())

    response = client.post(
        f"/netzwerk/termine/{event.slug}/dokumentation/veroeffentlichen/", follow=True
    )

    assert "Bitte schreiben Sie das Protokoll" in response.content.decode()
    event.refresh_from_db()
    assert event.status == EventStatus.HELD


# --- feedback ------------------------------------------------------------------------------


def feedback_url(event):
    return f"/netzwerk/termine/{event.slug}/feedback/"


def test_feedback_form_for_participant(client):
    event = documented_event()
    user = RegistrationFactory(event=event, status=RegistrationStatus.ATTENDED).user
    client.force_login(user)

    page = client.get(event.get_absolute_url()).content.decode()
    form = client.get(feedback_url(event)).content.decode()
    response = client.post(
        feedback_url(event), {"rating": "5", "useful": "Impulse", "topic_wishes": "Datenethik"}
    )

    assert "Rückmeldung geben" in page
    assert "Wie bewerten Sie dieses Stadtgespräch?" in form
    assert response.status_code == 302
    assert Feedback.objects.get(event=event, user=user).topic_wishes == "Datenethik"


def test_feedback_twice_redirects_with_message(client):
    event = documented_event()
    user = RegistrationFactory(event=event).user
    FeedbackFactory(event=event, user=user)
    client.force_login(user)

    response = client.post(feedback_url(event), {"rating": "1"}, follow=True)

    assert "bereits eine Rückmeldung" in response.content.decode()
    assert Feedback.objects.count() == 1


def test_feedback_denied_to_non_participant(client):
    event = documented_event()
    client.force_login(UserFactory())

    response = client.post(feedback_url(event), {"rating": "5"})

    assert response.status_code == 403
    assert not Feedback.objects.exists()


def test_feedback_bad_rating_shows_message(client):
    event = documented_event()
    client.force_login(RegistrationFactory(event=event).user)

    response = client.post(feedback_url(event), {"rating": "9"})

    assert response.status_code == 200
    assert "gültige Auswahl" in response.content.decode()
    assert not Feedback.objects.exists()


# --- Chatham House: speaker names on the event page ----------------------------------------


@pytest.mark.parametrize(("role", "shown"), [("councillor", False), ("participant", True)])
def test_chatham_house_speakers_on_event_page(client, role, shown):
    event = held_event(confidentiality=Confidentiality.CHATHAM_HOUSE)
    AgendaItemFactory(event=event, title="Impuls", external_speaker="Vera Vortragende")
    user = UserFactory()
    if role == "participant":
        RegistrationFactory(event=event, user=user, status=RegistrationStatus.ATTENDED)
    client.force_login(user)

    content = client.get(event.get_absolute_url()).content.decode()

    assert "Impuls" in content
    assert ("Vera Vortragende" in content) is shown


def test_agenda_shows_slides_link_when_documentation_visible(client):
    event = documented_event()
    item = AgendaItemFactory(event=event, title="Impuls Kaiserslautern")
    slides = AttachmentFactory(event=event, agenda_item=item, title="Folien KL")

    content = client.get(event.get_absolute_url()).content.decode()

    agenda = content[content.index("Impuls Kaiserslautern") : content.index("</ol>")]
    assert f"/dokumentation/anhaenge/{slides.pk}/" in agenda
    assert "Folien: Impuls Kaiserslautern" in agenda


def test_agenda_hides_slides_before_publishing(client):
    event = held_event()
    item = AgendaItemFactory(event=event, title="Impuls Kaiserslautern")
    slides = AttachmentFactory(event=event, agenda_item=item)
    client.force_login(UserFactory())

    content = client.get(event.get_absolute_url()).content.decode()

    assert "Impuls Kaiserslautern" in content
    assert f"/dokumentation/anhaenge/{slides.pk}/" not in content


def test_attachment_delete_buttons_ask_for_confirmation(client):
    event = held_event()
    AttachmentFactory(event=event, title="Folien Bamberg")
    client.force_login(OrganiserFactory())

    content = client.get(f"/netzwerk/termine/{event.slug}/dokumentation/bearbeiten/").content

    assert 'data-confirm="„Folien Bamberg“ endgültig löschen?"' in content.decode()
