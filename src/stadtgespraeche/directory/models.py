"""Reference data (states, districts, municipalities, Modellprojekte Smart Cities, parties)
and the link of people to their municipality."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.models import TimeStampedModel

from .enums import AffiliationRole, Body, FieldGroup, MandateRole, MunicipalityKind, Visibility


class State(models.Model):
    code = models.CharField(_("state code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)
    abbreviation = models.CharField(_("abbreviation"), max_length=2)
    population = models.PositiveIntegerField(_("population"), default=0)

    class Meta:
        ordering = ["code"]
        verbose_name = _("state")
        verbose_name_plural = _("states")

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    ags = models.CharField(_("district key"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=150)
    district_type = models.CharField(_("district type"), max_length=100)
    state = models.ForeignKey(State, verbose_name=_("state"), on_delete=models.PROTECT)
    population = models.PositiveIntegerField(_("population"), default=0)

    class Meta:
        ordering = ["ags"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """A municipality, county or region, keyed by its official key (AGS) where one exists."""

    key = models.CharField(_("official key"), max_length=20, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=150, db_index=True)
    name_official = models.CharField(_("official name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=MunicipalityKind.choices)
    designation = models.CharField(_("designation"), max_length=100, blank=True)
    state = models.ForeignKey(
        State, verbose_name=_("state"), null=True, blank=True, on_delete=models.PROTECT
    )
    district = models.ForeignKey(
        District, verbose_name=_("district"), null=True, blank=True, on_delete=models.PROTECT
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name", "key"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("pages:municipality-detail", kwargs={"slug": self.slug})


class SmartCityProject(models.Model):
    """One of the 73 Modellprojekte Smart Cities (MPSC) of the federal programme."""

    mpsc_id = models.CharField(_("MPSC id"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    project_title = models.CharField(_("project title"), max_length=200, blank=True)
    cohort_year = models.PositiveSmallIntegerField(_("cohort year"))
    cohort = models.CharField(_("cohort"), max_length=20)
    category = models.CharField(_("category"), max_length=100)
    project_type = models.CharField(_("type"), max_length=30)
    website = models.URLField(_("website"), blank=True)
    members = models.ManyToManyField(
        Municipality,
        verbose_name=_("member municipalities"),
        related_name="smart_city_projects",
        blank=True,
    )

    class Meta:
        ordering = ["cohort_year", "mpsc_id"]
        verbose_name = _("Modellprojekt Smart Cities")
        verbose_name_plural = _("Modellprojekte Smart Cities")

    def __str__(self) -> str:
        return self.name


class Party(models.Model):
    short_name = models.CharField(_("short name"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    color = models.CharField(_("colour"), max_length=7, help_text=_("Hex colour, e.g. #E3000F"))

    class Meta:
        ordering = ["short_name"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self) -> str:
        return self.short_name


class Affiliation(TimeStampedModel):
    """A person's role for a municipality: coordinator, councillor or speaker."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="affiliations",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="affiliations",
    )
    role = models.CharField(_("role"), max_length=20, choices=AffiliationRole.choices)
    party = models.ForeignKey(
        Party, verbose_name=_("party"), null=True, blank=True, on_delete=models.SET_NULL
    )
    show_publicly = models.BooleanField(
        _("show on the public municipality page"),
        default=False,
        help_text=_("Coordinators may allow their name to appear on the municipality page."),
    )

    class Meta:
        ordering = ["municipality__name", "role"]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality", "role"], name="directory_unique_affiliation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.municipality} ({self.get_role_display()})"


# --- The network: profiles and mandates (issue "councillor network") ---------------------


def visibility_field(verbose_name: str) -> models.CharField:
    """One field group's visibility; privacy-preserving default: network members only."""
    return models.CharField(
        verbose_name, max_length=20, choices=Visibility.choices, default=Visibility.NETWORK
    )


def profile_photo_path(instance: "Profile", filename: str) -> str:
    return f"profiles/{instance.user_id}/photo.jpg"


class Profile(TimeStampedModel):
    """A person's profile in the network. Councillors add mandates; coordinators and speakers
    have a profile without mandates. Visibility is chosen per field group
    (`directory.enums.FieldGroup`) and enforced by `directory.privacy` everywhere."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="profile",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="profiles",
    )
    pronouns = models.CharField(_("pronouns"), max_length=40, blank=True)
    photo = models.ImageField(_("photo"), upload_to=profile_photo_path, blank=True)
    bio = models.TextField(_("short bio"), max_length=1500, blank=True)
    expertise = models.TextField(
        _("I can report on …"),
        max_length=1000,
        blank=True,
        help_text=_("Projects and experience you can tell other councils about."),
    )
    languages = models.CharField(
        _("languages"), max_length=200, blank=True, help_text=_("Separated by commas.")
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    interests = models.ManyToManyField(
        "topics.Topic", verbose_name=_("interests"), related_name="interested_profiles", blank=True
    )
    # One visibility per field group (FieldGroup); privacy-preserving default: network only.
    identity_visibility = visibility_field(_("who sees name, pronouns and municipality"))
    photo_visibility = visibility_field(_("who sees the photo"))
    mandates_visibility = visibility_field(_("who sees mandates, party and faction"))
    interests_visibility = visibility_field(_("who sees interests and expertise"))
    about_visibility = visibility_field(_("who sees the short bio and languages"))

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        indexes = [models.Index(fields=["identity_visibility", "municipality"])]

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("directory:profile-detail", kwargs={"pk": self.pk})

    def visibility_of(self, group: str) -> str:
        return str(getattr(self, f"{FieldGroup(group).value}_visibility"))


class Faction(models.Model):
    """A faction (Fraktion) in one body of one municipality; local, unlike a party."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="factions",
    )
    name = models.CharField(_("name"), max_length=200)
    party = models.ForeignKey(
        Party, verbose_name=_("party"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["municipality__name", "name"]
        verbose_name = _("faction")
        verbose_name_plural = _("factions")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="directory_unique_faction"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Mandate(models.Model):
    """A councillor's seat: body + faction + party + role + committees + term."""

    profile = models.ForeignKey(
        Profile, verbose_name=_("profile"), on_delete=models.CASCADE, related_name="mandates"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    body = models.CharField(_("body"), max_length=30, choices=Body.choices)
    faction = models.ForeignKey(
        Faction, verbose_name=_("faction"), null=True, blank=True, on_delete=models.SET_NULL
    )
    party = models.ForeignKey(
        Party, verbose_name=_("party"), null=True, blank=True, on_delete=models.SET_NULL
    )
    role = models.CharField(
        _("role"), max_length=30, choices=MandateRole.choices, default=MandateRole.MEMBER
    )
    committees = models.CharField(
        _("committees"), max_length=500, blank=True, help_text=_("Separated by commas.")
    )
    term_start = models.DateField(_("term start"), null=True, blank=True)
    term_end = models.DateField(_("term end"), null=True, blank=True)

    class Meta:
        ordering = ["-term_start", "pk"]
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        # The people directory filters by party or body through
        # `profile IN (SELECT profile_id FROM mandate WHERE …)`: covering indexes.
        indexes = [
            models.Index(fields=["party", "profile"], name="directory_mandate_party_idx"),
            models.Index(fields=["body", "profile"], name="directory_mandate_body_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_body_display()} {self.municipality}"


# --- Contacts between members: requests, blocks, abuse reports, hidden suggestions ------------


class ContactRequestStatus(models.TextChoices):
    PENDING = "pending", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ENDED = "ended", _("Ended")


class ContactRequest(TimeStampedModel):
    """One member asks another for contact; after acceptance both see each other's e-mail
    address and phone number (`directory.queries_contacts`)."""

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("from"),
        on_delete=models.CASCADE,
        related_name="contact_requests_sent",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("to"),
        on_delete=models.CASCADE,
        related_name="contact_requests_received",
    )
    message = models.TextField(_("message"), max_length=500)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ContactRequestStatus.choices,
        default=ContactRequestStatus.PENDING,
    )
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "recipient"],
                condition=models.Q(status="pending"),
                name="directory_one_open_contact_request",
            ),
            models.CheckConstraint(
                condition=~models.Q(sender=models.F("recipient")),
                name="directory_contact_request_not_to_self",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "status"]),
            models.Index(fields=["sender", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.sender} → {self.recipient} ({self.get_status_display()})"


class Block(TimeStampedModel):
    """`blocker` does not want contact requests or suggestions involving `blocked`."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("blocked by"),
        on_delete=models.CASCADE,
        related_name="blocks",
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("blocked person"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="directory_unique_block")
        ]

    def __str__(self) -> str:
        return f"{self.blocker} ⊘ {self.blocked}"


class AbuseReport(TimeStampedModel):
    """A member reports another member's behaviour to the organisers."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="abuse_reports",
    )
    reported = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.TextField(_("reason"), max_length=2000)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note of the organisers"), max_length=2000, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("abuse report")
        verbose_name_plural = _("abuse reports")

    def __str__(self) -> str:
        return f"{self.reported} ({self.created_at:%Y-%m-%d})"


class HiddenSuggestion(TimeStampedModel):
    """`user` does not want `hidden` among their peer suggestions (can be undone)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="hidden_suggestions",
    )
    hidden = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden person"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("hidden suggestion")
        verbose_name_plural = _("hidden suggestions")
        constraints = [
            models.UniqueConstraint(fields=["user", "hidden"], name="directory_unique_hidden")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.hidden}"


# Owner links of topic and municipality threads (discussions, docs/discussions.md).
from . import threads  # noqa: E402, F401
