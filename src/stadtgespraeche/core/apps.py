from datetime import timedelta

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "stadtgespraeche.core"

    def ready(self) -> None:
        from . import jobs, periodic  # app registry must be ready
        from .personal_data import register_core

        periodic.register(
            "core.clear_expired_sessions", jobs.clear_expired_sessions, every=timedelta(days=1)
        )
        register_core()
