from django.db import models
from django.utils.translation import pgettext_lazy


class MunicipalityKind(models.TextChoices):
    CITY = "city", pgettext_lazy("municipality kind", "City")
    MUNICIPALITY = "municipality", pgettext_lazy("municipality kind", "Municipality")
    COUNTY = "county", pgettext_lazy("municipality kind", "County")
    REGION = "region", pgettext_lazy("municipality kind", "Region")
    ASSOCIATION = "association", pgettext_lazy("municipality kind", "Municipal association")
