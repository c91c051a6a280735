"""Writes around the online room: joining (creates the meeting, records attendance) and ending.

See docs/rooms.md. Calls to the room server happen outside the database transaction;
RoomUnavailable (from rooms/) reaches the view, which shows its message.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stadtgespraeche.accounts.models import User
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.events.exceptions import EventError
from stadtgespraeche.events.models import Event
from stadtgespraeche.network.enums import RoomKind
from stadtgespraeche.network.models import Series
from stadtgespraeche.registrations.enums import RegistrationStatus
from stadtgespraeche.registrations.models import Registration
from stadtgespraeche.rooms import queries as queries_rooms
from stadtgespraeche.rooms.providers import JoinRequest, RoomUnavailable


class RoomNotAllowed(EventError):
    """The person may not join or end this room (now)."""


__all__ = ["RoomNotAllowed", "RoomUnavailable", "end_room", "join_room", "set_room_provider"]


def join_room(
    event: Event, *, user: User, ip_address: str | None = None, now: datetime | None = None
) -> str:
    """Create the meeting if needed and return the person's signed join URL.

    Records the first online join on the registration (status attended from the opening of
    the join window to the end) and writes the audit log. Raises RoomNotAllowed or RoomUnavailable.
    """
    now = now or timezone.now()
    access = queries_rooms.room_access(user, event, now=now)
    if not access.can_join:
        raise RoomNotAllowed(_("You cannot join this online room now."))
    provider = queries_rooms.provider_of(event)
    spec = queries_rooms.meeting_spec(event)
    provider.create_meeting(spec)
    url = provider.join_url(
        spec,
        JoinRequest(
            full_name=queries_rooms.display_name(user), user_id=str(user.pk), role=access.role
        ),
    )
    _record_attendance(event, access.registration, now=now)
    log_action(
        "events.room.joined",
        actor=user,
        obj=event,
        ip_address=ip_address,
        data={"role": str(access.role)},
    )
    return url


def _record_attendance(event: Event, registration: Registration | None, *, now: datetime) -> None:
    if registration is None:
        return
    with transaction.atomic():
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        fields = []
        if locked.joined_online_at is None:
            locked.joined_online_at = now
            fields.append("joined_online_at")
        opens_at, closes_at = queries_rooms.room_window(event)
        in_window = opens_at <= now <= closes_at
        if in_window and locked.status == RegistrationStatus.REGISTERED:
            locked.status = RegistrationStatus.ATTENDED
            fields.append("status")
        if fields:
            locked.save(update_fields=[*fields, "updated_at"])


def end_room(event: Event, *, by: User, ip_address: str | None = None) -> None:
    """End the meeting for everybody (organisers only). Raises RoomNotAllowed/RoomUnavailable."""
    if not by.has_perm("rooms.end_room", event):
        raise RoomNotAllowed(_("Only organisers can end the online room."))
    provider = queries_rooms.provider_of(event)
    spec = queries_rooms.meeting_spec(event)
    provider.end_meeting(spec.meeting_id, moderator_password=spec.moderator_password)
    log_action("events.room.ended", actor=by, obj=event, ip_address=ip_address)


def set_room_provider(series: Series, *, provider: str, by: User) -> Series:
    """Choose the room provider of a series (organisers); audited."""
    if not by.has_perm("events.manage_events"):
        raise RoomNotAllowed(_("Only organisers can change the online room of a series."))
    if provider not in RoomKind.values:
        raise RoomNotAllowed(_("Please choose the online room."))
    with transaction.atomic():
        previous = series.room_provider
        series.room_provider = provider
        series.save(update_fields=["room_provider", "updated_at"])
        log_action(
            "events.series.room_changed",
            actor=by,
            obj=series,
            data={"from": previous, "to": provider},
        )
    return series
