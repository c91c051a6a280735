from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "stadtgespraeche.events"

    def ready(self) -> None:
        from . import personal_data

        personal_data.register()
        register_followables()


def register_followables() -> None:
    """Events people may see can be followed (notifications.follows)."""
    from stadtgespraeche.notifications.follows import register_followable

    from .models import Event
    from .queries import visible_events

    register_followable(
        Event, can_follow=lambda user, event: visible_events(user).filter(pk=event.pk).exists()
    )
