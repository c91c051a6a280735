from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "stadtgespraeche.people"

    def ready(self) -> None:
        from stadtgespraeche.people import personal_data

        personal_data.register()
