"""Threads, posts and their moderation.

A `Thread` knows nothing of what it belongs to (docs/discussions.md): its `owner_kind`
names an access policy that the owning app registered in `access.py` at start-up, and the
owner (an event, a topic, a municipality, later a practice) holds the link to the thread in
its own app.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.markdown import MarkdownHTMLField, MarkdownVersionField
from stadtgespraeche.core.models import TimeStampedModel

from .enums import ReportStatus


class Thread(TimeStampedModel):
    """A discussion (glossary: "Diskussion")."""

    title = models.CharField(_("title"), max_length=200)
    owner_kind = models.CharField(_("belongs to"), max_length=40, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_posted_at = models.DateTimeField(_("last post"), null=True, blank=True)

    class Meta:
        ordering = ["-last_posted_at", "-pk"]
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("discussions:thread-detail", kwargs={"pk": self.pk})


class Post(models.Model):
    """One contribution to a thread (glossary: "Beitrag").

    Deleting is soft (`deleted_at`): the row stays so replies and quotes keep their place,
    and the page shows "Beitrag gelöscht" instead of the text. Moderators hide a post with a
    reason (`hidden_at`, `hidden_reason`) that its author is shown.
    """

    thread = models.ForeignKey(
        Thread, verbose_name=_("discussion"), on_delete=models.CASCADE, related_name="posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="discussion_posts",
    )
    body = models.TextField(_("text"), help_text=_("Markdown."))
    body_html = MarkdownHTMLField(source="body")
    markdown_version = MarkdownVersionField()
    reply_to = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replies",
    )
    quoted = models.ForeignKey(
        "self",
        verbose_name=_("quoted post"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deleted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [models.Index(fields=["thread", "created_at", "id"], name="disc_post_thread")]

    def __str__(self) -> str:
        return f"{self.thread} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("discussions:post-detail", kwargs={"pk": self.pk})

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Report(models.Model):
    """A person reports a post to the moderators, with a reason."""

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=models.Q(status=ReportStatus.OPEN),
                name="discussions_one_open_report",
            )
        ]

    def __str__(self) -> str:
        return f"{self.post} ({self.get_status_display()})"


class CodeOfConductAcceptance(models.Model):
    """A person accepted one version of the code of conduct (before their first post)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="code_of_conduct_acceptances",
    )
    version = models.CharField(_("version"), max_length=20)
    accepted_at = models.DateTimeField(_("accepted"), auto_now_add=True)

    class Meta:
        ordering = ["-accepted_at"]
        verbose_name = _("code of conduct acceptance")
        verbose_name_plural = _("code of conduct acceptances")
        constraints = [
            models.UniqueConstraint(fields=["user", "version"], name="discussions_one_acceptance")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.version}"
