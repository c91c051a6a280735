"""Somacos Session / SessionNet (OPARL.md section 3.3)."""

from urllib.parse import urlsplit

from .base import BaseLoader


class SomacosLoader(BaseLoader):
    vendor = "somacos"

    def with_query(self, url: str, name: str, value: str) -> str:
        """Somacos answers 404 to percent-encoded values: send them raw."""
        separator = "&" if urlsplit(url).query else "?"
        return f"{url}{separator}{name}={value}"
