from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WishesConfig(AppConfig):
    name = "stadtgespraeche.wishes"

    def ready(self) -> None:
        from stadtgespraeche.notifications import kinds

        from . import personal_data

        personal_data.register()
        from .services import ON_BEHALF_KIND, ROUND_OPENED_KIND
        from .services.calls import CALL_KIND

        kinds.register("wishes.planned", _("A topic wish you support was planned"))
        kinds.register(ON_BEHALF_KIND, _("A coordinator entered a topic wish on your behalf"))
        kinds.register(ROUND_OPENED_KIND, _("A new round of topic wishes was opened"))
        kinds.register(CALL_KIND, _("Your coordinator asks for your topic wishes"))
