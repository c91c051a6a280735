from datetime import timedelta

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "stadtgespraeche.accounts"

    def ready(self) -> None:
        from stadtgespraeche.core import periodic

        from .services.data_rights import process_due_deletions, register_accounts

        register_accounts()
        periodic.register(
            "accounts.process_account_deletions", process_due_deletions, every=timedelta(hours=1)
        )
