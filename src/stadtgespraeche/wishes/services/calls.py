"""A coordinator calls on the councillors of their municipalities to send topic wishes for
a round that collects wishes: one notification and one e-mail per councillor (delivered by
the task queue), once per round and coordinator."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from stadtgespraeche.accounts.models import User
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.core.mail import send_templated_mail
from stadtgespraeche.notifications.services import notify

from .. import queries
from ..exceptions import NotAllowed, WishError, WrongPhase
from ..models import WishRound

CALL_KIND = "wishes.call_for_wishes"
MESSAGE_MAX_LENGTH = 2000


@transaction.atomic
def call_for_wishes(wish_round: WishRound, *, by: User, message: str = "") -> int:
    """Ask `by`'s councillors for wishes; returns how many were asked. A councillor who
    was already asked by `by` for this round is not asked again."""
    municipalities = queries.coordinated_municipalities(by)
    if not by.is_active or not municipalities.exists():
        raise NotAllowed(_("Only coordinators can call on their councillors for wishes."))
    if not wish_round.collecting_is_open():
        raise WrongPhase(_("This round is not collecting wishes at the moment."))
    message = message.strip()
    if len(message) > MESSAGE_MAX_LENGTH:
        raise WishError(_("The message may have at most 2,000 characters."))
    councillors = list(queries.councillors_of(municipalities))
    if not councillors:
        raise WishError(_("No councillor of your municipality is in the network yet."))
    url = reverse("wishes:wish-create", kwargs={"pk": wish_round.pk})
    key = f"{CALL_KIND}:{wish_round.pk}:{by.pk}"
    asked = 0
    for person in councillors:
        with translation.override(person.language or settings.LANGUAGE_CODE):
            title = _("%(coordinator)s asks for your topic wishes: “%(round)s”") % {
                "coordinator": by.get_full_name() or _("Your coordinator"),
                "round": wish_round.title,
            }
        if not notify(
            [person], kind=CALL_KIND, title=title, url=url, key=key, mailed_separately=True
        ):
            continue  # asked before
        asked += 1
        send_templated_mail(
            to=[person.email],
            template="wishes/emails/call_for_wishes",
            context={
                "person": person,
                "coordinator": by,
                "round": wish_round,
                "message": message,
                "wish_url": url,
            },
            language=person.language,
        )
    if not asked:
        raise WishError(_("You have already asked all your councillors for wishes in this round."))
    log_action("wishes.round.call_sent", actor=by, obj=wish_round, data={"councillors": asked})
    return asked
