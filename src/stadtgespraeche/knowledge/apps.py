from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "stadtgespraeche.knowledge"

    def ready(self) -> None:
        from stadtgespraeche.notifications import kinds
        from stadtgespraeche.topics import sections as topic_sections

        from . import personal_data, sections, services, threads

        personal_data.register()
        threads.register()  # discussions of a practice: access policy
        topic_sections.register("knowledge.practices", sections.practices_section)
        kinds.register(services.KIND_SUBMITTED, _("A good practice waits for your review"))
        kinds.register(services.KIND_PUBLISHED, _("Your good practice was published"))
        kinds.register(services.KIND_RETURNED, _("Your good practice was returned with a note"))
