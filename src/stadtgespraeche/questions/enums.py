from django.db import models
from django.utils.translation import pgettext_lazy


class QuestionStatus(models.TextChoices):
    """The state of a question in the live Q&A of an event."""

    OPEN = "open", pgettext_lazy("question status", "open")
    ANSWERED = "answered", pgettext_lazy("question status", "answered")
    HIDDEN = "hidden", pgettext_lazy("question status", "hidden")
