from datetime import timedelta

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "stadtgespraeche.notifications"

    def ready(self) -> None:
        from stadtgespraeche.core import periodic

        from . import personal_data
        from .digests import send_digests

        personal_data.register()
        periodic.register("notifications.send_digests", send_digests, every=timedelta(hours=1))
