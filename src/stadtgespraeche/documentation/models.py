"""Series and the membership of municipalities in them.

Membership lives here rather than in `directory` because it is a municipality's membership
*in a series*, and `directory` sits below `events` (docs/architecture.md).
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.markdown import MarkdownHTMLField, MarkdownVersionField
from stadtgespraeche.core.models import TimeStampedModel
from stadtgespraeche.core.storage import AtomicFileSystemStorage


def private_document_storage() -> AtomicFileSystemStorage:
    """Documentation files live outside MEDIA_ROOT and are only served by a checking view."""
    return AtomicFileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


def attachment_path(instance: "Attachment", filename: str) -> str:
    # The stored name is random; the person's file name is kept in `original_name`.
    return f"events/{instance.event_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class Minutes(TimeStampedModel):
    """The documentation of one event (glossary: "Protokoll / Dokumentation")."""

    event = models.OneToOneField(
        "events.Event",
        verbose_name=_("Stadtgespräch"),
        on_delete=models.CASCADE,
        related_name="minutes",
    )
    body = models.TextField(_("minutes"), blank=True, help_text=_("Markdown."))
    body_html = MarkdownHTMLField(source="body")
    results = models.TextField(_("results"), blank=True, help_text=_("Markdown."))
    results_html = MarkdownHTMLField(source="results")
    markdown_version = MarkdownVersionField()
    recording_url = models.URLField(_("link to the recording"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return str(self.event)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Attachment(TimeStampedModel):
    """A file of an event's documentation; with `agenda_item` set, the slides of that item."""

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("Stadtgespräch"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    agenda_item = models.OneToOneField(
        "events.AgendaItem",
        verbose_name=_("slides of agenda item"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="slides",
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"), upload_to=attachment_path, storage=private_document_storage, max_length=255
    )
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title


class Feedback(TimeStampedModel):
    """A participant's feedback on an event; one per person and event."""

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("Stadtgespräch"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rating = models.PositiveSmallIntegerField(_("rating"))
    useful = models.TextField(_("what was useful"), blank=True)
    topic_wishes = models.TextField(_("topic wishes for next time"), blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"], name="documentation_one_feedback_per_person"
            ),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5),
                name="documentation_feedback_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event}: {self.rating}"


def stored_pdf_path(instance: "StoredPdf", filename: str) -> str:
    return f"documentation-pdf/{instance.event_id}/{filename}"


class StoredPdf(models.Model):
    """A rendered documentation PDF of one audience variant, served while its fingerprint
    matches the current content (documentation.pdf, docs/events.md)."""

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("Stadtgespräch"),
        on_delete=models.CASCADE,
        related_name="stored_pdfs",
    )
    language = models.CharField(_("language"), max_length=10)
    speakers_visible = models.BooleanField(_("speakers visible"))
    file = models.FileField(
        _("file"), upload_to=stored_pdf_path, storage=private_document_storage, max_length=255
    )
    fingerprint = models.CharField(_("content fingerprint"), max_length=64)
    rendered_at = models.DateTimeField(_("rendered at"))

    class Meta:
        verbose_name = _("stored documentation PDF")
        verbose_name_plural = _("stored documentation PDFs")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "language", "speakers_visible"],
                name="documentation_one_stored_pdf_per_variant",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_id} {self.language} {self.speakers_visible}"
