"""Praxisbeispiele: structured good-practice entries with an editorial workflow."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.markdown import MarkdownHTMLField, MarkdownVersionField
from stadtgespraeche.core.models import TimeStampedModel
from stadtgespraeche.documentation.models import private_document_storage
from stadtgespraeche.events.models import AgendaItem, Event
from stadtgespraeche.municipalities.models import Municipality

from .enums import EditorialState, PracticeStatus


class Practice(TimeStampedModel):
    """One good-practice entry (glossary: "Praxisbeispiel")."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    summary = models.CharField(_("summary"), max_length=400)
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("municipalities"), related_name="practices"
    )
    topics = models.ManyToManyField(
        "topics.Topic", verbose_name=_("topics"), blank=True, related_name="practices"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PracticeStatus.choices, default=PracticeStatus.IDEA
    )
    started_in = models.PositiveSmallIntegerField(_("started in (year)"), null=True, blank=True)
    problem = models.TextField(_("problem"), help_text=_("Markdown."))
    problem_html = MarkdownHTMLField(source="problem")
    approach = models.TextField(_("approach"), help_text=_("Markdown."))
    approach_html = MarkdownHTMLField(source="approach")
    outcome = models.TextField(_("outcome"), blank=True, help_text=_("Markdown."))
    outcome_html = MarkdownHTMLField(source="outcome")
    lessons_learned = models.TextField(_("lessons learned"), blank=True, help_text=_("Markdown."))
    lessons_learned_html = MarkdownHTMLField(source="lessons_learned")
    markdown_version = MarkdownVersionField()
    costs_and_funding = models.TextField(_("costs and funding"), blank=True)
    partners = models.TextField(_("partners and providers"), blank=True)
    links = models.TextField(_("links"), blank=True, help_text=_("One web address per line."))
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices_as_contact",
    )
    related_events = models.ManyToManyField(
        Event, verbose_name=_("related Stadtgespräche"), blank=True, related_name="practices"
    )
    related_impulses = models.ManyToManyField(
        AgendaItem, verbose_name=_("related impulse talks"), blank=True, related_name="practices"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="practices_written",
    )
    state = models.CharField(
        _("editorial state"),
        max_length=20,
        choices=EditorialState.choices,
        default=EditorialState.DRAFT,
    )
    submitted_at = models.DateTimeField(_("submitted for review at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_note = models.TextField(_("note from the review"), blank=True)

    class Meta:
        ordering = ["-published_at", "-updated_at", "pk"]
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        indexes = [models.Index(fields=["state", "status"], name="knowledge_state_status")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:practice-detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.state == EditorialState.PUBLISHED

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class PracticeVersion(models.Model):
    """A snapshot of a practice after each saved change, for the version history and diff."""

    practice = models.ForeignKey(
        Practice, verbose_name=_("good practice"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # {"title": …, "problem": …, …, "municipalities": [names], "topics": [titles], "status": label}
    content = models.JSONField(_("content"))

    class Meta:
        ordering = ["-number"]
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        constraints = [
            models.UniqueConstraint(fields=["practice", "number"], name="knowledge_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.practice} v{self.number}"


def attachment_path(instance: "PracticeAttachment", filename: str) -> str:
    # The stored name is random; the person's file name is kept in `original_name`.
    return f"practices/{instance.practice_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class PracticeAttachment(models.Model):
    """A file of a practice (PDF, image, office file), checked by content on upload and
    served only to those who may see the practice."""

    practice = models.ForeignKey(
        Practice,
        verbose_name=_("good practice"),
        on_delete=models.CASCADE,
        related_name="attachments",
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
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title


# The owner link of practice threads lives in its own module (docs/discussions.md).
from . import threads  # noqa: E402, F401
