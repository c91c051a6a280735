"""HTTP for the importer: timeouts, retries with back-off, a polite limit per host.

One `Fetcher` is shared by the list workers of a run (httpx clients are thread-safe). A
request that keeps failing raises `FetchError`; the caller decides what that costs (a list
page, one object), never the whole body.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlsplit

import httpx

USER_AGENT = "Stadtgespraeche-OParl-Importer/1.0 (+https://stadtgespraeche.de)"
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class FetchError(Exception):
    """A request failed for good (after retries)."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.status = status


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    content: bytes


@dataclass(frozen=True)
class Download:
    url: str
    status: int
    content: bytes
    content_type: str = ""
    too_large: bool = False


_R = TypeVar("_R", Response, Download)


class Fetcher:
    def __init__(
        self,
        *,
        timeout: float = 30.0,
        retries: int = 3,
        backoff: float = 1.0,
        max_per_host: int = 2,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.retries = retries
        self.backoff = backoff
        self.max_per_host = max(1, max_per_host)
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout),
            follow_redirects=True,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            transport=transport,
        )
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()
        self.requests = 0
        self.retried = 0

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _slot(self, url: str) -> threading.BoundedSemaphore:
        host = urlsplit(url).netloc
        with self._lock:
            if host not in self._slots:
                self._slots[host] = threading.BoundedSemaphore(self.max_per_host)
            return self._slots[host]

    def get(self, url: str) -> Response:
        """GET with retries on connection errors, timeouts, 429 and 5xx.

        Other statuses are returned as they are; the loader decides what a 404 means.
        """
        return self._retrying(url, lambda: self._get(url))

    def download(self, url: str, *, max_bytes: int) -> Download:
        """GET a file streamed, with the retries of `get`, reading at most `max_bytes`.

        A body longer than that (by its Content-Length or while reading) is not kept:
        the answer says `too_large` and holds no content. Error statuses hold no content.
        """
        return self._retrying(url, lambda: self._download(url, max_bytes))

    def _get(self, url: str) -> Response:
        response = self._client.get(url)
        return Response(str(response.url), response.status_code, response.content)

    def _download(self, url: str, max_bytes: int) -> Download:
        with self._client.stream("GET", url, headers={"Accept": "*/*"}) as response:
            final, status = str(response.url), response.status_code
            content_type = response.headers.get("Content-Type", "")
            if status >= 400:
                return Download(final, status, b"", content_type)
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                return Download(final, status, b"", content_type, too_large=True)
            chunks: list[bytes] = []
            total = 0
            for chunk in response.iter_bytes():
                total += len(chunk)
                if total > max_bytes:
                    return Download(final, status, b"", content_type, too_large=True)
                chunks.append(chunk)
            return Download(final, status, b"".join(chunks), content_type)

    def _retrying(self, url: str, call: Callable[[], _R]) -> _R:
        last_reason = ""
        last_status: int | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                self.retried += 1
                time.sleep(self.backoff * 2 ** (attempt - 1) * (0.5 + random.random()))  # noqa: S311
            try:
                with self._slot(url):
                    self.requests += 1
                    result = call()
            except httpx.HTTPError as error:
                last_reason, last_status = type(error).__name__, None
                continue
            if result.status in RETRY_STATUS:
                last_reason, last_status = f"HTTP {result.status}", result.status
                continue
            return result
        raise FetchError(url, last_reason, last_status)
