from django.apps import AppConfig


class DiscussionsConfig(AppConfig):
    name = "stadtgespraeche.discussions"

    def ready(self) -> None:
        from . import personal_data  # registry ready

        personal_data.register()
