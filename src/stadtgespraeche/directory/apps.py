from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "stadtgespraeche.directory"

    def ready(self) -> None:
        from . import personal_data

        personal_data.register()
