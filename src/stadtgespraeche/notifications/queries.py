"""Reads of the notifications app."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from stadtgespraeche.accounts.models import User

from . import kinds
from .enums import ALL_KINDS, Cadence
from .models import Follow, Notification, Preference


def followers(target: models.Model) -> QuerySet[User]:
    """Active people following `target`."""
    content_type = ContentType.objects.get_for_model(target)
    return User.objects.filter(
        is_active=True, follows__target_type=content_type, follows__target_id=target.pk
    ).distinct()


def is_following(user: User, target: models.Model) -> bool:
    if not user.is_authenticated:
        return False
    content_type = ContentType.objects.get_for_model(target)
    return Follow.objects.filter(user=user, target_type=content_type, target_id=target.pk).exists()


def notifications_for(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def unread_count(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


# --- E-mail preferences ----------------------------------------------------------------


def cadences_for_recipients(user_ids: Iterable[int], kind: str) -> dict[int, str]:
    """The e-mail cadence of `kind` for each person (one query): their own setting for the
    kind, else their "all kinds" setting, else the kind's default."""
    ids = list(user_ids)
    chosen: dict[int, dict[str, str]] = {}
    for user_id, pref_kind, cadence in Preference.objects.filter(
        user_id__in=ids, kind__in=[kind, ALL_KINDS]
    ).values_list("user_id", "kind", "cadence"):
        chosen.setdefault(user_id, {})[pref_kind] = cadence
    default = kinds.default_for(kind)
    return {
        user_id: chosen.get(user_id, {}).get(kind)
        or chosen.get(user_id, {}).get(ALL_KINDS)
        or default
        for user_id in ids
    }


def cadence_for(user: User, kind: str) -> str:
    return cadences_for_recipients([user.pk], kind)[user.pk]


def preferences_of(user: User) -> dict[str, str]:
    """The effective cadence of every registered kind for `user` (one query)."""
    own = dict(Preference.objects.filter(user=user).values_list("kind", "cadence"))
    fallback = own.get(ALL_KINDS)
    return {kind.key: own.get(kind.key) or fallback or kind.default for kind in kinds.all_kinds()}


def has_unsubscribed_all(user: User) -> bool:
    return Preference.objects.filter(user=user, kind=ALL_KINDS, cadence=Cadence.OFF).exists()


# --- Follows ------------------------------------------------------------------------------


def follows_of(user: User) -> list[Follow]:
    """What `user` follows, newest first, with the followed objects (one query per type);
    follows of deleted objects are left out."""
    entries = list(
        Follow.objects.filter(user=user)
        .select_related("target_type")
        .prefetch_related("target")
        .order_by("-created_at", "-pk")
    )
    return [entry for entry in entries if entry.target is not None]
