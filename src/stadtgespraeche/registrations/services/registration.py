"""Writes of registration: register, cancel (also by e-mail link), promote from the waitlist,
move between modes and record attendance.

Capacity and "nobody twice" hold under concurrent requests: every write that changes who
holds a place locks the event row first (`select_for_update`; on SQLite the IMMEDIATE
transaction mode serialises writers), so counting and inserting happen one request after
the other; the partial unique constraint `events_one_active_registration` is the last guard.
Every write is audited; e-mails go out after the commit in the recipient's language.
"""

import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from stadtgespraeche.accounts.models import User
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.core.mail import send_templated_mail
from stadtgespraeche.events.calendar import event_calendar
from stadtgespraeche.events.enums import AttendanceMode, EventStatus
from stadtgespraeche.events.models import Event
from stadtgespraeche.network.models import Series
from stadtgespraeche.notifications.services import notify
from stadtgespraeche.registrations import queries
from stadtgespraeche.registrations.enums import PLACE_HOLDING_STATUSES, RegistrationStatus
from stadtgespraeche.registrations.exceptions import (
    AlreadyRegistered,
    InvalidCancelLink,
    InvalidMode,
    RegistrationClosed,
    RegistrationNotAllowed,
    RegistrationNotChangeable,
)
from stadtgespraeche.registrations.models import Registration

# Notification kinds (registered in EventsConfig.ready()).
KIND_PROMOTED = "events.registration.promoted"
KIND_CANCELLED = "events.registration.cancelled_by_organiser"


@dataclass(frozen=True)
class RegistrationResult:
    registration: Registration
    # The self-cancellation token of the e-mail (only here, never stored).
    cancel_token: str


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def cancel_url(token: str) -> str:
    return settings.SITE_URL + reverse(
        "registrations:registration-self-cancel", kwargs={"token": token}
    )


def _new_token(registration: Registration) -> str:
    """A fresh self-cancellation token; only its hash is stored (older links stop working)."""
    token = secrets.token_urlsafe(32)
    registration.cancel_token_hash = hash_token(token)
    return token


def may_register(by: Any, person: User) -> bool:
    """Councillors register themselves, coordinators the councillors of their municipalities,
    organisers anyone."""
    if not getattr(by, "is_authenticated", False) or not by.is_active or not person.is_active:
        return False
    if by.is_organiser:
        return True
    if by.pk == person.pk:
        return queries.is_self_registrant(by)
    return queries.councillors_coordinated_by(by).filter(pk=person.pk).exists()


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update().select_related("series").get(pk=event.pk)


def _has_place(event: Event, mode: str, *, excluding: Registration | None = None) -> bool:
    capacity = event.capacity_for(mode)
    if capacity is None:
        return True
    holders = queries.place_holders(event, mode)
    if excluding is not None:
        holders = holders.exclude(pk=excluding.pk)
    return holders.count() < capacity


def _check_open(event: Event, by: Any) -> None:
    if by.is_organiser:
        if event.status not in queries.ORGANISER_CHANGE_STATUSES:
            raise RegistrationClosed(
                _("People can no longer be added to this Stadtgespräch (status: %(status)s).")
                % {"status": event.get_status_display()}
            )
        return
    if not queries.registration_window_open(event):
        raise RegistrationClosed(_("Registration for this Stadtgespräch is not open."))


@transaction.atomic
def register(
    event: Event,
    *,
    person: User,
    by: User,
    mode: str,
    accessibility_needs: str = "",
    dietary_needs: str = "",
    on_participant_list: bool = False,
) -> RegistrationResult:
    """Register `person` for `event` in `mode` (waitlisted when the mode is full).

    Raises RegistrationNotAllowed, RegistrationClosed, InvalidMode or AlreadyRegistered.
    Organisers may add people while the event is published or registration is open or
    closed, regardless of the registration window.
    """
    if not may_register(by, person):
        raise RegistrationNotAllowed(_("You may not register this person."))
    locked = _lock(event)
    _check_open(locked, by)
    if mode not in locked.modes:
        raise InvalidMode(_("Please choose one of the attendance modes this event offers."))
    if queries.active_registration(locked, person) is not None:
        raise AlreadyRegistered(
            _("%(person)s is already registered for this Stadtgespräch.") % {"person": person}
        )
    status = (
        RegistrationStatus.REGISTERED if _has_place(locked, mode) else RegistrationStatus.WAITLISTED
    )
    registration = Registration(
        event=locked,
        user=person,
        mode=mode,
        status=status,
        registered_by=by,
        accessibility_needs=accessibility_needs.strip() if locked.ask_accessibility_needs else "",
        dietary_needs=dietary_needs.strip() if locked.ask_dietary_needs else "",
        on_participant_list=on_participant_list,
    )
    token = _new_token(registration)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as error:
        raise AlreadyRegistered(
            _("%(person)s is already registered for this Stadtgespräch.") % {"person": person}
        ) from error
    log_action(
        "events.registration.created",
        actor=by,
        obj=registration,
        data={"mode": mode, "status": str(status), "person": person.pk},
    )
    template = "confirmation" if status == RegistrationStatus.REGISTERED else "waitlisted"
    _mail_on_commit(registration, template=template, token=token)
    return RegistrationResult(registration=registration, cancel_token=token)


def _promote(event: Event, mode: str, *, by: User | None) -> list[Registration]:
    """Move the oldest waitlisted registrations of `mode` up while places are free.

    Call with the event row locked."""
    promoted: list[Registration] = []
    while _has_place(event, mode):
        candidate = queries.next_waitlisted(event, mode)
        if candidate is None:
            break
        candidate.status = RegistrationStatus.REGISTERED
        candidate.promoted_at = timezone.now()
        token = _new_token(candidate)
        candidate.save(update_fields=["status", "promoted_at", "cancel_token_hash", "updated_at"])
        log_action(
            "events.registration.promoted",
            actor=by,
            obj=candidate,
            data={"mode": mode, "person": candidate.user_id},
        )
        with translation.override(candidate.user.language):
            notify(
                [candidate.user],
                kind=KIND_PROMOTED,
                title=_("You have a place at “%(event)s”") % {"event": event.title},
                url=event.get_absolute_url(),
                key=f"{KIND_PROMOTED}:{candidate.pk}:{candidate.promoted_at.isoformat()}",
                mailed_separately=True,
            )
        _mail_on_commit(candidate, template="promoted", token=token)
        promoted.append(candidate)
    return promoted


def promote_into_new_places(event: Event, *, by: User | None) -> list[Registration]:
    """After the capacities of `event` changed: move the oldest waitlisted registrations of
    each attendance mode up into the places now free (first come, first served), with the
    notification and e-mail of every promotion.

    Nothing moves while the event is not taking registrations (a draft, cancelled, held or
    over). Call inside the transaction that changed the capacities; returns the promoted.
    """
    if event.status not in queries.ORGANISER_CHANGE_STATUSES or event.ends_at <= timezone.now():
        return []
    locked = _lock(event)
    promoted: list[Registration] = []
    for mode in locked.modes:
        promoted += _promote(locked, mode, by=by)
    return promoted


def _cancellable(registration: Registration) -> None:
    if registration.status not in queries.ACTIVE_STATUSES:
        raise RegistrationNotChangeable(_("This registration is no longer active."))
    event = registration.event
    if event.status in (EventStatus.HELD, EventStatus.DOCUMENTED) or (
        event.ends_at <= timezone.now()
    ):
        raise RegistrationNotChangeable(_("The Stadtgespräch is over."))


def _reload(registration: Registration) -> Registration:
    return Registration.objects.select_related("event", "event__series", "user").get(
        pk=registration.pk
    )


@transaction.atomic
def cancel_registration(
    registration: Registration, *, by: User | None, message: str = ""
) -> list[Registration]:
    """Cancel a registration (the person themself, or an organiser with an optional message)
    and promote the first waitlisted people of its mode into free places.

    `by` None means the person used the link in their e-mail. Returns the promoted
    registrations. Raises RegistrationNotAllowed or RegistrationNotChangeable.
    """
    is_self = by is None or by.pk == registration.user_id
    if not is_self and not (by is not None and by.is_active and by.is_organiser):
        raise RegistrationNotAllowed(_("You may not cancel this registration."))
    event = _lock(registration.event)
    registration = _reload(registration)
    _cancellable(registration)
    held_place = registration.status in PLACE_HOLDING_STATUSES
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.cancel_token_hash = ""
    registration.save(update_fields=["status", "cancelled_at", "cancel_token_hash", "updated_at"])
    log_action(
        "events.registration.cancelled",
        actor=by,
        obj=registration,
        data={
            "by_person": is_self,
            "via_link": by is None,
            "message": message if not is_self else "",
        },
    )
    if not is_self:
        person = registration.user
        with translation.override(person.language):
            notify(
                [person],
                kind=KIND_CANCELLED,
                title=_("Your registration for “%(event)s” was cancelled") % {"event": event.title},
                url=event.get_absolute_url(),
                body=message,
                mailed_separately=True,
            )
        _mail_on_commit(registration, template="cancelled", message=message)
    return _promote(event, registration.mode, by=by) if held_place else []


def cancel_by_token(token: str) -> Registration:
    """Self-cancellation through the link in the e-mail. Raises InvalidCancelLink."""
    registration = queries.registration_by_token_hash(hash_token(token)) if token else None
    if registration is None:
        raise InvalidCancelLink(
            _("This link is not valid (any more). Perhaps the registration was already cancelled.")
        )
    cancel_registration(registration, by=None)
    return registration


def registration_for_token(token: str) -> Registration | None:
    return queries.registration_by_token_hash(hash_token(token)) if token else None


def _require_organiser(by: User) -> None:
    if not (by.is_active and by.is_organiser):
        raise RegistrationNotAllowed(_("Only organisers may do this."))


@transaction.atomic
def move_registration(registration: Registration, *, mode: str, by: User) -> Registration:
    """An organiser moves a registration to the other mode: it keeps a place if the target
    mode has one, else it joins that mode's waitlist; a freed place is passed on."""
    _require_organiser(by)
    event = _lock(registration.event)
    registration = _reload(registration)
    if mode not in event.modes:
        raise InvalidMode(_("Please choose one of the attendance modes this event offers."))
    if registration.mode == mode:
        raise RegistrationNotChangeable(_("The registration already has this attendance mode."))
    if registration.status not in queries.ACTIVE_STATUSES:
        raise RegistrationNotChangeable(_("This registration is no longer active."))
    if event.status not in queries.ORGANISER_CHANGE_STATUSES:
        raise RegistrationNotChangeable(
            _("Registrations of this Stadtgespräch can no longer move.")
        )
    previous_mode, previous_status = registration.mode, registration.status
    registration.mode = mode
    registration.status = (
        RegistrationStatus.REGISTERED
        if _has_place(event, mode, excluding=registration)
        else RegistrationStatus.WAITLISTED
    )
    registration.save(update_fields=["mode", "status", "updated_at"])
    log_action(
        "events.registration.moved",
        actor=by,
        obj=registration,
        data={
            "from_mode": previous_mode,
            "to_mode": mode,
            "from_status": previous_status,
            "to_status": str(registration.status),
        },
    )
    if previous_status in PLACE_HOLDING_STATUSES:
        _promote(event, previous_mode, by=by)
    return registration


@transaction.atomic
def mark_attendance(registration: Registration, *, attended: bool, by: User) -> Registration:
    """After the start of the event an organiser records attended or no-show."""
    _require_organiser(by)
    registration = _reload(registration)
    if registration.event.starts_at > timezone.now():
        raise RegistrationNotChangeable(_("Attendance can be recorded once the event has begun."))
    if registration.status not in PLACE_HOLDING_STATUSES:
        raise RegistrationNotChangeable(
            _("Only people who held a place can be marked as attended or absent.")
        )
    previous = registration.status
    registration.status = RegistrationStatus.ATTENDED if attended else RegistrationStatus.NO_SHOW
    registration.save(update_fields=["status", "updated_at"])
    log_action(
        "events.registration.attendance",
        actor=by,
        obj=registration,
        data={"from": previous, "to": str(registration.status)},
    )
    return registration


@transaction.atomic
def set_balance_max_share(series: Series, *, share: int, by: User) -> Series:
    """An organiser sets the share (percent) above which the balance tables warn."""
    _require_organiser(by)
    if not 1 <= share <= 100:
        raise RegistrationNotChangeable(_("Please enter a share between 1 and 100 percent."))
    previous = series.balance_max_share
    series.balance_max_share = share
    series.save(update_fields=["balance_max_share", "updated_at"])
    log_action(
        "events.series.balance_share_changed",
        actor=by,
        obj=series,
        data={"from": previous, "to": share},
    )
    return series


# --- E-mails ---------------------------------------------------------------------------------


def _mail_on_commit(
    registration: Registration, *, template: str, token: str = "", message: str = ""
) -> None:
    person = registration.user
    event = registration.event
    with_calendar = template in ("confirmation", "promoted")
    context = {
        "person": person,
        "event": event,
        "mode": AttendanceMode(registration.mode).label,
        "registration": registration,
        "event_url": settings.SITE_URL + event.get_absolute_url(),
        "cancel_url": cancel_url(token) if token else "",
        "message": message,
    }

    def send() -> None:
        attachments = (
            [(f"{event.slug}.ics", event_calendar(event), "text/calendar")]
            if with_calendar
            else None
        )
        send_templated_mail(
            to=[person.email],
            template=f"registrations/emails/{template}",
            context=context,
            language=person.language,
            attachments=attachments,
        )

    transaction.on_commit(send)
