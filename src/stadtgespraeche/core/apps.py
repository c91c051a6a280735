from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "stadtgespraeche.core"

    def ready(self) -> None:
        from .personal_data import register_core

        register_core()
