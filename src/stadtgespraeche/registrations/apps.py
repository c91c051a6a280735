from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "stadtgespraeche.registrations"

    def ready(self) -> None:
        from stadtgespraeche.core import periodic
        from stadtgespraeche.events import changes as event_changes
        from stadtgespraeche.events import participation
        from stadtgespraeche.notifications import kinds
        from stadtgespraeche.registrations import personal_data, queries, reminders
        from stadtgespraeche.registrations.services import changes
        from stadtgespraeche.registrations.services.registration import (
            KIND_CANCELLED,
            KIND_PROMOTED,
        )

        personal_data.register()
        kinds.register(KIND_PROMOTED, _("You moved up from the waitlist of a Stadtgespräch"))
        kinds.register(KIND_CANCELLED, _("An organiser cancelled your registration"))
        # Notices of changed and cancelled events go to the registered (docs/events.md).
        for key, label in changes.KINDS.items():
            kinds.register(key, label)
        event_changes.register("registrations", changes.notify_participants)
        participation.register(queries.holds_place)
        # The job keeps its registered name: its runs are recorded under it.
        periodic.register(
            "events.send_reminders", reminders.send_due_reminders, every=timedelta(minutes=15)
        )
