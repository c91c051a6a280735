from datetime import timedelta

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "stadtgespraeche.accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from stadtgespraeche.core import periodic

        from . import sessions
        from .services.data_rights import process_due_deletions, register_accounts

        register_accounts()
        # Session lifetime per role starts at every login, whichever view logs in.
        user_logged_in.connect(sessions.on_login, dispatch_uid="accounts.sessions.on_login")
        periodic.register(
            "accounts.process_account_deletions", process_due_deletions, every=timedelta(hours=1)
        )
