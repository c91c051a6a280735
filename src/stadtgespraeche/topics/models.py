from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.markdown import MarkdownHTMLField, MarkdownVersionField
from stadtgespraeche.core.models import TimeStampedModel


class Topic(TimeStampedModel):
    """A digital-policy topic of the catalogue shared by all series."""

    title = models.CharField(_("title"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    summary = models.CharField(_("short description"), max_length=300)
    body = models.TextField(_("description"), blank=True, help_text=_("Markdown is supported."))
    body_html = MarkdownHTMLField(source="body")
    markdown_version = MarkdownVersionField()
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("topics:topic-detail", kwargs={"slug": self.slug})
