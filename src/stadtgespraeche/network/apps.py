from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "stadtgespraeche.network"

    def ready(self) -> None:
        from stadtgespraeche.network import discussion_notices, personal_data, threads

        personal_data.register()
        threads.register()  # discussions: owner links of topic and municipality threads
        discussion_notices.register()
        register_followables()


def register_followables() -> None:
    """Topics, municipalities and threads can be followed. `topics`, `discussions` and
    `notifications` are siblings that may not import each other, so the network (the lowest
    app above all of them) registers them."""
    from stadtgespraeche.discussions import access
    from stadtgespraeche.discussions.models import Thread
    from stadtgespraeche.municipalities.models import Municipality
    from stadtgespraeche.notifications.follows import register_followable
    from stadtgespraeche.topics.models import Topic

    register_followable(
        Topic, can_follow=lambda user, topic: user.has_perm("topics.view_topic", topic)
    )
    register_followable(Municipality, can_follow=lambda user, municipality: user.is_authenticated)
    register_followable(Thread, can_follow=lambda user, thread: access.can_view(thread, user))
