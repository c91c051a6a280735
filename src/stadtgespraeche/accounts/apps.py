from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "stadtgespraeche.accounts"

    def ready(self) -> None:
        from .services.data_rights import register_accounts

        register_accounts()
