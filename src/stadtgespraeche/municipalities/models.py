"""Reference data (states, districts, municipalities, Modellprojekte Smart Cities, parties)
and the link of people to their municipality."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.municipalities.enums import MunicipalityKind


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


def logo_path(instance: "Municipality", filename: str) -> str:
    return f"municipalities/{instance.key}/logo.png"


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
    # The public profile, edited by the municipality's coordinators (municipalities/services.py).
    profile_text = models.TextField(_("short description"), max_length=1000, blank=True)
    contact = models.TextField(_("contact"), max_length=500, blank=True)
    logo = models.ImageField(_("logo"), upload_to=logo_path, blank=True)
    logo_licence = models.CharField(_("licence of the logo"), max_length=300, blank=True)

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
