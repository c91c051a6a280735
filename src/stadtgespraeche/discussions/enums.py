from django.db import models
from django.utils.translation import pgettext_lazy


class ReportStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("report status", "open")
    RESOLVED = "resolved", pgettext_lazy("report status", "resolved")
    DISMISSED = "dismissed", pgettext_lazy("report status", "dismissed")
