from django.db import models
from django.utils.translation import gettext_lazy as _


class Vendor(models.TextChoices):
    """The dialect of an endpoint; chooses the loader that repairs its responses."""

    GENERIC = "generic", _("Generic OParl")
    STERNBERG = "sternberg", _("Sternberg SD.NET RIM")
    CC_EGOV = "ccegov", _("CC e-gov ALLRIS")
    SOMACOS = "somacos", _("Somacos Session")


class SyncStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    SUCCEEDED = "succeeded", _("succeeded")
    FAILED = "failed", _("failed")


ACTIVE_STATUSES = (SyncStatus.QUEUED, SyncStatus.RUNNING)
"""A run in one of these holds its endpoint: no second run may start (one constraint)."""


class TextStatus(models.TextChoices):
    """What became of a file's text download (`services.file_texts`); set once per version."""

    UNCHECKED = "", _("not checked")
    EXTRACTED = "extracted", _("text extracted")
    TOO_LARGE = "too_large", _("too large")
    NOT_PDF = "not_pdf", _("not a PDF")
    FAILED = "failed", _("failed")


class ObjectType(models.TextChoices):
    """OParl object types by their short name (the last segment of the type URI)."""

    SYSTEM = "System", "System"
    BODY = "Body", "Body"
    LEGISLATIVE_TERM = "LegislativeTerm", "LegislativeTerm"
    ORGANIZATION = "Organization", "Organization"
    PERSON = "Person", "Person"
    MEMBERSHIP = "Membership", "Membership"
    MEETING = "Meeting", "Meeting"
    AGENDA_ITEM = "AgendaItem", "AgendaItem"
    PAPER = "Paper", "Paper"
    CONSULTATION = "Consultation", "Consultation"
    FILE = "File", "File"
    LOCATION = "Location", "Location"


class ResultKind(models.TextChoices):
    """The normalised outcome of an agenda item's (and so a consultation's) `result` free
    text (`vocabulary.result_kind`); the raw text is kept beside it."""

    UNANIMOUS = "unanimous", _("adopted unanimously")
    MAJORITY = "majority", _("adopted by majority")
    ADOPTED = "adopted", _("adopted")
    REJECTED = "rejected", _("rejected")
    POSTPONED = "postponed", _("postponed or referred")
    NOTED = "noted", _("taken note of, no vote")
    WITHDRAWN = "withdrawn", _("withdrawn")
    OTHER = "other", _("other result")


class PaperKind(models.TextChoices):
    """The normalised group of a paper's `paperType` free text (`vocabulary.paper_kind`)."""

    DECISION = "decision", _("Draft resolution")
    INFORMATION = "information", _("Information paper")
    MOTION = "motion", _("Motion")
    QUESTION = "question", _("Inquiry")
    BUDGET = "budget", _("Budget")
    OTHER = "other", _("Other paper")
