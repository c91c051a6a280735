from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OparlConfig(AppConfig):
    name = "stadtgespraeche.oparl"
    verbose_name = _("Council information (OParl)")

    def ready(self) -> None:
        from stadtgespraeche.core import periodic
        from stadtgespraeche.topics import related
        from stadtgespraeche.topics import sections as topic_sections

        from . import sections
        from .services.runs import sync_all

        periodic.register("oparl.sync", sync_all, every=timedelta(hours=24))
        topic_sections.register("oparl.decisions", sections.topic_decisions)
        related.register("oparl.decisions", sections.related_decisions)
