"""Series and the membership of municipalities in them.

Membership lives here rather than in `directory` because it is a municipality's membership
*in a series*, and `directory` sits below `events` (docs/architecture.md).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.models import TimeStampedModel
from stadtgespraeche.municipalities.models import Municipality
from stadtgespraeche.network.enums import ApplicationStatus, MembershipStatus, RoomKind


class Series(TimeStampedModel):
    """A series of Stadtgespräche, e.g. "Smarte Stadtgespräche" organised by Kaiserslautern."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    # The German case forms of the name, with their article, for sentences that decline it
    # ("Mitglied der Smarten Stadtgespräche", "bei den Smarten Stadtgesprächen"); empty: the
    # name as it is.
    name_genitive = models.CharField(
        _("name in the genitive"),
        max_length=160,
        blank=True,
        help_text=_("With the article, e.g. “der Smarten Stadtgespräche”."),
    )
    name_dative = models.CharField(
        _("name in the dative"),
        max_length=160,
        blank=True,
        help_text=_("With the article, e.g. “den Smarten Stadtgesprächen”."),
    )
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    description = models.TextField(_("description"), blank=True)
    organiser_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("organised by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_series",
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    accepts_applications = models.BooleanField(_("accepts membership applications"), default=True)
    # The online room of its events; a BigBlueButton server comes from the settings
    # (BBB_SERVERS by series slug, else BBB_URL/BBB_SECRET), never from the database.
    room_provider = models.CharField(
        _("online room"), max_length=10, choices=RoomKind.choices, default=RoomKind.BBB
    )
    balance_max_share = models.PositiveSmallIntegerField(
        _("balance warning above (percent)"),
        default=40,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "Organisers are warned when one party or one municipality holds more than this "
            "share of the registrations of a Stadtgespräch."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def __str__(self) -> str:
        return self.name

    def _declined(self, form: str) -> str:
        german = (translation.get_language() or "").startswith("de")
        return form if german and form else self.name

    @property
    def genitive(self) -> str:
        """The name for "Mitglied …" in German ("der Smarten Stadtgespräche"); elsewhere, or
        when no form is set, the name itself."""
        return self._declined(self.name_genitive)

    @property
    def dative(self) -> str:
        """The name after "bei", "in", "zu" in German ("den Smarten Stadtgesprächen");
        elsewhere, or when no form is set, the name itself."""
        return self._declined(self.name_dative)


class Membership(TimeStampedModel):
    """A municipality's membership in a series, with its current status."""

    series = models.ForeignKey(
        Series, verbose_name=_("series"), on_delete=models.CASCADE, related_name="memberships"
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    status = models.CharField(_("status"), max_length=20, choices=MembershipStatus.choices)
    since = models.DateField(_("status since"))

    class Meta:
        ordering = ["municipality__name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "municipality"], name="network_unique_membership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.series} ({self.get_status_display()})"


class MembershipChange(models.Model):
    """One step in the history of a membership."""

    membership = models.ForeignKey(
        Membership, verbose_name=_("membership"), on_delete=models.CASCADE, related_name="changes"
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    from_status = models.CharField(
        _("previous status"), max_length=20, choices=MembershipStatus.choices, blank=True
    )
    to_status = models.CharField(_("new status"), max_length=20, choices=MembershipStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("membership change")
        verbose_name_plural = _("membership changes")

    def __str__(self) -> str:
        return f"{self.membership}: {self.from_status} → {self.to_status}"


class MembershipApplication(TimeStampedModel):
    """An application of a municipality to join a series ("Mitglied werden")."""

    series = models.ForeignKey(
        Series, verbose_name=_("series"), on_delete=models.CASCADE, related_name="applications"
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("e-mail address"))
    contact_role = models.CharField(_("position or department"), max_length=200, blank=True)
    message = models.TextField(_("message"), blank=True)
    consent_given_at = models.DateTimeField(_("consent to processing given at"))
    consent_text_version = models.CharField(_("version of the consent text"), max_length=20)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the form; replies are written in it."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.PENDING,
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_message = models.TextField(_("message to the applicant"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "municipality"],
                condition=models.Q(status=ApplicationStatus.PENDING),
                name="network_one_pending_application",
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} ({self.contact_name})"

    @property
    def is_pending(self) -> bool:
        return self.status == ApplicationStatus.PENDING


# Owner links of topic and municipality threads (discussions, docs/discussions.md).
from stadtgespraeche.network import threads  # noqa: E402, F401
