"""The speakers' side of an agenda item: being told of the assignment, confirming the
impulse and editing its title and abstract (docs/events.md, "Speakers").

Speakers are the accounts in `AgendaItem.speakers`; external speakers have no account and
no speaker page. Slides are uploaded through `documentation` (its speaker page).
"""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from stadtgespraeche.accounts.models import User
from stadtgespraeche.core import indexing
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.events.enums import EventStatus
from stadtgespraeche.events.exceptions import EventError
from stadtgespraeche.events.models import AgendaItem
from stadtgespraeche.notifications.services import notify

KIND_SPEAKER_ASSIGNED = "events.speaker_assigned"
# A speaker can no longer change an item of an event in these statuses.
CLOSED_STATUSES = (EventStatus.CANCELLED, EventStatus.HELD, EventStatus.DOCUMENTED)


class NotASpeaker(EventError):
    """Only a speaker of the agenda item may do this."""


class SpeakerItemClosed(EventError):
    """The event of the item is over or cancelled: nothing can be changed any more."""


# --- Reads --------------------------------------------------------------------------------


def items_of_speaker(user: Any) -> QuerySet[AgendaItem]:
    """The agenda items `user` speaks in, soonest first, with their event (one query)."""
    if not getattr(user, "is_authenticated", False):
        return AgendaItem.objects.none()
    return (
        AgendaItem.objects.filter(speakers=user)
        .exclude(event__status=EventStatus.CANCELLED)
        .select_related("event", "event__venue_municipality")
        .order_by("starts_at", "pk")
    )


def is_speaker(user: Any, item: AgendaItem) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return item.speakers.filter(pk=user.pk).exists()


def is_open_for_speakers(item: AgendaItem) -> bool:
    return item.event.status not in CLOSED_STATUSES and item.event.ends_at > timezone.now()


# --- Writes -------------------------------------------------------------------------------


def notify_assigned(item: AgendaItem, people: list[User]) -> None:
    """Tell people newly added as speakers of `item` (called by `save_agenda_item`)."""
    url = reverse("documentation:speaker-item", kwargs={"slug": item.event.slug, "pk": item.pk})
    for person in people:
        with translation.override(person.language or settings.LANGUAGE_CODE):
            title = _("You are a speaker at “%(event)s”: %(item)s") % {
                "event": item.event.title,
                "item": item.title,
            }
        notify(
            [person],
            kind=KIND_SPEAKER_ASSIGNED,
            title=title,
            url=url,
            key=f"{KIND_SPEAKER_ASSIGNED}:{item.pk}",
        )


def _require_speaker(item: AgendaItem, by: User) -> None:
    if not is_speaker(by, item):
        raise NotASpeaker(_("Only a speaker of this agenda item can do this."))
    if not is_open_for_speakers(item):
        raise SpeakerItemClosed(
            _("This Stadtgespräch is over or cancelled; the agenda item can no longer be changed.")
        )


@transaction.atomic
def confirm_impulse(item: AgendaItem, *, by: User) -> AgendaItem:
    """A speaker confirms they will give the item; confirming again changes nothing."""
    _require_speaker(item, by)
    if item.speaker_confirmed_at is None:
        item.speaker_confirmed_at = timezone.now()
        item.save(update_fields=["speaker_confirmed_at", "updated_at"])
        log_action(
            "events.agenda_item.speaker_confirmed",
            actor=by,
            obj=item,
            data={"event": item.event_id},
        )
    return item


@transaction.atomic
def update_impulse(item: AgendaItem, *, by: User, title: str, abstract: str) -> AgendaItem:
    """A speaker changes the title and abstract of their item (time and room stay with the
    organisers)."""
    _require_speaker(item, by)
    title = title.strip()
    if not title:
        raise EventError(_("Please enter a title."))
    item.title = title[:200]
    item.abstract = abstract.strip()
    item.save(update_fields=["title", "abstract", "updated_at"])
    log_action(
        "events.agenda_item.updated_by_speaker", actor=by, obj=item, data={"event": item.event_id}
    )
    indexing.changed(item.event)
    return item
