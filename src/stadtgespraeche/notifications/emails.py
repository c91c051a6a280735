"""The notification e-mails: one per notification ("immediately") and digests.

Every e-mail carries a one-click unsubscribe (RFC 8058): `List-Unsubscribe` with the
signed https link (and an optional mailto), `List-Unsubscribe-Post:
List-Unsubscribe=One-Click`, and in its text the same link plus the settings page.

An item is claimed before it is mailed (emailed_at set with UPDATE … WHERE emailed_at IS
NULL), so it is mailed at most once; a failed delivery is logged, not retried.
"""

import logging
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from stadtgespraeche.accounts.models import User
from stadtgespraeche.core.mail import send_templated_mail

from . import kinds, tokens
from .enums import ALL_KINDS
from .models import DigestDelivery, Notification

logger = logging.getLogger(__name__)


def unsubscribe_url(user_id: int, kind: str = ALL_KINDS) -> str:
    token = tokens.make_token(user_id, kind)
    return settings.SITE_URL + reverse("notifications:unsubscribe", args=[token])


def settings_url() -> str:
    return settings.SITE_URL + reverse("notifications:settings")


def unsubscribe_headers(url: str) -> dict[str, str]:
    targets = [f"<{url}>"]
    mailto = getattr(settings, "NOTIFICATIONS_UNSUBSCRIBE_MAILTO", "")
    if mailto:
        targets.append(f"<mailto:{mailto}?subject=unsubscribe>")
    return {
        "List-Unsubscribe": ", ".join(targets),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def absolute(url: str) -> str:
    return settings.SITE_URL + url if url.startswith("/") else url


def _send(user: User, *, template: str, context: dict[str, Any], kind: str) -> None:
    url = unsubscribe_url(user.pk, kind)
    send_templated_mail(
        to=[user.email],
        template=template,
        context={
            **context,
            "person": user,
            "unsubscribe_url": url,
            "settings_url": settings_url(),
        },
        language=user.language,
        headers=unsubscribe_headers(url),
    )


def _mailable(user: User) -> bool:
    return user.is_active and bool(user.email)


def send_immediately(notification_id: int) -> bool:
    """Mail one notification unless it was mailed already; True if this call sent it."""
    claimed = Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not claimed:
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    if not _mailable(notification.recipient):
        return False
    kind = kinds.get(notification.kind)
    try:
        _send(
            notification.recipient,
            template="notifications/emails/notification",
            context={
                "notification": notification,
                "kind_label": kind.label if kind else "",
                "link": absolute(notification.url) if notification.url else "",
            },
            kind=notification.kind,
        )
    except Exception:
        logger.exception("Notification e-mail %s could not be sent", notification_id)
        return False
    return True


def send_digest(delivery_id: int) -> bool:
    """Mail a claimed digest with its items; True if sent."""
    delivery = DigestDelivery.objects.select_related("user").get(pk=delivery_id)
    if delivery.sent_at is not None or not _mailable(delivery.user):
        return False
    items = [
        {"notification": item, "link": absolute(item.url) if item.url else ""}
        for item in delivery.items.order_by("created_at", "pk")
    ]
    if not items:
        return False
    try:
        _send(
            delivery.user,
            template="notifications/emails/digest",
            context={"delivery": delivery, "items": items, "weekly": delivery.cadence == "weekly"},
            kind=ALL_KINDS,
        )
    except Exception:
        logger.exception("Digest %s could not be sent", delivery_id)
        return False
    DigestDelivery.objects.filter(pk=delivery_id).update(sent_at=timezone.now())
    return True
