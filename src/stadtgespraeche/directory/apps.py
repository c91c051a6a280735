from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "stadtgespraeche.directory"

    def ready(self) -> None:
        from . import discussion_notices, personal_data, personal_data_contacts, threads

        personal_data.register()
        personal_data_contacts.register()
        threads.register()  # discussions: owner links of topic and municipality threads
        discussion_notices.register()
        register_followables()


def register_followables() -> None:
    """Topics and municipalities can be followed (topics may not import notifications, the
    layers are siblings, so directory registers the topic as well)."""
    from stadtgespraeche.discussions import access
    from stadtgespraeche.discussions.models import Thread
    from stadtgespraeche.notifications.follows import register_followable
    from stadtgespraeche.topics.models import Topic

    from .models import Municipality

    register_followable(
        Topic, can_follow=lambda user, topic: user.has_perm("topics.view_topic", topic)
    )
    register_followable(Municipality, can_follow=lambda user, municipality: user.is_authenticated)
    # Threads: `discussions` and `notifications` are siblings, so directory registers them.
    register_followable(Thread, can_follow=lambda user, thread: access.can_view(thread, user))
