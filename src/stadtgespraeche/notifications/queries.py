"""Reads of the notifications app."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from stadtgespraeche.accounts.models import User

from .models import Follow, Notification


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
