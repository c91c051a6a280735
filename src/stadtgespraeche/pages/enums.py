from django.db import models
from django.utils.translation import gettext_lazy as _


class SiteTextKey(models.TextChoices):
    """The texts every operator must provide themselves."""

    LEGAL_NOTICE = "legal_notice", _("Legal notice")
    PRIVACY = "privacy", _("Privacy policy")
