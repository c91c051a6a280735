from django.db import models
from django.utils.translation import pgettext_lazy


class AffiliationRole(models.TextChoices):
    COORDINATOR = "coordinator", pgettext_lazy("role", "Coordinator")
    COUNCILLOR = "councillor", pgettext_lazy("role", "Councillor")
    SPEAKER = "speaker", pgettext_lazy("role", "Speaker")


class Visibility(models.TextChoices):
    """Who may see a group of profile fields. Ordered from widest to narrowest."""

    PUBLIC = "public", pgettext_lazy("visibility", "Public")
    NETWORK = "network", pgettext_lazy("visibility", "Network members")
    ORGANISERS = "organisers", pgettext_lazy("visibility", "Organisers only")


class FieldGroup(models.TextChoices):
    """Groups of profile fields that share one visibility setting."""

    IDENTITY = "identity", pgettext_lazy("field group", "Name, pronouns and municipality")
    PHOTO = "photo", pgettext_lazy("field group", "Photo")
    MANDATES = "mandates", pgettext_lazy("field group", "Mandates, party and faction")
    INTERESTS = "interests", pgettext_lazy("field group", "Interests and expertise")
    ABOUT = "about", pgettext_lazy("field group", "Short bio and languages")


class Body(models.TextChoices):
    CITY_COUNCIL = "city_council", pgettext_lazy("body", "City or municipal council")
    COUNTY_ASSEMBLY = "county_assembly", pgettext_lazy("body", "County assembly")
    REGIONAL_ASSEMBLY = "regional_assembly", pgettext_lazy("body", "Regional assembly")


class MandateRole(models.TextChoices):
    MEMBER = "member", pgettext_lazy("mandate role", "Member")
    FACTION_CHAIR = "faction_chair", pgettext_lazy("mandate role", "Faction chair")
    DEPUTY_FACTION_CHAIR = (
        "deputy_faction_chair",
        pgettext_lazy("mandate role", "Deputy faction chair"),
    )
    SPOKESPERSON = "spokesperson", pgettext_lazy("mandate role", "Spokesperson for a policy area")
    MAYOR_DEPUTY = "mayor_deputy", pgettext_lazy("mandate role", "Deputy mayor")
