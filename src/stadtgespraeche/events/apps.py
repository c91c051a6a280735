from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "stadtgespraeche.events"

    def ready(self) -> None:
        from stadtgespraeche.events import threads

        threads.register()  # discussions of an event: access policy
        register_followables()


def register_followables() -> None:
    """Events people may see can be followed (notifications.follows)."""
    from stadtgespraeche.events.models import Event
    from stadtgespraeche.events.queries import is_visible_to
    from stadtgespraeche.notifications.follows import register_followable

    register_followable(Event, can_follow=lambda user, event: is_visible_to(event, user))
