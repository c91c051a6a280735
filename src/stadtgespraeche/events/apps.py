from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "stadtgespraeche.events"

    def ready(self) -> None:
        from . import personal_data, personal_data_questions

        personal_data.register()
        personal_data_questions.register()
