"""Parsing and repair of OParl responses shared by all vendors.

A loader turns the bytes of a response into clean Python objects: it repairs invalid JSON,
wraps what should have been a list page, infers a missing `type` from the id URL, trims
strings and drops empty values. Every repair is counted in `fixes` (the data-quality report
of a run). Vendor loaders (`sternberg`, `ccegov`, `somacos`) override the hooks.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any
from urllib.parse import quote, urlsplit

TYPE_PREFIXES = ("https://schema.oparl.org/1.0/", "https://schema.oparl.org/1.1/")
KNOWN_TYPES = frozenset(
    {
        "System",
        "Body",
        "LegislativeTerm",
        "Organization",
        "Person",
        "Membership",
        "Meeting",
        "AgendaItem",
        "Paper",
        "Consultation",
        "File",
        "Location",
    }
)
# Path segments of id URLs (lower case, singular and plural) → type.
_SEGMENT_TYPES = {
    **{t.lower(): t for t in KNOWN_TYPES},
    **{t.lower() + "s": t for t in KNOWN_TYPES},
    "bodies": "Body",
}
_STRING_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x1f]")


class ParseError(ValueError):
    """The response is not JSON, even after repair."""


def short_type(value: object) -> str | None:
    """`https://schema.oparl.org/1.1/Paper` (or just `Paper`) → `Paper`; else None."""
    if not isinstance(value, str):
        return None
    name = value.rstrip("/").rsplit("/", 1)[-1]
    return name if name in KNOWN_TYPES else None


def type_from_url(url: str) -> str | None:
    """The type named by the last type-like path segment of an id URL."""
    segments = urlsplit(url).path.lower().split("/")
    for segment in reversed(segments):
        if segment in _SEGMENT_TYPES:
            return _SEGMENT_TYPES[segment]
    return None


def normalise_ags(value: object) -> str:
    """The 8-digit Amtlicher Gemeindeschlüssel, or "" if the value cannot be one.

    Sternberg drops the leading zero ("5358016") or pads with zeros ("051140000").
    """
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        return ""
    digits = value.strip().replace(" ", "")
    if not digits.isdigit():
        return ""
    if len(digits) == 7:
        return "0" + digits
    if len(digits) > 8 and set(digits[8:]) == {"0"}:
        digits = digits[:8]
    return digits if len(digits) == 8 else ""


class BaseLoader:
    """Generic OParl: the repairs every endpoint may need."""

    vendor = "generic"
    # String values that mean "no value".
    empty_values: frozenset[str] = frozenset({""})

    def __init__(self) -> None:
        self.fixes: Counter[str] = Counter()

    # --- requests -----------------------------------------------------------------------

    def with_query(self, url: str, name: str, value: str) -> str:
        """Append a query parameter; the value is percent-encoded (the spec's way)."""
        separator = "&" if urlsplit(url).query else "?"
        return f"{url}{separator}{name}={quote(value, safe='')}"

    def fix_url(self, url: str) -> str:
        return url

    def is_empty_list_response(self, status: int, content: bytes) -> bool:
        """Whether a non-2xx answer to a list request means "no elements"."""
        return False

    # --- parsing ------------------------------------------------------------------------

    def parse(self, content: bytes) -> Any:
        """JSON from bytes; unescaped control characters inside strings are repaired."""
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("latin-1")
            self.fixes["not_utf8"] += 1
        try:
            return json.loads(text)
        except RecursionError as error:
            raise ParseError("nested too deeply") from error
        except ValueError:
            pass
        repaired = _STRING_LITERAL.sub(
            lambda m: _CONTROL.sub(lambda c: f"\\u{ord(c.group()):04x}", m.group()), text
        )
        try:
            data = json.loads(repaired)
        except (ValueError, RecursionError) as error:
            raise ParseError(str(error)) from error
        self.fixes["invalid_json_repaired"] += 1
        return data

    def list_page(self, data: Any) -> tuple[list[Any], str | None]:
        """The elements and the next-page URL of a list page, whatever shape it came in."""
        if isinstance(data, list):
            self.fixes["list_as_array"] += 1
            return data, None
        if not isinstance(data, dict):
            raise ParseError("list page is neither an object nor an array")
        if "data" not in data and isinstance(data.get("id"), str):
            self.fixes["object_instead_of_list"] += 1
            return [data], None
        elements = data.get("data")
        if not isinstance(elements, list):
            elements = [] if elements is None else [elements]
        links = data.get("links")
        next_url = links.get("next") if isinstance(links, dict) else None
        return elements, next_url if isinstance(next_url, str) and next_url else None

    # --- objects ------------------------------------------------------------------------

    def clean(self, value: Any, depth: int = 0) -> Any:
        """Trim strings, drop empty values, recurse; cycles and absurd depth are cut."""
        if depth > 20:
            self.fixes["too_deep"] += 1
            return None
        if isinstance(value, str):
            stripped = value.replace("\u00a0", " ").strip()
            if stripped in self.empty_values:
                return None
            return self.fix_url(stripped) if stripped.startswith("http") else stripped
        if isinstance(value, dict):
            cleaned = {}
            for key, item in value.items():
                item = self.clean(item, depth + 1)
                if item is None or item == []:
                    continue
                cleaned[str(key)] = item
            return cleaned
        if isinstance(value, list):
            items = (self.clean(item, depth + 1) for item in value)
            return [item for item in items if item is not None]
        return value

    def object(self, value: Any, expected_type: str | None = None) -> dict[str, Any] | None:
        """A clean object with a known short `type`, or None if it cannot be one."""
        if not isinstance(value, dict):
            self.fixes["not_an_object"] += 1
            return None
        obj = self.clean(value)
        oparl_id = obj.get("id")
        if not isinstance(oparl_id, str):
            self.fixes["object_without_id"] += 1
            return None
        type_name = short_type(obj.get("type"))
        if type_name is None:
            type_name = type_from_url(oparl_id) or expected_type
            if type_name is None:
                self.fixes["unknown_type"] += 1
                return None
            self.fixes["type_inferred"] += 1
        obj["type"] = type_name
        if type_name == "Body" and "ags" in obj:
            ags = normalise_ags(obj["ags"])
            if ags != obj["ags"]:
                self.fixes["ags_repaired"] += 1
            obj["ags"] = ags
        return obj
