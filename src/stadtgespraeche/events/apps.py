from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "stadtgespraeche.events"

    def ready(self) -> None:
        from . import personal_data

        personal_data.register()
        from stadtgespraeche.notifications import kinds

        from . import rules_registration  # noqa: F401 -- registers the permissions
        from .services_registration import KIND_CANCELLED, KIND_PROMOTED

        kinds.register(KIND_PROMOTED, _("You moved up from the waitlist of a Stadtgespräch"))
        kinds.register(KIND_CANCELLED, _("An organiser cancelled your registration"))
