from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "stadtgespraeche.contacts"

    def ready(self) -> None:
        from stadtgespraeche.contacts import personal_data

        personal_data.register()
