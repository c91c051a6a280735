"""The search index: one row per findable document, plus its filter tags and readers.

The full-text part lives in a per-backend table (`search_fts`, created by migration 0002:
an FTS5 virtual table on SQLite, a tsvector column with a GIN index on PostgreSQL) keyed by
`SearchDocument.id`. Visibility is stored so that it can be filtered in SQL: a document is
visible to a viewer of audience level L (0 public, 1 network, 2 organisers) when
`min_level <= L <= max_level`, or when the viewer is one of its `SearchReader` rows.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import Level, TagKind


class SearchDocument(models.Model):
    """One findable text: an object, or one audience's view of it (people)."""

    # Small columns first: SQLite reads the filter columns without touching the long text.
    model_label = models.CharField(_("content type"), max_length=100)
    object_id = models.PositiveBigIntegerField(_("object id"))
    variant = models.CharField(_("variant"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=30)
    min_level = models.PositiveSmallIntegerField(_("visible from level"), default=Level.PUBLIC)
    max_level = models.PositiveSmallIntegerField(_("visible up to level"), default=Level.ORGANISERS)
    date = models.DateTimeField(_("date"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300)
    url = models.CharField(_("address"), max_length=500)
    body = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(
                fields=["model_label", "object_id", "variant"], name="search_unique_document"
            )
        ]

    def __str__(self) -> str:
        return self.title


class SearchTag(models.Model):
    """A filter value of a document: a municipality or a topic."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="tags")
    kind = models.CharField(max_length=1, choices=TagKind.choices)
    value = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = _("search filter value")
        verbose_name_plural = _("search filter values")
        indexes = [models.Index(fields=["kind", "value", "document"], name="search_tag_lookup")]

    def __str__(self) -> str:
        return f"{self.kind}{self.value}"


class SearchReader(models.Model):
    """A person who may see a document in addition to its audience levels (access list)."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="readers")
    user_id = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = _("search reader")
        verbose_name_plural = _("search readers")
        indexes = [models.Index(fields=["user_id", "document"], name="search_reader_lookup")]

    def __str__(self) -> str:
        return f"{self.user_id}"


class ReindexProgress(models.Model):
    """How far `reindex` got with one provider (so an interrupted run resumes)."""

    model_label = models.CharField(max_length=100, unique=True)
    last_pk = models.PositiveBigIntegerField(default=0)
    done = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reindex progress")
        verbose_name_plural = _("reindex progress")

    def __str__(self) -> str:
        return f"{self.model_label}: {self.last_pk}"


class IndexState(models.Model):
    """One row: the German normalisation (`search.german.NORMALISATION_VERSION`) that the
    stored stems were made with. A full `reindex --restart` records the current one; the
    system check `search.W001` asks for that run while they differ."""

    normalisation = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search index state")
        verbose_name_plural = _("search index state")

    def __str__(self) -> str:
        return f"normalisation {self.normalisation}"
