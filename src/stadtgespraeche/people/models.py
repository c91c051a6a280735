"""Reference data (states, districts, municipalities, Modellprojekte Smart Cities, parties)
and the link of people to their municipality."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.models import TimeStampedModel
from stadtgespraeche.people.enums import AffiliationRole, Body, FieldGroup, MandateRole, Visibility


class Affiliation(TimeStampedModel):
    """A person's role for a municipality: coordinator, councillor or speaker."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="affiliations",
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="affiliations",
    )
    role = models.CharField(_("role"), max_length=20, choices=AffiliationRole.choices)
    party = models.ForeignKey(
        "municipalities.Party",
        verbose_name=_("party"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
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
                fields=["user", "municipality", "role"], name="people_unique_affiliation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.municipality} ({self.get_role_display()})"


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
    (`people.enums.FieldGroup`) and enforced by `people.privacy` everywhere."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="profile",
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
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
        indexes = [
            # The directory (issue 15): the municipality filter and the per-municipality
            # counts read this index alone. Visibility is not its first column on purpose: a
            # planner without statistics would take `identity_visibility IN (…)` for a
            # selective filter and sort every visible profile by name, instead of walking
            # accounts' name index (the directory's order) and stopping after one page.
            models.Index(
                fields=["municipality", "identity_visibility"], name="people_profile_town_vis_idx"
            ),
            # That walk checks each person's visibility in this index, not in the row.
            models.Index(
                fields=["user", "identity_visibility"], name="people_profile_user_vis_idx"
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("people:profile-detail", kwargs={"pk": self.pk})

    def visibility_of(self, group: str) -> str:
        return str(getattr(self, f"{FieldGroup(group).value}_visibility"))


class Faction(models.Model):
    """A faction (Fraktion) in one body of one municipality; local, unlike a party."""

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="factions",
    )
    name = models.CharField(_("name"), max_length=200)
    party = models.ForeignKey(
        "municipalities.Party",
        verbose_name=_("party"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )

    class Meta:
        ordering = ["municipality__name", "name"]
        verbose_name = _("faction")
        verbose_name_plural = _("factions")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="people_unique_faction")
        ]

    def __str__(self) -> str:
        return self.name


class Mandate(models.Model):
    """A councillor's seat: body + faction + party + role + committees + term."""

    profile = models.ForeignKey(
        Profile, verbose_name=_("profile"), on_delete=models.CASCADE, related_name="mandates"
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    body = models.CharField(_("body"), max_length=30, choices=Body.choices)
    faction = models.ForeignKey(
        Faction, verbose_name=_("faction"), null=True, blank=True, on_delete=models.SET_NULL
    )
    party = models.ForeignKey(
        "municipalities.Party",
        verbose_name=_("party"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    role = models.CharField(
        _("role"), max_length=30, choices=MandateRole.choices, default=MandateRole.MEMBER
    )
    committees = models.CharField(
        _("committees"), max_length=500, blank=True, help_text=_("Separated by commas.")
    )
    term_start = models.DateField(_("term start"), null=True, blank=True)
    term_end = models.DateField(_("term end"), null=True, blank=True)
    # Set when the mandate came from the council information system (OParl) through an
    # invitation the person accepted: shown as "laut Ratsinformationssystem".
    source_url = models.URLField(
        _("source in the council information system"), max_length=1000, blank=True
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)

    class Meta:
        ordering = ["-term_start", "pk"]
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        # The people directory filters by party or body through
        # `profile IN (SELECT profile_id FROM mandate WHERE …)`: covering indexes.
        indexes = [
            models.Index(fields=["party", "profile"], name="people_mandate_party_idx"),
            models.Index(fields=["body", "profile"], name="people_mandate_body_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_body_display()} {self.municipality}"


class PendingMandate(models.Model):
    """A mandate pre-filled from the council information system for an invited person.

    It is no part of any profile: it becomes a `Mandate` (marked verified) only when the
    person, having accepted the invitation, gets their profile (`services.get_or_create_profile`).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited person"),
        on_delete=models.CASCADE,
        related_name="pending_mandates",
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    body = models.CharField(_("body"), max_length=30, choices=Body.choices)
    faction_name = models.CharField(_("faction"), max_length=200, blank=True)
    role = models.CharField(
        _("role"), max_length=30, choices=MandateRole.choices, default=MandateRole.MEMBER
    )
    committees = models.CharField(_("committees"), max_length=500, blank=True)
    term_start = models.DateField(_("term start"), null=True, blank=True)
    source_url = models.URLField(_("source in the council information system"), max_length=1000)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("pre-filled mandate")
        verbose_name_plural = _("pre-filled mandates")

    def __str__(self) -> str:
        return f"{self.faction_name or self.get_body_display()} ({self.municipality_id})"
