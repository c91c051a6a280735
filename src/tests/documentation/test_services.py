"""Services after the event: upload checks, minutes, attachments, publishing, feedback."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from stadtgespraeche.core import uploads
from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.documentation import queries as docs_queries
from stadtgespraeche.documentation import services
from stadtgespraeche.documentation.models import Attachment, Feedback, Minutes
from stadtgespraeche.events import services as event_services
from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.notifications.models import Notification
from stadtgespraeche.registrations.enums import RegistrationStatus
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.documentation import (
    AttachmentFactory,
    FeedbackFactory,
    MinutesFactory,
    docx_bytes,
    held_event,
    odt_bytes,
    pdf_bytes,
    png_bytes,
    upload,
    zip_bytes,
)
from tests.factories.events import AgendaItemFactory, EventFactory
from tests.factories.registrations import RegistrationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


# --- inspect_upload ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("protokoll.pdf", pdf_bytes(), "application/pdf"),
        ("foto.png", png_bytes(), "image/png"),
        ("foto.jpg", png_bytes(image_format="JPEG"), "image/jpeg"),
        ("foto.JPEG", png_bytes(image_format="JPEG"), "image/jpeg"),
        ("foto.webp", png_bytes(image_format="WEBP"), "image/webp"),
        ("text.docx", docx_bytes(), uploads.DOCX.content_type),
        (
            "tabelle.xlsx",
            zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>"}),
            uploads.XLSX.content_type,
        ),
        (
            "folien.pptx",
            zip_bytes({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p/>"}),
            uploads.PPTX.content_type,
        ),
        ("text.odt", odt_bytes(), uploads.ODT.content_type),
        (
            "tabelle.ods",
            zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
            uploads.ODS.content_type,
        ),
        (
            "folien.odp",
            zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.presentation"}),
            uploads.ODP.content_type,
        ),
    ],
)
def test_inspect_upload_accepts_allowed_content(name, content, content_type):
    assert uploads.inspect_upload(upload(name, content)).content_type == content_type


def test_inspect_upload_rejects_png_named_pdf_with_german_message():
    with pytest.raises(uploads.UploadRejected) as error:
        uploads.inspect_upload(upload("protokoll.pdf", png_bytes(), "application/pdf"))
    message = str(error.value)
    assert "protokoll.pdf" in message
    assert "PNG-Bild" in message
    assert ".png" in message


def test_inspect_upload_rejects_exe_renamed_docx():
    with pytest.raises(uploads.UploadRejected) as error:
        uploads.inspect_upload(upload("bericht.docx", EXE))
    assert "kein erlaubter Dateityp" in str(error.value)


def test_inspect_upload_rejects_oversize(settings):
    settings.EVENT_DOCUMENT_MAX_MB = 1
    big = pdf_bytes() + b"0" * (1024 * 1024)
    with pytest.raises(uploads.UploadRejected) as error:
        uploads.inspect_upload(upload("gross.pdf", big))
    assert "1 MB" in str(error.value)


def test_inspect_upload_rejects_empty_file():
    with pytest.raises(uploads.UploadRejected, match="leer"):
        uploads.inspect_upload(upload("leer.pdf", b""))


def test_inspect_upload_rejects_truncated_image_with_png_signature():
    with pytest.raises(uploads.UploadRejected):
        uploads.inspect_upload(upload("kaputt.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 10))


@pytest.mark.parametrize(
    "content",
    [
        zip_bytes({"readme.txt": b"hallo"}),  # a plain ZIP
        zip_bytes({"[Content_Types].xml": b"<Types/>", "other/x.xml": b"<x/>"}),
        zip_bytes({"mimetype": b"application/epub+zip"}),
        b"PK\x03\x04not really a zip",
    ],
)
def test_inspect_upload_rejects_other_zip_archives(content):
    with pytest.raises(uploads.UploadRejected):
        uploads.inspect_upload(upload("datei.docx", content))


def test_inspect_upload_rejects_docx_content_named_odt():
    with pytest.raises(uploads.UploadRejected, match="Word-Dokument"):
        uploads.inspect_upload(upload("text.odt", docx_bytes()))


# --- minutes ------------------------------------------------------------------------------


def test_save_minutes_creates_then_updates():
    event = held_event()
    organiser = OrganiserFactory()
    services.save_minutes(event, body="Erst", results="", recording_url="", by=organiser)
    minutes = services.save_minutes(
        event, body="Dann", results="R", recording_url="https://example.org/r", by=organiser
    )
    assert Minutes.objects.get(event=event).body == "Dann"
    assert minutes.recording_url == "https://example.org/r"
    assert AuditLog.objects.filter(action="events.minutes.saved").count() == 2


@pytest.mark.parametrize("status", [EventStatus.DRAFT, EventStatus.CANCELLED])
def test_save_minutes_refused_for_draft_or_cancelled(status):
    event = EventFactory(status=status)
    with pytest.raises(services.DocumentationError):
        services.save_minutes(event, body="x", results="", recording_url="", by=None)
    assert not Minutes.objects.exists()


# --- attachments and slides ------------------------------------------------------------------


def test_add_attachment_stores_privately_with_checked_type():
    event = held_event()
    attachment = services.add_attachment(
        event, title="", upload=upload("Präsentation.pdf", pdf_bytes()), by=None
    )
    assert attachment.title == "Präsentation.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(pdf_bytes())
    path = Path(attachment.file.path)
    assert path.is_file()
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))
    assert "Präsentation" not in path.name  # stored under a random name


def test_add_attachment_rejected_stores_nothing():
    event = held_event()
    with pytest.raises(services.UploadRejected):
        services.add_attachment(event, title="X", upload=upload("a.pdf", png_bytes()), by=None)
    assert not Attachment.objects.exists()


def test_add_attachment_refused_for_draft():
    with pytest.raises(services.DocumentationError):
        services.add_attachment(
            EventFactory(status=EventStatus.DRAFT),
            title="X",
            upload=upload("a.pdf", pdf_bytes()),
            by=None,
        )


def test_add_slides_replace_earlier_slides(django_capture_on_commit_callbacks):
    event = held_event()
    item = AgendaItemFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.add_attachment(
            event, title="F1", upload=upload("f1.pdf", pdf_bytes()), agenda_item=item, by=None
        )
        first_path = Path(first.file.path)
        second = services.add_attachment(
            event, title="F2", upload=upload("f2.png", png_bytes()), agenda_item=item, by=None
        )
    assert list(Attachment.objects.filter(agenda_item=item)) == [second]
    assert not first_path.exists()


def test_add_slides_for_agenda_item_of_other_event_refused():
    event = held_event()
    other_item = AgendaItemFactory()
    with pytest.raises(services.DocumentationError):
        services.add_attachment(
            event, title="X", upload=upload("a.pdf", pdf_bytes()), agenda_item=other_item, by=None
        )


def test_delete_attachment_removes_row_and_file(django_capture_on_commit_callbacks):
    attachment = AttachmentFactory(event=held_event())
    path = Path(attachment.file.path)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_attachment(attachment, by=None)
    assert not Attachment.objects.exists()
    assert not path.exists()
    assert AuditLog.objects.filter(action="events.attachment.deleted").exists()


def _slides(item, name="folien.pdf"):
    return services.add_attachment(
        item.event, title="", upload=upload(name, pdf_bytes()), agenda_item=item, by=None
    )


def test_removing_an_agenda_item_deletes_its_slides_after_the_commit(
    django_capture_on_commit_callbacks,
):
    event = held_event()
    item, other = AgendaItemFactory(event=event), AgendaItemFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        removed_path = Path(_slides(item).file.path)
        kept = _slides(other, "andere.pdf")
    assert removed_path.is_file()
    assert removed_path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        event_services.delete_agenda_item(item, by=None)
        # Until the commit the file stays: a rolled-back removal loses nothing.
        assert removed_path.is_file()
    for callback in callbacks:
        callback()

    assert not removed_path.exists()
    assert list(Attachment.objects.all()) == [kept]
    assert Path(kept.file.path).is_file()


def test_a_rolled_back_removal_keeps_the_slides_and_their_file(
    django_capture_on_commit_callbacks,
):
    item = AgendaItemFactory(event=held_event())
    item_pk = item.pk
    with django_capture_on_commit_callbacks(execute=True):
        path = Path(_slides(item).file.path)

    def remove_then_fail():
        with transaction.atomic():
            event_services.delete_agenda_item(item, by=None)
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError):
        remove_then_fail()

    assert path.is_file()
    assert Attachment.objects.filter(agenda_item_id=item_pk).exists()


def test_removing_an_agenda_item_without_slides_deletes_no_file(
    django_capture_on_commit_callbacks,
):
    event = held_event()
    item = AgendaItemFactory(event=event)
    attachment = AttachmentFactory(event=event)

    with django_capture_on_commit_callbacks(execute=True):
        event_services.delete_agenda_item(item, by=None)

    assert Path(attachment.file.path).is_file()
    assert list(Attachment.objects.all()) == [attachment]


# --- publishing ----------------------------------------------------------------------------


def test_publish_documentation_documents_and_informs_participants(mailoutbox_clear):
    event = held_event(title="Auftakt")
    MinutesFactory(event=event)
    registered = RegistrationFactory(event=event).user
    attended = RegistrationFactory(
        event=event, status=RegistrationStatus.ATTENDED, user=UserFactory(language="en")
    ).user
    RegistrationFactory(event=event, status=RegistrationStatus.WAITLISTED)
    RegistrationFactory(event=event, status=RegistrationStatus.CANCELLED)
    organiser = OrganiserFactory()

    minutes = services.publish_documentation(event, by=organiser)

    event.refresh_from_db()
    assert event.status == EventStatus.DOCUMENTED
    assert minutes.published_at is not None
    assert minutes.published_by == organiser
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([registered.email, attended.email])
    by_address = {message.to[0]: message for message in mail.outbox}
    assert by_address[registered.email].subject == "Dokumentation veröffentlicht: Auftakt"
    assert by_address[attended.email].subject == "Documentation published: Auftakt"
    assert event.get_absolute_url() in by_address[registered.email].body
    notified = set(Notification.objects.values_list("recipient_id", flat=True))
    assert notified == {registered.pk, attended.pk}
    assert Notification.objects.get(recipient=attended).title.startswith("Documentation")


def test_publish_documentation_without_minutes_refused():
    event = held_event()
    with pytest.raises(services.DocumentationError, match="Protokoll"):
        services.publish_documentation(event, by=None)
    MinutesFactory(event=event, body="   ")
    with pytest.raises(services.DocumentationError):
        services.publish_documentation(event, by=None)


def test_publish_documentation_twice_refused(mailoutbox_clear):
    event = held_event()
    MinutesFactory(event=event)
    RegistrationFactory(event=event)
    services.publish_documentation(event, by=None)
    with pytest.raises(services.DocumentationError, match="bereits"):
        services.publish_documentation(event, by=None)
    assert len(mail.outbox) == 1


def test_publish_documentation_before_held_refused():
    event = EventFactory(status=EventStatus.REGISTRATION_CLOSED)
    MinutesFactory(event=event)
    with pytest.raises(services.DocumentationError):
        services.publish_documentation(event, by=None)
    assert Minutes.objects.get(event=event).published_at is None


def test_publish_documentation_before_the_end_refused():
    start = timezone.now() - datetime.timedelta(hours=1)
    event = held_event(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    MinutesFactory(event=event)
    with pytest.raises(services.DocumentationError, match="beendet"):
        services.publish_documentation(event, by=None)
    event.refresh_from_db()
    assert event.status == EventStatus.HELD
    assert Minutes.objects.get(event=event).published_at is None


def test_publish_documentation_of_event_documented_without_it(mailoutbox_clear):
    # The old status button could set "documented" without publishing: no dead end.
    event = held_event(status=EventStatus.DOCUMENTED)
    MinutesFactory(event=event)
    RegistrationFactory(event=event)

    minutes = services.publish_documentation(event, by=None)

    assert minutes.published_at is not None
    event.refresh_from_db()
    assert event.status == EventStatus.DOCUMENTED
    assert len(mail.outbox) == 1


def test_can_publish_only_after_the_end_when_held_and_unpublished():
    event = held_event()
    assert docs_queries.can_publish(event, None)
    minutes = MinutesFactory(event=event)
    assert docs_queries.can_publish(event, minutes)
    minutes.published_at = timezone.now()
    assert not docs_queries.can_publish(event, minutes)
    running = held_event(ends_at=timezone.now() + datetime.timedelta(minutes=5))
    assert not docs_queries.can_publish(running, None)
    assert not docs_queries.can_publish(EventFactory(status=EventStatus.REGISTRATION_CLOSED), None)


# --- feedback ------------------------------------------------------------------------------


def test_give_feedback_records_once():
    event = held_event()
    user = RegistrationFactory(event=event, status=RegistrationStatus.ATTENDED).user
    feedback = services.give_feedback(
        event, user=user, rating=5, useful="Die Impulse", topic_wishes="Datenethik"
    )
    assert feedback.rating == 5
    with pytest.raises(services.FeedbackNotAllowed, match="bereits"):
        services.give_feedback(event, user=user, rating=3)
    assert Feedback.objects.count() == 1


def test_give_feedback_audit_entry_names_neither_person_nor_rating():
    event = held_event()
    user = RegistrationFactory(event=event, status=RegistrationStatus.ATTENDED).user
    services.give_feedback(event, user=user, rating=2, useful="Nichts")
    entry = AuditLog.objects.get(action="events.feedback.given")
    assert entry.actor is None
    assert entry.actor_repr == ""
    assert entry.ip_address is None
    assert entry.data == {}
    assert entry.object_id == str(event.pk)
    assert not AuditLog.objects.filter(actor=user).exists()


def test_give_feedback_before_end_refused():
    event = EventFactory(status=EventStatus.REGISTRATION_CLOSED)
    user = RegistrationFactory(event=event).user
    with pytest.raises(services.FeedbackNotAllowed, match="beendet"):
        services.give_feedback(event, user=user, rating=4)


def test_give_feedback_held_but_not_yet_over_refused():
    start = timezone.now() - datetime.timedelta(minutes=30)
    event = held_event(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    user = RegistrationFactory(event=event).user
    with pytest.raises(services.FeedbackNotAllowed):
        services.give_feedback(event, user=user, rating=4)


@pytest.mark.parametrize(
    "status", [RegistrationStatus.WAITLISTED, RegistrationStatus.CANCELLED, None]
)
def test_give_feedback_by_non_participant_refused(status):
    event = held_event()
    user = UserFactory()
    if status is not None:
        RegistrationFactory(event=event, user=user, status=status)
    with pytest.raises(services.FeedbackNotAllowed, match="Teilnehmende"):
        services.give_feedback(event, user=user, rating=4)


@pytest.mark.parametrize("rating", [0, 6])
def test_give_feedback_rating_out_of_range_refused(rating):
    event = held_event()
    user = RegistrationFactory(event=event).user
    with pytest.raises(services.FeedbackNotAllowed):
        services.give_feedback(event, user=user, rating=rating)


def test_feedback_database_allows_one_per_person():
    feedback = FeedbackFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Feedback.objects.create(event=feedback.event, user=feedback.user, rating=2)


def test_feedback_database_checks_rating_range():
    event = held_event()
    with pytest.raises(IntegrityError), transaction.atomic():
        Feedback.objects.create(event=event, user=UserFactory(), rating=6)


# --- personal data -------------------------------------------------------------------------


def test_feedback_is_exported_and_erased_without_losing_the_rating():
    from stadtgespraeche.documentation import personal_data as personal_data_documentation

    feedback = FeedbackFactory(rating=2, useful="Mein Text", topic_wishes="Wunsch")
    user = feedback.user

    exported = personal_data_documentation.export_feedback(user)
    personal_data_documentation.erase_feedback(user)

    # Anonymous feedback: the export says only on which event feedback was given.
    assert exported == {"feedback": [{"event": str(feedback.event)}]}
    feedback.refresh_from_db()
    assert feedback.user is None
    assert feedback.rating == 2
    assert (feedback.useful, feedback.topic_wishes) == ("", "")


def test_migration_anonymises_older_feedback_audit_entries():
    import importlib

    from django.apps import apps

    from stadtgespraeche.core.audit import log_action

    migration = importlib.import_module(
        "stadtgespraeche.documentation.migrations.0002_anonymise_feedback_audit"
    )
    event, user = held_event(), UserFactory()
    log_action("events.feedback.given", actor=user, obj=event, data={"rating": 1})
    other = log_action("events.minutes.saved", actor=user, obj=event, data={"published": False})
    migration.anonymise_feedback_entries(apps, None)
    entry = AuditLog.objects.get(action="events.feedback.given")
    assert (entry.actor, entry.actor_repr, entry.data) == (None, "", {})
    other.refresh_from_db()
    assert other.actor == user
