from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "stadtgespraeche.search"

    def ready(self) -> None:
        from stadtgespraeche.core import indexing

        from . import services
        from .providers import load_providers

        load_providers()
        indexing.register("search", services.handle_change)
