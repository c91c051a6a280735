from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "stadtgespraeche.knowledge"

    def ready(self) -> None:
        from stadtgespraeche.notifications import kinds

        from . import personal_data, services, threads

        personal_data.register()
        threads.register()  # discussions of a practice: access policy
        kinds.register(services.KIND_SUBMITTED, _("A good practice waits for your review"))
        kinds.register(services.KIND_PUBLISHED, _("Your good practice was published"))
        kinds.register(services.KIND_RETURNED, _("Your good practice was returned with a note"))
