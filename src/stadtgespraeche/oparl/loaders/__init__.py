"""Vendor loaders: parse and repair what an endpoint sends (OPARL.md section 3)."""

from typing import Any

from ..enums import Vendor
from .base import BaseLoader, ParseError, normalise_ags, short_type, type_from_url
from .ccegov import CCEgovLoader
from .somacos import SomacosLoader
from .sternberg import SternbergLoader

LOADERS: dict[str, type[BaseLoader]] = {
    Vendor.GENERIC: BaseLoader,
    Vendor.STERNBERG: SternbergLoader,
    Vendor.CC_EGOV: CCEgovLoader,
    Vendor.SOMACOS: SomacosLoader,
}


def loader_for(vendor: str) -> BaseLoader:
    return LOADERS.get(vendor, BaseLoader)()


def detect_vendor(system: Any) -> str:
    """The vendor named by a System object (contactName, vendor, product, vendor keys)."""
    if not isinstance(system, dict):
        return Vendor.GENERIC
    text = " ".join(
        str(system.get(key, "")) for key in ("contactName", "vendor", "product", "name")
    ).lower()
    if (
        "sternberg" in text
        or "sitzungsdienst" in text
        or any(str(key).startswith("STERNBERG:") for key in system)
    ):
        return Vendor.STERNBERG
    if "cc-egov" in text:
        return Vendor.CC_EGOV
    if "somacos" in text:
        return Vendor.SOMACOS
    return Vendor.GENERIC


__all__ = [
    "BaseLoader",
    "ParseError",
    "detect_vendor",
    "loader_for",
    "normalise_ags",
    "short_type",
    "type_from_url",
]
