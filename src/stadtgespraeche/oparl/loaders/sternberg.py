"""Sternberg SD.NET RIM (OPARL.md section 3.1)."""

import json

from .base import BaseLoader


class SternbergLoader(BaseLoader):
    vendor = "sternberg"

    def is_empty_list_response(self, status: int, content: bytes) -> bool:
        """A filtered list without results answers 404 with error code 802."""
        if status != 404:
            return False
        try:
            data = json.loads(content)
        except ValueError:
            return False
        if isinstance(data, dict) and data.get("code") == 802:
            self.fixes["404_as_empty_list"] += 1
            return True
        return False

    def fix_url(self, url: str) -> str:
        if "files//" in url:
            self.fixes["double_slash_url"] += 1
            return url.replace("files//", "files/")
        return url
