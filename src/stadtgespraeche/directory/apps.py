from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "stadtgespraeche.directory"

    def ready(self) -> None:
        from . import personal_data, personal_data_contacts  # registry ready

        personal_data.register()
        personal_data_contacts.register()
        register_followables()


def register_followables() -> None:
    """Topics and municipalities can be followed (topics may not import notifications, the
    layers are siblings, so directory registers the topic as well)."""
    from stadtgespraeche.notifications.follows import register_followable
    from stadtgespraeche.topics.models import Topic

    from .models import Municipality

    register_followable(
        Topic, can_follow=lambda user, topic: user.has_perm("topics.view_topic", topic)
    )
    register_followable(Municipality, can_follow=lambda user, municipality: user.is_authenticated)
