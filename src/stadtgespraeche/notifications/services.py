"""Writes of the notifications app. Domain services call `notify()`; it never calls back."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from stadtgespraeche.accounts.models import User

from .models import Follow, Notification


@transaction.atomic
def notify(
    recipients: Iterable[User],
    *,
    kind: str,
    title: str,
    url: str = "",
    body: str = "",
    key: str = "",
) -> list[Notification]:
    """Create one notification per distinct active recipient; return the new ones.

    With a `key`, a recipient who already has a notification with that key gets no second
    one (e.g. key=f"wishes.planned:{wish.pk}"), so calling twice is harmless.
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
    created = [
        Notification(recipient=person, kind=kind, title=title[:300], url=url, body=body, key=key)
        for person in people.values()
    ]
    return Notification.objects.bulk_create(created, ignore_conflicts=bool(key))


def follow(user: User, target: models.Model) -> Follow:
    content_type = ContentType.objects.get_for_model(target)
    following, _created = Follow.objects.get_or_create(
        user=user, target_type=content_type, target_id=target.pk
    )
    return following


def unfollow(user: User, target: models.Model) -> None:
    content_type = ContentType.objects.get_for_model(target)
    Follow.objects.filter(user=user, target_type=content_type, target_id=target.pk).delete()
