from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "stadtgespraeche.knowledge"

    def ready(self) -> None:
        from stadtgespraeche.notifications import kinds

        from . import personal_data, services

        personal_data.register()
        kinds.register(services.KIND_SUBMITTED, _("A good practice waits for your review"))
        kinds.register(services.KIND_PUBLISHED, _("Your good practice was published"))
        kinds.register(services.KIND_RETURNED, _("Your good practice was returned with a note"))
