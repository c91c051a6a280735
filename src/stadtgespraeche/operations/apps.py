from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the platform: server, worker, health, failure pages, backups (docs/operations.md)."""

    name = "stadtgespraeche.operations"
