from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "stadtgespraeche.search"

    def ready(self) -> None:
        from stadtgespraeche.core import indexing
        from stadtgespraeche.people import text_search

        from . import checks, directory, services  # noqa: F401  (checks: the system check)
        from .providers import load_providers

        load_providers()
        indexing.register("search", services.handle_change)
        indexing.register_batch("search", services.handle_changes)
        text_search.register(directory.matching_profiles)
