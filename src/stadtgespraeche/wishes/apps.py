from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WishesConfig(AppConfig):
    name = "stadtgespraeche.wishes"

    def ready(self) -> None:
        from stadtgespraeche.notifications import kinds

        from . import personal_data

        personal_data.register()
        kinds.register("wishes.planned", _("A topic wish you support was planned"))
