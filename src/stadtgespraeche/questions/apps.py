from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "stadtgespraeche.questions"

    def ready(self) -> None:
        from stadtgespraeche.questions import personal_data

        personal_data.register()
