"""Signed one-click unsubscribe tokens (RFC 8058).

A token names a person and a notification kind (or "*" for all e-mails). It is signed with
the SECRET_KEY (django.core.signing, own salt) and carries its creation time; it stops
working after NOTIFICATIONS_UNSUBSCRIBE_MAX_AGE_DAYS. No database row is needed, so the
link in an old e-mail works without login.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing

from .enums import ALL_KINDS

SALT = "stadtgespraeche.notifications.unsubscribe"


@dataclass(frozen=True)
class UnsubscribeRequest:
    user_id: int
    kind: str  # a kind key or ALL_KINDS


def max_age() -> timedelta:
    return timedelta(days=getattr(settings, "NOTIFICATIONS_UNSUBSCRIBE_MAX_AGE_DAYS", 365))


def make_token(user_id: int, kind: str = ALL_KINDS) -> str:
    return signing.dumps({"u": user_id, "k": kind}, salt=SALT, compress=True)


def read_token(token: str) -> UnsubscribeRequest | None:
    """The request the token stands for; None when tampered with, malformed or expired."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age())
    except signing.BadSignature:  # SignatureExpired is a BadSignature
        return None
    if not isinstance(data, dict):
        return None
    user_id, kind = data.get("u"), data.get("k")
    if not isinstance(user_id, int) or not isinstance(kind, str) or not kind:
        return None
    return UnsubscribeRequest(user_id=user_id, kind=kind)
