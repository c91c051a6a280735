"""CC e-gov ALLRIS (OPARL.md section 3.2)."""

import re
from typing import Any

from .base import BaseLoader

_BROKEN_OFFSET = re.compile(r"([+-]\d\d)::(\d\d)$")


class CCEgovLoader(BaseLoader):
    vendor = "ccegov"
    empty_values = frozenset({"", "N/A"})

    def clean(self, value: Any, depth: int = 0) -> Any:
        if isinstance(value, str) and _BROKEN_OFFSET.search(value):
            self.fixes["broken_offset"] += 1
            value = _BROKEN_OFFSET.sub(r"\1:\2", value)
        return super().clean(value, depth)
