"""A small fixed-window rate limit for public forms, kept in the cache."""

from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(request: HttpRequest, *, scope: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt of this client for `scope`; False once `limit` is exceeded."""
    key = f"throttle:{scope}:{client_ip(request)}"
    if cache.add(key, 1, timeout=window_seconds):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        return True
    return count <= limit
