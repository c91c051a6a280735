"""Fixed-window rate limits kept in Django's cache, and the client address to count by.

Used by login throttling (accounts) and the public forms (membership application,
accessibility feedback). Counters live in the default cache (the database cache in
production); a key that reached its limit stays blocked until its window ends.
"""

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address, for counting attempts.

    Behind the reverse proxy (BEHIND_TLS_PROXY on, so SECURE_PROXY_SSL_HEADER is set) this is
    the last X-Forwarded-For entry, the one our proxy appended (a client can only prepend
    entries); otherwise REMOTE_ADDR. Without this, all clients would share the proxy's address.
    """
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104  # a key, not a bind


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Throttle:
    """At most `limit` counted events per key within `window` seconds."""

    name: str
    limit: int
    window: int

    def key(self, *parts: str) -> str:
        return f"throttle:{self.name}:{_digest(*(part.strip().lower() for part in parts))}"

    def count(self, *parts: str) -> int:
        return int(cache.get(self.key(*parts), 0))

    def is_blocked(self, *parts: str) -> bool:
        return self.count(*parts) >= self.limit

    def hit(self, *parts: str) -> int:
        """Count one event and return the new count."""
        key = self.key(*parts)
        if cache.add(key, 1, timeout=self.window):
            cache.set(f"{key}:ends", time.time() + self.window, timeout=self.window)
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=self.window)
            cache.set(f"{key}:ends", time.time() + self.window, timeout=self.window)
            return 1

    def retry_after(self, *parts: str) -> int:
        """Whole seconds until the current window of this key ends (0 without a window)."""
        ends = cache.get(f"{self.key(*parts)}:ends")
        if ends is None:
            return 0
        return max(0, math.ceil(float(ends) - time.time()))

    def reset(self, *parts: str) -> None:
        key = self.key(*parts)
        cache.delete_many([key, f"{key}:ends"])
