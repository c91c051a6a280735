"""Writes after the event: minutes, attachments and slides, publishing, feedback.

Uploaded files are checked by their content, never by their name (`core.uploads`).
Every write that changes what the documentation PDF shows asks the worker to render it
again: directly (`request_pdf_rendering`) or, where the write already announces the event
through the `core.indexing` port (minutes of published documentation, and every change made
by `events`: title, time, agenda, speakers), through `handle_change`.
"""

import contextlib
import logging
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from stadtgespraeche.accounts.models import User
from stadtgespraeche.core import indexing, uploads
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.core.mail import send_templated_mail
from stadtgespraeche.core.markdown import with_html
from stadtgespraeche.documentation import pdf
from stadtgespraeche.documentation import queries as docs_queries
from stadtgespraeche.documentation.models import Attachment, Feedback, Minutes, StoredPdf
from stadtgespraeche.events import speakers
from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.events.exceptions import EventError
from stadtgespraeche.events.models import AgendaItem, Event
from stadtgespraeche.events.services import mark_documented
from stadtgespraeche.notifications.services import notify
from stadtgespraeche.questions import queries as queries_questions
from stadtgespraeche.questions.models import LiveQuestion

NOTIFICATION_KIND_PUBLISHED = "events.documentation_published"
EVENT_LABEL = "events.event"

logger = logging.getLogger(__name__)


class DocumentationError(EventError):
    """A domain error about an event's documentation or feedback; shown to the person."""


class UploadRejected(DocumentationError):
    """An attachment or slides file failed the content check (`core.uploads`)."""


class FeedbackNotAllowed(DocumentationError):
    """The person may not (or no longer) give feedback on this event."""


def _require_organiser_event(event: Event) -> None:
    if event.status in (EventStatus.DRAFT, EventStatus.CANCELLED):
        raise DocumentationError(
            _("A draft or cancelled Stadtgespräch cannot have a documentation.")
        )


@transaction.atomic
def save_minutes(
    event: Event, *, body: str, results: str, recording_url: str, by: User | None
) -> Minutes:
    """Create or change the minutes, results and recording link of `event`."""
    _require_organiser_event(event)
    minutes, _created = Minutes.objects.get_or_create(event=event)
    minutes.body = body
    minutes.results = results
    minutes.recording_url = recording_url
    minutes.save()
    log_action(
        "events.minutes.saved", actor=by, obj=event, data={"published": minutes.is_published}
    )
    if minutes.is_published:
        indexing.changed(event)  # findable (search); out-of-date PDFs (handle_change)
    return minutes


@transaction.atomic
def import_questions_into_minutes(event: Event, *, by: User | None) -> Minutes:
    """Append the live Q&A questions (without names) to the minutes of `event`."""
    _require_organiser_event(event)
    if not LiveQuestion.objects.filter(event=event).exists():
        raise DocumentationError(_("No questions were asked in the live Q&A of this event."))
    minutes, _created = Minutes.objects.get_or_create(event=event)
    text = queries_questions.questions_markdown(event)
    minutes.body = f"{minutes.body.rstrip()}\n\n{text}" if minutes.body.strip() else text
    minutes.save(update_fields=with_html(Minutes, ["body", "updated_at"]))
    log_action("events.minutes.questions_imported", actor=by, obj=event)
    if minutes.is_published:
        indexing.changed(event)
    return minutes


@transaction.atomic
def add_attachment(
    event: Event,
    *,
    title: str,
    upload: UploadedFile,
    by: User | None,
    agenda_item: AgendaItem | None = None,
) -> Attachment:
    """Store a checked file for `event` (as the slides of `agenda_item` when given).

    New slides replace the previous slides of the same agenda item.
    """
    _require_organiser_event(event)
    if agenda_item is not None and agenda_item.event_id != event.pk:
        raise DocumentationError(_("The agenda item does not belong to this Stadtgespräch."))
    try:
        kind = uploads.inspect_upload(upload)
    except uploads.UploadRejected as error:
        raise UploadRejected(str(error)) from error
    if agenda_item is not None:
        for old in Attachment.objects.filter(agenda_item=agenda_item):
            _delete_file(old)
    original_name = Path(upload.name or "").name[:255]
    attachment = Attachment(
        event=event,
        agenda_item=agenda_item,
        title=title or original_name,
        original_name=original_name,
        content_type=kind.content_type,
        size=upload.size or 0,
        uploaded_by=by,
    )
    attachment.file.save(original_name, upload, save=False)
    attachment.save()
    log_action(
        "events.attachment.added",
        actor=by,
        obj=event,
        data={"title": attachment.title, "type": kind.content_type, "slides": bool(agenda_item)},
    )
    request_pdf_rendering(event)
    return attachment


@transaction.atomic
def upload_speaker_slides(item: AgendaItem, *, upload: UploadedFile, by: User) -> Attachment:
    """A speaker uploads the slides of their own agenda item before the event ends; they
    replace earlier slides of the item and are checked like every upload."""
    if not speakers.is_speaker(by, item):
        raise DocumentationError(_("Only a speaker of this agenda item can upload its slides."))
    if not speakers.is_open_for_speakers(item):
        raise DocumentationError(
            _("This Stadtgespräch is over or cancelled; the agenda item can no longer be changed.")
        )
    return add_attachment(
        item.event,
        title=_("Slides: %(title)s") % {"title": item.title},
        upload=upload,
        agenda_item=item,
        by=by,
    )


def _delete_file(attachment: Attachment) -> None:
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    # Remove the file only once the row is gone for good.
    transaction.on_commit(lambda: storage.delete(name) if name else None)


def remove_slides(item: AgendaItem) -> None:
    """Listener of `events.changes.register_agenda_item_removal`: the slides of a removed
    agenda item go with it (the row now, the file once the removal is committed)."""
    slides = list(Attachment.objects.filter(agenda_item=item))
    for attachment in slides:
        _delete_file(attachment)
    if slides:
        request_pdf_rendering(item.event)


@transaction.atomic
def delete_attachment(attachment: Attachment, *, by: User | None) -> None:
    event, title = attachment.event, attachment.title
    _delete_file(attachment)
    log_action("events.attachment.deleted", actor=by, obj=event, data={"title": title})
    request_pdf_rendering(event)


@transaction.atomic
def publish_documentation(event: Event, *, by: User | None) -> Minutes:
    """Publish the documentation of a held event: status "documented", participants told.

    Only after the end of the event. An event that was set to "documented" without its
    documentation (possible before that status followed from publishing) can still publish it.
    """
    minutes = Minutes.objects.filter(event=event).first()
    if minutes is None or not minutes.body.strip():
        raise DocumentationError(_("Please write the minutes before publishing them."))
    if minutes.is_published:
        raise DocumentationError(_("The documentation is already published."))
    if event.status not in docs_queries.PUBLISHABLE_STATUSES:
        raise DocumentationError(
            _("Only a Stadtgespräch that has been held can be documented; it is “%(status)s”.")
            % {"status": event.get_status_display()}
        )
    if event.ends_at > timezone.now():
        raise DocumentationError(
            _("The documentation can be published once the Stadtgespräch has ended.")
        )
    if event.status == EventStatus.HELD:
        mark_documented(event, by=by)  # announces the change: handle_change queues the PDFs
    else:
        request_pdf_rendering(event)
    minutes.published_at = timezone.now()
    minutes.published_by = by
    minutes.save(update_fields=["published_at", "published_by", "updated_at"])
    log_action("events.documentation.published", actor=by, obj=event)
    for person in docs_queries.participants(event):
        with translation.override(person.language or settings.LANGUAGE_CODE):
            title = _("Documentation published: %(title)s") % {"title": event.title}
        notify(
            [person],
            kind=NOTIFICATION_KIND_PUBLISHED,
            title=title,
            url=event.get_absolute_url(),
            key=f"{NOTIFICATION_KIND_PUBLISHED}:{event.pk}",
            mailed_separately=True,
        )
        send_templated_mail(
            to=[person.email],
            template="documentation/emails/documentation_published",
            context={"event": event, "person": person},
            language=person.language,
        )
    return minutes


@transaction.atomic
def give_feedback(
    event: Event, *, user: User, rating: int, useful: str = "", topic_wishes: str = ""
) -> Feedback:
    """Record `user`'s feedback on `event`: participants only, after the end, once."""
    if not docs_queries.is_participant(user, event):
        raise FeedbackNotAllowed(_("Only participants of this Stadtgespräch can give feedback."))
    if not docs_queries.has_ended(event):
        raise FeedbackNotAllowed(_("Feedback is possible once the Stadtgespräch has ended."))
    if not 1 <= rating <= 5:
        raise FeedbackNotAllowed(_("Please choose a rating from 1 to 5."))
    if Feedback.objects.filter(event=event, user=user).exists():
        raise FeedbackNotAllowed(_("You have already given feedback on this Stadtgespräch."))
    try:
        with transaction.atomic():
            feedback = Feedback.objects.create(
                event=event, user=user, rating=rating, useful=useful, topic_wishes=topic_wishes
            )
    except IntegrityError as error:
        raise FeedbackNotAllowed(
            _("You have already given feedback on this Stadtgespräch.")
        ) from error
    # Feedback is anonymous (the form promises it): the audit log records that feedback was
    # given on the event, never by whom or which rating.
    log_action("events.feedback.given", obj=event)
    request_pdf_rendering(event)  # the PDF shows the feedback summary
    return feedback


# --- The stored documentation PDFs (documentation.pdf, documentation.tasks) ----------------
def request_pdf_rendering(event: Event) -> None:
    """Once the surrounding transaction commits, queue the rendering of `event`'s PDFs when
    its documentation is published (the task checks again and is harmless when repeated)."""
    event_id = event.pk

    def enqueue() -> None:
        if not docs_queries.is_documentation_published(event):
            return
        from stadtgespraeche.documentation.tasks import render_documentation_pdfs

        render_documentation_pdfs.enqueue(event_id=event_id)

    transaction.on_commit(enqueue)


def handle_change(model_label: str, pk: int, removed: bool) -> None:
    """The `core.indexing` handler: an event's title, time, agenda or speakers changed."""
    if model_label != EVENT_LABEL:
        return
    if removed:
        remove_stored_pdfs(pk)
        return
    event = Event.objects.filter(pk=pk).first()
    if event is None:
        remove_stored_pdfs(pk)
    else:
        request_pdf_rendering(event)


def remove_stored_pdfs(event_id: int) -> int:
    """Delete the stored PDFs of the event `event_id` (also files left by a deleted event)."""
    stored = list(StoredPdf.objects.filter(event_id=event_id))
    StoredPdf.objects.filter(pk__in=[row.pk for row in stored]).delete()
    storage = StoredPdf._meta.get_field("file").storage
    directory = f"documentation-pdf/{event_id}"
    names = {row.file.name for row in stored if row.file.name}
    with contextlib.suppress(FileNotFoundError, NotImplementedError):
        names.update(f"{directory}/{name}" for name in storage.listdir(directory)[1])
    transaction.on_commit(lambda: _delete_files(storage, names))
    return len(stored)


def _delete_files(storage: Storage, names: set[str]) -> None:
    for name in names:
        with contextlib.suppress(FileNotFoundError):
            storage.delete(name)


def store_pdfs(event_id: int) -> int:
    """Render and store every variant of the event's PDF whose stored file is missing or out
    of date; returns how many were rendered. Unpublished or deleted: the stored PDFs go."""
    event = Event.objects.filter(pk=event_id).first()
    if event is None or not docs_queries.is_documentation_published(event):
        remove_stored_pdfs(event_id)
        return 0
    wanted = pdf.variants(event)
    for row in StoredPdf.objects.filter(event=event):
        if (row.language, row.speakers_visible) not in wanted:
            _remove_stored(row)
    rendered = 0
    for language, speakers_visible in wanted:
        with translation.override(language):
            prepared = pdf.prepare(event, speakers_visible=speakers_visible)
            current = docs_queries.stored_pdf(
                event, language=language, speakers_visible=speakers_visible
            )
            if current is not None and current.fingerprint == prepared.fingerprint:
                continue
            data = prepared.render()
        _store(event, language, speakers_visible, prepared.fingerprint, data)
        rendered += 1
    return rendered


def _store(
    event: Event, language: str, speakers_visible: bool, fingerprint: str, data: bytes
) -> None:
    """Write the new file under a new name, point the row at it, then drop the old file: a
    reader gets the old or the new PDF, never a partly written one."""
    storage = StoredPdf._meta.get_field("file").storage
    variant = f"{language}-{'speakers' if speakers_visible else 'chatham-house'}"
    name = storage.save(
        f"documentation-pdf/{event.pk}/{variant}-{fingerprint[:16]}.pdf", ContentFile(data)
    )
    try:
        with transaction.atomic():
            row, created = StoredPdf.objects.select_for_update().get_or_create(
                event=event,
                language=language,
                speakers_visible=speakers_visible,
                defaults={"fingerprint": fingerprint, "file": name, "rendered_at": timezone.now()},
            )
            if not created:
                old = row.file.name
                row.file.name = name
                row.fingerprint = fingerprint
                row.rendered_at = timezone.now()
                row.save(update_fields=["file", "fingerprint", "rendered_at"])
                if old and old != name:
                    transaction.on_commit(lambda: _delete_files(storage, {old}))
    except Exception:
        _delete_files(storage, {name})
        raise
    logger.info("Documentation PDF of event %s stored (%s)", event.pk, variant)


def _remove_stored(row: StoredPdf) -> None:
    storage, name = row.file.storage, row.file.name
    row.delete()
    if name:
        transaction.on_commit(lambda: _delete_files(storage, {name}))
