from django.db import models
from django.utils.translation import pgettext_lazy


class PracticeStatus(models.TextChoices):
    """How far the practice has come in its municipality."""

    IDEA = "idea", pgettext_lazy("practice status", "idea")
    PILOT = "pilot", pgettext_lazy("practice status", "pilot")
    IN_OPERATION = "in_operation", pgettext_lazy("practice status", "in operation")
    FINISHED = "finished", pgettext_lazy("practice status", "finished")
    STOPPED = "stopped", pgettext_lazy("practice status", "stopped")


class EditorialState(models.TextChoices):
    """Where the entry is in the editorial workflow: draft → in review → published."""

    DRAFT = "draft", pgettext_lazy("editorial state", "draft")
    IN_REVIEW = "in_review", pgettext_lazy("editorial state", "in review")
    PUBLISHED = "published", pgettext_lazy("editorial state", "published")


# The text fields of a practice, in the order a reader meets them (form, page, diff).
TEXT_FIELDS: tuple[str, ...] = (
    "title",
    "summary",
    "problem",
    "approach",
    "outcome",
    "lessons_learned",
    "costs_and_funding",
    "partners",
    "links",
)
