from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentationConfig(AppConfig):
    name = "stadtgespraeche.documentation"

    def ready(self) -> None:
        from stadtgespraeche.documentation import personal_data
        from stadtgespraeche.documentation.services import NOTIFICATION_KIND_PUBLISHED
        from stadtgespraeche.notifications import kinds

        kinds.register(
            NOTIFICATION_KIND_PUBLISHED,
            _("The documentation of a Stadtgespräch you took part in was published"),
        )
        personal_data.register()
