"""Organisers write to the registered of an event: everyone, one attendance mode or the
waitlist. Each person gets their own e-mail (no one sees the others' addresses), in their
language; the message is kept as an `EventMessage`, the archive copy organisers see."""

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from stadtgespraeche.accounts.models import User
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.core.mail import send_templated_mail
from stadtgespraeche.events.models import Event
from stadtgespraeche.registrations.enums import (
    PLACE_HOLDING_STATUSES,
    Audience,
    RegistrationStatus,
)
from stadtgespraeche.registrations.exceptions import RegistrationError, RegistrationNotAllowed
from stadtgespraeche.registrations.models import EventMessage

SUBJECT_MAX_LENGTH = 200
BODY_MAX_LENGTH = 10_000


def recipients(event: Event, audience: str) -> QuerySet[User]:
    """The active people `audience` names for `event`, each once."""
    users = User.objects.filter(is_active=True, event_registrations__event=event)
    if audience == Audience.ALL:
        statuses = (*PLACE_HOLDING_STATUSES, RegistrationStatus.WAITLISTED)
        users = users.filter(event_registrations__status__in=statuses)
    elif audience == Audience.WAITLIST:
        users = users.filter(event_registrations__status=RegistrationStatus.WAITLISTED)
    elif audience in (Audience.IN_PERSON, Audience.ONLINE):
        users = users.filter(
            event_registrations__status__in=PLACE_HOLDING_STATUSES,
            event_registrations__mode=audience,
        )
    else:
        raise RegistrationError(_("Please choose who receives the message."))
    return users.distinct().order_by("pk")


@transaction.atomic
def send_event_message(
    event: Event, *, audience: str, subject: str, body: str, by: User
) -> EventMessage:
    """Send the message to the audience and archive it; refused without a recipient."""
    if not (by.is_active and by.is_organiser):
        raise RegistrationNotAllowed(_("Only organisers can write to the registered."))
    subject, body = " ".join(subject.split()), body.strip()
    if not subject or not body:
        raise RegistrationError(_("Please enter a subject and a message."))
    if len(subject) > SUBJECT_MAX_LENGTH or len(body) > BODY_MAX_LENGTH:
        raise RegistrationError(
            _("The subject may have at most 200 and the message at most 10,000 characters.")
        )
    people = list(recipients(event, audience))
    if not people:
        raise RegistrationError(_("Nobody is registered in the chosen group; nothing was sent."))
    message = EventMessage.objects.create(
        event=event,
        audience=audience,
        subject=subject,
        body=body,
        sent_by=by,
        recipient_count=len(people),
    )
    log_action(
        "events.message.sent",
        actor=by,
        obj=event,
        data={"audience": audience, "recipients": len(people)},
    )
    event_url = settings.SITE_URL + event.get_absolute_url()
    for person in people:
        send_templated_mail(
            to=[person.email],
            template="registrations/emails/event_message",
            context={"person": person, "event": event, "message": message, "event_url": event_url},
            language=person.language,
        )
    return message
