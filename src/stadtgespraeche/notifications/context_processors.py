"""The unread count for the header badge (notifications/includes/header_badge.html).

Lazy: the one COUNT query runs only when a template uses the value (at most once per
request), so responses that do not render base.html (redirects, JSON, files) pay nothing.
"""

from functools import cached_property
from typing import Any

from django.http import HttpRequest

from . import queries


class UnreadCount:
    def __init__(self, user: Any) -> None:
        self._user = user

    @cached_property
    def value(self) -> int:
        return queries.unread_count(self._user)

    def __int__(self) -> int:
        return self.value

    def __bool__(self) -> bool:
        return self.value > 0

    def __str__(self) -> str:
        return str(self.value)


def unread(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"NOTIFICATIONS_UNREAD": UnreadCount(user)}
