from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentationConfig(AppConfig):
    name = "stadtgespraeche.documentation"

    def ready(self) -> None:
        from stadtgespraeche.core import indexing
        from stadtgespraeche.documentation import personal_data, services
        from stadtgespraeche.documentation.services import NOTIFICATION_KIND_PUBLISHED
        from stadtgespraeche.events import changes
        from stadtgespraeche.notifications import kinds

        kinds.register(
            NOTIFICATION_KIND_PUBLISHED,
            _("The documentation of a Stadtgespräch you took part in was published"),
        )
        personal_data.register()
        # Event edits (title, time, agenda, speakers) make the stored PDFs out of date.
        indexing.register("documentation_pdf", services.handle_change)
        # A removed agenda item takes its slides (and their files) with it.
        changes.register_agenda_item_removal("documentation_slides", services.remove_slides)
