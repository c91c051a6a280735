"""Fill German translations into a catalogue and drop their fuzzy flags.

Usage: python scripts/po_fill.py path/to/django.po translations.json
The JSON maps "msgid" or "msgctxt|msgid" to the German msgstr. Entries not found are listed.
"""

import json
import re
import sys
from pathlib import Path


def _unquote(block: str, keyword: str) -> str | None:
    match = re.search(rf'^{keyword} ((?:".*"\n?)+)', block, re.MULTILINE)
    if match is None:
        return None
    raw = "".join(re.findall(r'^"(.*)"$', match.group(1), re.MULTILINE))
    return raw.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def fill(po_path: Path, translations: dict[str, str]) -> set[str]:
    blocks = po_path.read_text(encoding="utf-8").split("\n\n")
    used: set[str] = set()
    for index, block in enumerate(blocks):
        msgid = _unquote(block, "msgid")
        if msgid is None:
            continue
        context = _unquote(block, "msgctxt")
        key = f"{context}|{msgid}" if context else msgid
        if key not in translations:
            continue
        used.add(key)
        kept = [
            line
            for line in block.split("\n")
            if not line.startswith("#, fuzzy") and not line.startswith("#|")
        ]
        replacement = "msgstr " + _quote(translations[key]) + "\n"
        new_block = re.sub(
            r'^msgstr (?:".*"\n?)+',
            lambda _m, text=replacement: text,
            "\n".join(kept) + "\n",
            flags=re.MULTILINE,
        )
        blocks[index] = new_block.rstrip("\n")
    po_path.write_text("\n\n".join(blocks), encoding="utf-8")
    return set(translations) - used


if __name__ == "__main__":
    po_file, json_file = Path(sys.argv[1]), Path(sys.argv[2])
    missing = fill(po_file, json.loads(json_file.read_text(encoding="utf-8")))
    for key in sorted(missing):
        print(f"not found: {key}")
