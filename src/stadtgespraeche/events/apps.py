from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "stadtgespraeche.events"

    def ready(self) -> None:
        from . import personal_data

        personal_data.register()

        from . import threads  # discussions of an event: access policy

        threads.register()
