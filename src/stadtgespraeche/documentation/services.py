"""Writes after the event: minutes, attachments and slides, publishing, feedback.

Uploaded files are checked by their content, never by their name (`core.uploads`).
"""

from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from stadtgespraeche.accounts.models import User
from stadtgespraeche.core import indexing, uploads
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.core.mail import send_templated_mail
from stadtgespraeche.documentation import queries as docs_queries
from stadtgespraeche.documentation.models import Attachment, Feedback, Minutes
from stadtgespraeche.events import speakers
from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.events.exceptions import EventError
from stadtgespraeche.events.models import AgendaItem, Event
from stadtgespraeche.events.services import mark_documented
from stadtgespraeche.notifications.services import notify
from stadtgespraeche.questions import queries as queries_questions
from stadtgespraeche.questions.models import LiveQuestion

NOTIFICATION_KIND_PUBLISHED = "events.documentation_published"


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
        indexing.changed(event)  # published minutes are findable (search)
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
    minutes.save(update_fields=["body", "updated_at"])
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


@transaction.atomic
def delete_attachment(attachment: Attachment, *, by: User | None) -> None:
    event, title = attachment.event, attachment.title
    _delete_file(attachment)
    log_action("events.attachment.deleted", actor=by, obj=event, data={"title": title})


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
        mark_documented(event, by=by)
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
    return feedback
