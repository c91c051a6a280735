from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "stadtgespraeche.contacts"

    def ready(self) -> None:
        from stadtgespraeche.contacts import personal_data
        from stadtgespraeche.contacts.services import KIND_REQUEST_RECEIVED
        from stadtgespraeche.notifications import kinds

        personal_data.register()
        kinds.register(KIND_REQUEST_RECEIVED, _("Someone sent you a contact request"))
