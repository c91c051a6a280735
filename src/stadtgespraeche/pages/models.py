from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.markdown import MarkdownHTMLField, MarkdownVersionField
from stadtgespraeche.core.models import TimeStampedModel
from stadtgespraeche.pages.enums import SiteTextKey

_PUBLIC_URL_NAMES = {
    SiteTextKey.LEGAL_NOTICE: "pages:legal-notice",
    SiteTextKey.PRIVACY: "pages:privacy",
}


class SiteText(TimeStampedModel):
    """An operator-specific page text (Impressum, Datenschutzerklärung), edited by organisers.

    Installations start with templates (pages/defaults.py) that the operator must adapt.
    """

    key = models.CharField(_("page"), max_length=30, choices=SiteTextKey.choices, unique=True)
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("text"), help_text=_("Markdown is supported."))
    body_html = MarkdownHTMLField(source="body")
    markdown_version = MarkdownVersionField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["key"]
        verbose_name = _("site text")
        verbose_name_plural = _("site texts")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(_PUBLIC_URL_NAMES[SiteTextKey(self.key)])
