from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "stadtgespraeche.events"

    def ready(self) -> None:
        from . import personal_data

        personal_data.register()
        self._register_calendar_jobs_and_kinds()

    def _register_calendar_jobs_and_kinds(self) -> None:
        """Notification kinds of the change notices and the reminder job (issue 4, §4/§6)."""
        from datetime import timedelta

        from stadtgespraeche.core import periodic
        from stadtgespraeche.notifications import kinds

        from . import reminders, services_changes

        for key, label in services_changes.KINDS.items():
            kinds.register(key, label)
        periodic.register(
            "events.send_reminders", reminders.send_due_reminders, every=timedelta(minutes=15)
        )
