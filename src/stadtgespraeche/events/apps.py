from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "stadtgespraeche.events"

    def ready(self) -> None:
        from stadtgespraeche.notifications import kinds

        from . import (
            personal_data,
            personal_data_questions,
            rules_registration,  # noqa: F401 -- registers the permissions
            threads,
        )
        from .services_registration import KIND_CANCELLED, KIND_PROMOTED

        personal_data.register()
        personal_data_questions.register()
        threads.register()  # discussions of an event: access policy
        kinds.register(KIND_PROMOTED, _("You moved up from the waitlist of a Stadtgespräch"))
        kinds.register(KIND_CANCELLED, _("An organiser cancelled your registration"))
        _register_documentation()
        register_followables()
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


def _register_documentation() -> None:
    """Documentation and feedback: notification kind and personal-data section."""
    from django.utils.translation import gettext_lazy as _

    from stadtgespraeche.notifications import kinds

    from . import personal_data_documentation

    kinds.register(
        "events.documentation_published",
        _("The documentation of a Stadtgespräch you took part in was published"),
    )
    personal_data_documentation.register()


def register_followables() -> None:
    """Events people may see can be followed (notifications.follows)."""
    from stadtgespraeche.notifications.follows import register_followable

    from .models import Event
    from .queries import visible_events

    register_followable(
        Event, can_follow=lambda user, event: visible_events(user).filter(pk=event.pk).exists()
    )
