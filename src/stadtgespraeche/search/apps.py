from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "stadtgespraeche.search"

    def ready(self) -> None:
        from stadtgespraeche.core import indexing

        from . import checks, services  # noqa: F401  (checks registers the system check)
        from .providers import load_providers

        load_providers()
        indexing.register("search", services.handle_change)
        indexing.register_batch("search", services.handle_changes)
