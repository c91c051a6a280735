"""Writes of the notifications app. Domain services call `notify()`; it never calls back."""

from collections.abc import Iterable, Mapping
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from stadtgespraeche.accounts.models import User
from stadtgespraeche.core.audit import log_action

from . import emails, kinds, queries
from .enums import ALL_KINDS, DIGEST_CADENCES, Cadence
from .models import Follow, Notification, Preference


class PreferenceError(ValueError):
    """An unknown kind or cadence was given."""


@transaction.atomic
def notify(
    recipients: Iterable[User],
    *,
    kind: str,
    title: str,
    url: str = "",
    body: str = "",
    key: str = "",
    mailed_separately: bool = False,
) -> list[Notification]:
    """Create one notification per distinct active recipient; return the new ones.

    `mailed_separately=True` is for services that send their own e-mail about the same
    thing (e.g. a registration confirmation with its .ics): the notification then appears
    in the centre only, so nobody gets the news twice by e-mail.

    With a `key`, a recipient who already has a notification with that key gets no second
    one (e.g. key=f"wishes.planned:{wish.pk}"), so calling twice is harmless.

    Each notification takes the recipient's e-mail cadence for `kind`; for "immediately",
    one e-mail per notification goes out after the surrounding transaction commits (and
    never if it rolls back). Digests pick up the others (digests.py); "off" sends nothing.
    """
    people = {person.pk: person for person in recipients if person.is_active}
    if not people:
        return []
    if key:
        already = set(
            Notification.objects.filter(recipient__in=people.keys(), key=key).values_list(
                "recipient_id", flat=True
            )
        )
        people = {pk: person for pk, person in people.items() if pk not in already}
        if not people:
            return []
    cadences: dict[int, str] = (
        dict.fromkeys(people, Cadence.OFF.value)
        if mailed_separately
        else dict(queries.cadences_for_recipients(people.keys(), kind))
    )
    created = [
        Notification(
            recipient=person,
            kind=kind,
            title=title[:300],
            url=url,
            body=body,
            key=key,
            cadence=cadences[person.pk],
        )
        for person in people.values()
    ]
    created = Notification.objects.bulk_create(created, ignore_conflicts=bool(key))
    if key:  # rows inserted with ignore_conflicts come back without primary keys
        created = list(Notification.objects.filter(recipient__in=people.keys(), key=key))
    for notification in created:
        if notification.cadence == Cadence.IMMEDIATELY:
            transaction.on_commit(partial(emails.send_immediately, notification.pk), robust=True)
    return created


def follow(user: User, target: models.Model) -> Follow:
    content_type = ContentType.objects.get_for_model(target)
    following, _created = Follow.objects.get_or_create(
        user=user, target_type=content_type, target_id=target.pk
    )
    return following


def unfollow(user: User, target: models.Model) -> None:
    content_type = ContentType.objects.get_for_model(target)
    Follow.objects.filter(user=user, target_type=content_type, target_id=target.pk).delete()


# --- Reading ------------------------------------------------------------------------------


def mark_read(user: User, notification_id: int) -> bool:
    """Mark one of `user`'s notifications read; False if it is not theirs (or unknown)."""
    exists = Notification.objects.filter(pk=notification_id, recipient=user).exists()
    Notification.objects.filter(pk=notification_id, recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return exists


def mark_all_read(user: User) -> int:
    """Mark every unread notification of `user` read; returns how many changed."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# --- Preferences --------------------------------------------------------------------------


def _move_pending(user: User, kind_keys: Iterable[str], cadence: str) -> None:
    """Items of `kind_keys` still waiting for a digest follow the new cadence: a later
    digest or none ("off"). Switching to "immediately" leaves them in their digest."""
    if cadence == Cadence.IMMEDIATELY:
        return
    Notification.objects.filter(
        recipient=user,
        kind__in=list(kind_keys),
        emailed_at__isnull=True,
        cadence__in=DIGEST_CADENCES,
    ).exclude(cadence=cadence).update(cadence=cadence)


@transaction.atomic
def set_preferences(user: User, choices: Mapping[str, str]) -> None:
    """Save `user`'s cadence per kind (`choices`: kind key → cadence). Saving the settings
    page gives every kind its own row, so a former "unsubscribe from all" row is dropped."""
    known = {kind.key for kind in kinds.all_kinds()}
    for kind, cadence in choices.items():
        if kind not in known:
            raise PreferenceError(f"Unknown notification kind {kind!r}")
        if cadence not in Cadence.values:
            raise PreferenceError(f"Unknown cadence {cadence!r}")
    for kind, cadence in choices.items():
        Preference.objects.update_or_create(user=user, kind=kind, defaults={"cadence": cadence})
        _move_pending(user, [kind], cadence)
    Preference.objects.filter(user=user, kind=ALL_KINDS).delete()


@transaction.atomic
def unsubscribe(user: User, kind: str, *, ip_address: str | None = None) -> None:
    """No more e-mails of `kind` (or, with "*", of any kind, also kinds registered later).
    In-app notifications continue. Used by the one-click link; idempotent."""
    if kind == ALL_KINDS:
        Preference.objects.update_or_create(
            user=user, kind=ALL_KINDS, defaults={"cadence": Cadence.OFF}
        )
        Preference.objects.filter(user=user).exclude(kind=ALL_KINDS).update(cadence=Cadence.OFF)
        Notification.objects.filter(recipient=user, emailed_at__isnull=True).exclude(
            cadence=Cadence.OFF
        ).update(cadence=Cadence.OFF)
    else:
        Preference.objects.update_or_create(user=user, kind=kind, defaults={"cadence": Cadence.OFF})
        Notification.objects.filter(recipient=user, kind=kind, emailed_at__isnull=True).exclude(
            cadence=Cadence.OFF
        ).update(cadence=Cadence.OFF)
    log_action(
        "notifications.unsubscribed",
        actor=user,
        obj=user,
        ip_address=ip_address,
        data={"kind": kind},
    )


# --- Personal data ------------------------------------------------------------------------


def erase_personal_data(user: User) -> None:
    Notification.objects.filter(recipient=user).delete()
    Follow.objects.filter(user=user).delete()
    Preference.objects.filter(user=user).delete()
    user.notification_digests.all().delete()
