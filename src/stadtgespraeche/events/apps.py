from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "stadtgespraeche.events"

    def ready(self) -> None:
        from stadtgespraeche.events import threads
        from stadtgespraeche.events.speakers import KIND_SPEAKER_ASSIGNED
        from stadtgespraeche.notifications import kinds

        threads.register()  # discussions of an event: access policy
        register_followables()
        kinds.register(KIND_SPEAKER_ASSIGNED, _("You were named as a speaker of an agenda item"))


def register_followables() -> None:
    """Events people may see can be followed (notifications.follows)."""
    from stadtgespraeche.events.models import Event
    from stadtgespraeche.events.queries import is_visible_to
    from stadtgespraeche.notifications.follows import register_followable

    register_followable(Event, can_follow=lambda user, event: is_visible_to(event, user))
