from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "stadtgespraeche.directory"

    def ready(self) -> None:
        from . import personal_data, personal_data_contacts  # registry ready

        personal_data.register()
        personal_data_contacts.register()

        from . import discussion_notices, threads  # discussions: owner links, notifications

        threads.register()
        discussion_notices.register()
