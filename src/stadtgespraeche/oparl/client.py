"""HTTP for the importer: timeouts, retries with back-off, a polite limit per host.

One `Fetcher` is shared by the list workers of a run (httpx clients are thread-safe). A
request that keeps failing raises `FetchError`; the caller decides what that costs (a list
page, one object), never the whole body.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass
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
        last_reason = ""
        last_status: int | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                self.retried += 1
                time.sleep(self.backoff * 2 ** (attempt - 1) * (0.5 + random.random()))  # noqa: S311
            try:
                with self._slot(url):
                    self.requests += 1
                    response = self._client.get(url)
            except httpx.HTTPError as error:
                last_reason, last_status = type(error).__name__, None
                continue
            if response.status_code in RETRY_STATUS:
                last_reason, last_status = f"HTTP {response.status_code}", response.status_code
                continue
            return Response(str(response.url), response.status_code, response.content)
        raise FetchError(url, last_reason, last_status)
