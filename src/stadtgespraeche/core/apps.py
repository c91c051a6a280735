from datetime import timedelta

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "stadtgespraeche.core"

    def ready(self) -> None:
        from django.core import checks

        from . import converters, jobs, markdown, periodic  # app registry must be ready

        converters.register()  # `<id:pk>` in every app's URLs (core/converters.py)
        from .personal_data import register_core

        periodic.register(
            "core.clear_expired_sessions", jobs.clear_expired_sessions, every=timedelta(days=1)
        )
        periodic.register(
            "core.prune_task_results", jobs.prune_task_results, every=timedelta(hours=6)
        )
        periodic.register(
            "core.requeue_abandoned_tasks", jobs.requeue_abandoned_tasks, every=timedelta(minutes=5)
        )
        periodic.register(
            "core.refresh_query_statistics",
            jobs.refresh_query_statistics,
            every=timedelta(days=1),
        )
        periodic.register(
            "core.render_stale_markdown", markdown.render_all_stale, every=timedelta(hours=1)
        )
        checks.register(markdown.check_stale_rows, checks.Tags.database)
        register_core()
        # Cache infrastructure only, no business logic: every new database connection reports
        # its writes to the content generation; a changed setting (tests) empties the
        # response cache (core/generation.py, core/response_cache.py).
        from django.core.signals import setting_changed
        from django.db.backends.signals import connection_created

        from . import generation, response_cache

        connection_created.connect(generation.install, dispatch_uid="core.generation")
        setting_changed.connect(response_cache.clear, dispatch_uid="core.response_cache")
        # Django 6.1's label of the empty choice in selects ("- Select an option -") has no
        # German translation in Django's own catalogue yet; Django documents overriding it here.
        from django.db.models import fields
        from django.utils.translation import gettext_lazy

        fields.BLANK_CHOICE_LABEL = gettext_lazy("Please choose")
