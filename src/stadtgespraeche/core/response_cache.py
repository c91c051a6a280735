"""The anonymous response cache: whole pages for visitors who are not logged in.

Design and rules: docs/architecture.md ("Response cache"); settings: docs/operations.md.

- A view opts in with `@public_cache` (nothing else is ever stored). For a logged-in person
  it only marks the response `Cache-Control: private, no-cache`.
- `ResponseCacheMiddleware` sits in front of sessions, authentication and the view: a GET or
  HEAD request that carries no cookie except the language and CSRF cookies, no
  `Authorization` and no htmx header is answered from the process's memory when the stored
  page is of the current content generation (`core/generation.py`) and younger than
  `RESPONSE_CACHE_SECONDS`.
- It stores only a 200 answer of an opted-in view that sets no cookie, used no CSRF token and
  no CSP nonce, and varies on nothing but `Cookie` (the cookies a cached request may carry:
  the language is part of the key; a CSRF cookie matters only to a page with a token, which
  is never stored). Key: scheme, host, path, query string and the language as the language
  middleware decides it (`core.language.chosen_language`).
- Stored are the status, the headers set inside the cache (content type, `Vary`,
  `Content-Language`, `X-Frame-Options`, the view's `ETag`/`Last-Modified`) and the body;
  the security headers, the CSP and the request id are added by the middleware outside it on
  every answer, cached or not. A page without an `ETag` gets one from its body, and
  conditional requests (`If-None-Match`, `If-Modified-Since`) get 304 from the cache too.
- Each process keeps at most `RESPONSE_CACHE_MAX_MB` of bodies, least recently used first out.
"""

from __future__ import annotations

import functools
import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import parse_http_date_safe

from stadtgespraeche.core import generation
from stadtgespraeche.core.language import chosen_language

_MARK = "_public_cache"
_ALLOWED_VARY = frozenset({"cookie"})
Key = tuple[str, str, str, str, str]


@dataclass(frozen=True, slots=True)
class Entry:
    generation: tuple[int, int]
    expires: float
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    etag: str | None
    last_modified: int | None


class Store:
    """A bounded least-recently-used map of pages, per process."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._entries: OrderedDict[Key, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Key) -> Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: Key, entry: Entry) -> None:
        cost = len(entry.body)
        if cost > self.max_bytes // 16:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.size -= len(old.body)
            while self._entries and self.size + cost > self.max_bytes:
                _key, evicted = self._entries.popitem(last=False)
                self.size -= len(evicted.body)
            self._entries[key] = entry
            self.size += cost

    def discard(self, key: Key) -> None:
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.size -= len(old.body)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.size = 0

    def __len__(self) -> int:
        return len(self._entries)


store = Store(max_bytes=int(getattr(settings, "RESPONSE_CACHE_MAX_MB", 64)) * 1024 * 1024)


def clear(**kwargs: Any) -> None:
    """Forget every stored page and fragment of this process (tests; receiver of
    `setting_changed`)."""
    from stadtgespraeche.core.templatetags import fragments

    store.max_bytes = int(getattr(settings, "RESPONSE_CACHE_MAX_MB", 64)) * 1024 * 1024
    store.clear()
    fragments.clear()


def public_cache(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Let the response cache keep this view's answers to anonymous visitors."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_cache=True)
        else:
            setattr(response, _MARK, True)
            if "Cache-Control" not in response.headers:
                patch_cache_control(response, no_cache=True)
        return response

    return wrapped


def _allowed_cookies() -> frozenset[str]:
    return frozenset({settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME})


def key_for(request: HttpRequest) -> Key | None:
    """The cache key of a request, or None when the cache must not answer it."""
    if request.method not in ("GET", "HEAD"):
        return None
    if not set(request.COOKIES) <= _allowed_cookies():
        return None
    meta = request.META
    if "HTTP_AUTHORIZATION" in meta or "HTTP_HX_REQUEST" in meta:
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    return (
        request.scheme or "http",
        host,
        request.path,
        meta.get("QUERY_STRING", ""),
        chosen_language(request),
    )


def _vary(response: HttpResponseBase) -> set[str]:
    if not response.has_header("Vary"):
        return set()
    return {part.strip().lower() for part in response["Vary"].split(",") if part.strip()}


def storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Whether an answer is the same for every anonymous visitor of the key."""
    if not getattr(response, _MARK, False) or response.status_code != 200:
        return False
    if response.streaming or response.cookies or not isinstance(response, HttpResponse):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    if getattr(request, "_csp_nonce", None):  # LazyNonce is true once it was generated
        return False
    # A view's own CSP (csp_override) is an attribute the CSP middleware reads later; a
    # rebuilt answer would lose it.
    if hasattr(response, "_csp_config") or hasattr(response, "_csp_ro_config"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if "private" in cache_control or "no-store" in cache_control:
        return False
    return _vary(response) <= _ALLOWED_VARY


def _entry(response: HttpResponse, generation_seen: tuple[int, int]) -> Entry:
    body = response.content
    if not response.has_header("ETag"):
        response["ETag"] = f'"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"'
    last_modified = response.get("Last-Modified")
    return Entry(
        generation=generation_seen,
        expires=time.monotonic() + settings.RESPONSE_CACHE_SECONDS,
        status=response.status_code,
        headers=tuple(response.items()),
        body=body,
        etag=response["ETag"],
        last_modified=parse_http_date_safe(last_modified) if last_modified else None,
    )


def _conditional(request: HttpRequest, entry: Entry, response: HttpResponse) -> HttpResponse:
    return get_conditional_response(  # type: ignore[no-any-return]
        request, etag=entry.etag, last_modified=entry.last_modified, response=response
    )


def _answer(request: HttpRequest, entry: Entry) -> HttpResponse:
    response = HttpResponse(b"" if request.method == "HEAD" else entry.body, status=entry.status)
    for name, value in entry.headers:
        response.headers[name] = value
    return _conditional(request, entry, response)


class ResponseCacheMiddleware:
    """Answers anonymous GET/HEAD requests of opted-in pages from the process's memory."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if settings.RESPONSE_CACHE_SECONDS <= 0:
            return self.get_response(request)
        key = key_for(request)
        if key is None:
            return self.get_response(request)
        seen = generation.current()  # before the view reads: a write meanwhile makes it stale
        entry = store.get(key)
        if entry is not None:
            if entry.generation == seen and entry.expires > time.monotonic():
                return _answer(request, entry)
            store.discard(key)
        response = self.get_response(request)
        if (
            request.method == "GET"
            and isinstance(response, HttpResponse)
            and storable(request, response)
        ):
            entry = _entry(response, seen)
            store.put(key, entry)
            return _conditional(request, entry, response)
        return response
