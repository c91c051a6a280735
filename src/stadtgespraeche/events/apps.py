from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "stadtgespraeche.events"

    def ready(self) -> None:
        from . import personal_data

        personal_data.register()
        _register_documentation_kinds()


def _register_documentation_kinds() -> None:
    from django.utils.translation import gettext_lazy as _

    from stadtgespraeche.notifications import kinds

    kinds.register(
        "events.documentation_published",
        _("The documentation of a Stadtgespräch you took part in was published"),
    )
