"""Writes of the knowledge base: create, edit (with versions), review workflow, delete.

Every write is audited; the search index hears of changes to published entries through
`core.indexing`; authors and reviewers are told through `notifications`.
"""

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from stadtgespraeche.accounts.models import User
from stadtgespraeche.core import indexing
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.core.mail import send_templated_mail
from stadtgespraeche.core.uploads import UploadRejected, inspect_upload
from stadtgespraeche.municipalities.models import Municipality
from stadtgespraeche.notifications.services import notify

from .enums import TEXT_FIELDS, EditorialState
from .exceptions import PracticeError
from .models import Practice, PracticeAttachment, PracticeVersion

M2M_FIELDS = ("municipalities", "topics", "related_events", "related_impulses")
EDITABLE_FIELDS = frozenset({*TEXT_FIELDS, "status", "started_in", "contact", *M2M_FIELDS})

KIND_SUBMITTED = "knowledge.submitted"
KIND_PUBLISHED = "knowledge.published"
KIND_RETURNED = "knowledge.returned"


def _unique_slug(title: str) -> str:
    base = slugify(title)[:200] or "praxisbeispiel"
    slug, counter = base, 2
    while Practice.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def _snapshot(practice: Practice) -> dict[str, Any]:
    content: dict[str, Any] = {name: getattr(practice, name) for name in TEXT_FIELDS}
    content["status"] = str(practice.get_status_display())
    content["started_in"] = practice.started_in
    content["municipalities"] = sorted(m.name for m in practice.municipalities.all())
    content["topics"] = sorted(t.title for t in practice.topics.all())
    return content


def _record_version(practice: Practice, by: User | None) -> PracticeVersion | None:
    """Store a new version if the content differs from the latest one."""
    content = _snapshot(practice)
    latest = practice.versions.order_by("-number").first()
    if latest is not None and latest.content == content:
        return None
    number = (latest.number if latest else 0) + 1
    return PracticeVersion.objects.create(
        practice=practice, number=number, author=by, content=content
    )


def _check(fields: dict[str, Any]) -> None:
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"Not editable: {sorted(unknown)}")
    if "title" in fields and not str(fields["title"]).strip():
        raise PracticeError(_("Please give the good practice a title."))
    if "municipalities" in fields and not list(fields["municipalities"]):
        raise PracticeError(_("Please choose at least one municipality."))


def _set_m2m(practice: Practice, values: dict[str, Iterable[Model]]) -> None:
    for name, objects in values.items():
        getattr(practice, name).set(objects)


@transaction.atomic
def create_practice(
    *, author: User, title: str, municipalities: Iterable[Municipality], **fields: Any
) -> Practice:
    """A new draft by `author`, with its first version."""
    fields = {"title": title, "municipalities": list(municipalities), **fields}
    _check(fields)
    m2m = {name: fields.pop(name) for name in M2M_FIELDS if name in fields}
    practice = Practice.objects.create(
        slug=_unique_slug(title), author=author, state=EditorialState.DRAFT, **fields
    )
    _set_m2m(practice, m2m)
    _record_version(practice, author)
    log_action("knowledge.practice.created", actor=author, obj=practice, data={"title": title})
    return practice


@transaction.atomic
def update_practice(practice: Practice, *, by: User, **fields: Any) -> Practice:
    """Change the content; a new version is stored when something changed."""
    _check(fields)
    m2m = {name: fields.pop(name) for name in M2M_FIELDS if name in fields}
    # Work on the locked row, so a stale instance never overwrites the editorial state.
    locked = Practice.objects.select_for_update().get(pk=practice.pk)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save()
    _set_m2m(locked, m2m)
    version = _record_version(locked, by)
    if version is not None:
        log_action(
            "knowledge.practice.updated",
            actor=by,
            obj=locked,
            data={"version": version.number},
        )
    if locked.is_published:
        indexing.changed(locked)
    practice.refresh_from_db()
    return locked


def _lock(practice: Practice, *, expected: set[str]) -> Practice:
    locked = Practice.objects.select_for_update().get(pk=practice.pk)
    if locked.state not in expected:
        raise PracticeError(
            _("This good practice is “%(state)s” and cannot take this step.")
            % {"state": locked.get_state_display()}
        )
    # The caller's instance follows the locked row's state changes (see _sync).
    return locked


def _sync(practice: Practice, locked: Practice) -> Practice:
    for name in ("state", "submitted_at", "published_at", "reviewed_by_id", "review_note"):
        setattr(practice, name, getattr(locked, name))
    return locked


def _reviewers(practice: Practice) -> list[User]:
    coordinators = User.objects.filter(
        is_active=True,
        affiliations__role="coordinator",
        affiliations__municipality__in=practice.municipalities.all(),
    )
    organisers = User.objects.filter(is_active=True, role="organiser")
    return list((coordinators | organisers).distinct())


def _url(practice: Practice) -> str:
    return reverse("knowledge:practice-detail", kwargs={"slug": practice.slug})


def _mail_author(practice: Practice, template: str, **context: Any) -> None:
    author = practice.author
    if author is None or not author.is_active:
        return
    send_templated_mail(
        to=[author.email],
        template=f"knowledge/emails/{template}",
        context={"practice": practice, "person": author, **context},
        language=getattr(author, "language", None) or None,
    )


@transaction.atomic
def submit_for_review(practice: Practice, *, by: User) -> Practice:
    """Draft → in review; the reviewers are notified."""
    locked = _lock(practice, expected={EditorialState.DRAFT})
    if not locked.problem.strip() or not locked.approach.strip():
        raise PracticeError(_("Please describe the problem and the approach before submitting."))
    locked.state = EditorialState.IN_REVIEW
    locked.submitted_at = timezone.now()
    locked.review_note = ""
    locked.save(update_fields=["state", "submitted_at", "review_note", "updated_at"])
    log_action("knowledge.practice.submitted", actor=by, obj=locked)
    reviewers = [person for person in _reviewers(locked) if person.pk != by.pk]
    notify(
        reviewers,
        kind=KIND_SUBMITTED,
        title=_("Good practice to review: %(title)s") % {"title": locked.title},
        url=_url(locked),
        key=f"{KIND_SUBMITTED}:{locked.pk}:{locked.submitted_at.isoformat()}",
    )
    return _sync(practice, locked)


@transaction.atomic
def publish(practice: Practice, *, by: User) -> Practice:
    """In review → published; the author is notified; the search index is updated."""
    locked = _lock(practice, expected={EditorialState.IN_REVIEW})
    locked.state = EditorialState.PUBLISHED
    locked.published_at = locked.published_at or timezone.now()
    locked.reviewed_by = by
    locked.review_note = ""
    locked.save(update_fields=["state", "published_at", "reviewed_by", "review_note", "updated_at"])
    log_action("knowledge.practice.published", actor=by, obj=locked)
    indexing.changed(locked)
    if locked.author is not None and locked.author_id != by.pk:
        notify(
            [locked.author],
            kind=KIND_PUBLISHED,
            title=_("Your good practice was published: %(title)s") % {"title": locked.title},
            url=_url(locked),
            mailed_separately=True,
        )
        _mail_author(locked, "published")
    return _sync(practice, locked)


@transaction.atomic
def return_to_author(practice: Practice, *, by: User, note: str) -> Practice:
    """In review → draft with a note explaining what is missing."""
    if not note.strip():
        raise PracticeError(_("Please tell the author what to change."))
    locked = _lock(practice, expected={EditorialState.IN_REVIEW})
    locked.state = EditorialState.DRAFT
    locked.reviewed_by = by
    locked.review_note = note.strip()
    locked.save(update_fields=["state", "reviewed_by", "review_note", "updated_at"])
    log_action("knowledge.practice.returned", actor=by, obj=locked)
    if locked.author is not None and locked.author_id != by.pk:
        notify(
            [locked.author],
            kind=KIND_RETURNED,
            title=_("Your good practice needs changes: %(title)s") % {"title": locked.title},
            url=_url(locked),
            body=locked.review_note,
            mailed_separately=True,
        )
        _mail_author(locked, "returned", note=locked.review_note)
    return _sync(practice, locked)


@transaction.atomic
def unpublish(practice: Practice, *, by: User, note: str = "") -> Practice:
    """Published → draft (e.g. outdated); removed from the search index."""
    locked = _lock(practice, expected={EditorialState.PUBLISHED})
    locked.state = EditorialState.DRAFT
    locked.review_note = note.strip()
    locked.save(update_fields=["state", "review_note", "updated_at"])
    log_action("knowledge.practice.unpublished", actor=by, obj=locked)
    indexing.removed(locked)
    return _sync(practice, locked)


@transaction.atomic
def delete_practice(practice: Practice, *, by: User) -> None:
    log_action("knowledge.practice.deleted", actor=by, obj=practice, data={"title": practice.title})
    indexing.removed(practice)
    practice.delete()


# --- Attachments ---------------------------------------------------------------------------


@transaction.atomic
def add_attachment(
    practice: Practice, *, upload: UploadedFile, title: str = "", by: User
) -> PracticeAttachment:
    """Store a file checked by content and size (events' documentation rules: PDF, images,
    office files); raises PracticeError with the reason otherwise."""
    try:
        kind = inspect_upload(upload)
    except UploadRejected as error:
        raise PracticeError(str(error)) from error
    original_name = Path(upload.name or "").name[:255]
    attachment = PracticeAttachment(
        practice=practice,
        title=title.strip() or original_name,
        original_name=original_name,
        content_type=kind.content_type,
        size=upload.size or 0,
        uploaded_by=by,
    )
    attachment.file.save(original_name, upload, save=False)
    attachment.save()
    log_action(
        "knowledge.attachment.added",
        actor=by,
        obj=practice,
        data={"title": attachment.title, "type": kind.content_type},
    )
    return attachment


@transaction.atomic
def delete_attachment(attachment: PracticeAttachment, *, by: User) -> None:
    storage, name = attachment.file.storage, attachment.file.name
    log_action(
        "knowledge.attachment.deleted",
        actor=by,
        obj=attachment.practice,
        data={"title": attachment.title},
    )
    attachment.delete()
    # Remove the file only once the row is gone for good.
    transaction.on_commit(lambda: storage.delete(name) if name else None)
