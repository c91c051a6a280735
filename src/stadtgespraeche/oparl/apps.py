from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OparlConfig(AppConfig):
    name = "stadtgespraeche.oparl"
    verbose_name = _("Council information (OParl)")
