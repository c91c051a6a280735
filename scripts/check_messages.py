"""Translation check: every app's German catalogue is complete and compiled.

For each app under src/stadtgespraeche/ (a directory with apps.py) this script

1. regenerates the German catalogue from the sources into a temporary copy of the app
   (`makemessages -l de --no-location --no-obsolete`, the flags scripts/messages.sh uses),
2. fails when a msgid of the sources is missing from the committed
   locale/de/LC_MESSAGES/django.po, when a committed entry has an empty msgstr, or when an
   entry is marked fuzzy,
3. compiles the committed .po into a temporary .mo and fails when the committed .mo is
   missing or holds a different catalogue (out of sync),
4. fails when a template uses {% blocktranslate %} without `trimmed`.

It prints the app and msgid of every problem. An app without translatable strings needs no
catalogue. Run it with `make check-messages`; `make messages` updates the catalogues.

Options:
  --allow-missing-catalogues  report apps that have strings but no German catalogue at all
                              without failing (a transitional switch, see scripts/lint.sh)
  APP ...                     check only these apps (directory names)
"""

from __future__ import annotations

import argparse
import gettext
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = REPO_DIR / "src" / "stadtgespraeche"
LANGUAGE = "de"
CATALOGUE = Path("locale") / LANGUAGE / "LC_MESSAGES" / "django.po"
MAKEMESSAGES_ARGS = ["makemessages", "-l", LANGUAGE, "--no-location", "--no-obsolete"]
UNTRIMMED_BLOCKTRANSLATE = re.compile(r"{%-?\s*blocktrans(?:late)?\b(?![^%]*\btrimmed\b)[^%]*%}")


@dataclass
class Entry:
    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstrs: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    def label(self) -> str:
        text = self.msgid if len(self.msgid) <= 90 else self.msgid[:87] + "..."
        text = text.replace("\n", "\\n")
        return f"[{self.msgctxt}] {text!r}" if self.msgctxt else repr(text)


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b"}


def _unquote(token: str) -> str:
    token = token.strip()
    if not (token.startswith('"') and token.endswith('"')):
        raise ValueError(f"not a PO string: {token!r}")
    body = token[1:-1]
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), body)


def parse_po(path: Path) -> list[Entry]:
    """A small PO reader: enough for makemessages/msgmerge output (no multi-domain tricks)."""
    entries: list[Entry] = []
    current: Entry | None = None
    field_name: str | None = None
    values: dict[str, str] = {}
    flags: set[str] = set()
    obsolete = False

    def finish() -> None:
        nonlocal current, values, flags, obsolete, field_name
        if "msgid" in values:
            plural_keys = sorted(
                (k for k in values if k.startswith("msgstr[")), key=lambda k: int(k[7:-1])
            )
            msgstrs = (
                [values[k] for k in plural_keys] if plural_keys else [values.get("msgstr", "")]
            )
            entries.append(
                Entry(
                    msgid=values["msgid"],
                    msgctxt=values.get("msgctxt"),
                    msgid_plural=values.get("msgid_plural"),
                    msgstrs=msgstrs,
                    flags=flags,
                    obsolete=obsolete,
                )
            )
        current, values, flags, obsolete, field_name = None, {}, set(), False, None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            obsolete = True
            line = line[2:].strip()
            if not line:
                continue
        elif line.startswith("#,"):
            if "msgid" in values and field_name != "msgctxt":
                finish()
            flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            continue
        elif line.startswith("#"):
            continue
        if line.startswith('"'):
            if field_name is None:
                raise ValueError(f"{path}: continuation line without a keyword: {raw!r}")
            values[field_name] += _unquote(line)
            continue
        keyword, _, rest = line.partition(" ")
        if (
            keyword in {"msgctxt", "msgid"}
            and "msgid" in values
            and any(k.startswith("msgstr") for k in values)
        ):
            finish()  # entries not separated by a blank line
        field_name = keyword
        values[keyword] = _unquote(rest)
    finish()
    return [entry for entry in entries if entry.msgid != ""]  # drop the header


def mo_catalogue(path: Path) -> dict[object, str]:
    with path.open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    catalogue = dict(translations._catalog)  # type: ignore[attr-defined]
    catalogue.pop("", None)  # header (holds no translation)
    return catalogue


def django_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "stadtgespraeche.settings")
    env.setdefault("STADTGESPRAECHE_DEMO", "1")
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(REPO_DIR / "src"), env.get("PYTHONPATH")])
    )
    return env


def regenerate(app_dir: Path, workdir: Path) -> list[Entry]:
    """Source msgids of the app: makemessages over a copy of the app without its catalogue."""
    copy = workdir / app_dir.name
    shutil.copytree(app_dir, copy, ignore=shutil.ignore_patterns("__pycache__", "locale", "*.pyc"))
    (copy / "locale").mkdir()
    result = subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        # -P: the copy's own modules (e.g. rules.py) must not shadow installed packages.
        [sys.executable, "-P", "-m", "django", *MAKEMESSAGES_ARGS],
        cwd=copy,
        env=django_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"makemessages failed for {app_dir.name}:\n{result.stdout}{result.stderr}"
        )
    generated = copy / CATALOGUE
    return parse_po(generated) if generated.exists() else []


def compile_po(po_path: Path, mo_path: Path) -> str | None:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return "msgfmt not found (install gettext: scripts/setup-test.sh)"
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [msgfmt, "--check-format", "-o", str(mo_path), str(po_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        return f"msgfmt rejects the catalogue: {result.stderr.strip()}"
    return None


def check_app(app_dir: Path, workdir: Path, *, allow_missing: bool) -> tuple[list[str], list[str]]:
    """Return (errors, notes) for one app."""
    errors: list[str] = []
    notes: list[str] = []
    name = app_dir.name

    for template in (
        sorted((app_dir / "templates").rglob("*")) if (app_dir / "templates").is_dir() else []
    ):
        if not template.is_file():
            continue
        text = template.read_text(encoding="utf-8", errors="replace")
        for match in UNTRIMMED_BLOCKTRANSLATE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            errors.append(
                f"{template.relative_to(REPO_DIR)}:{line}: {{% blocktranslate %}} without "
                "`trimmed` (whitespace would end up in the msgid)"
            )

    source_entries = regenerate(app_dir, workdir)
    po_path = app_dir / CATALOGUE
    if not po_path.exists():
        if source_entries:
            message = (
                f"{name}: no German catalogue ({CATALOGUE}) for "
                f"{len(source_entries)} translatable strings; run `make messages`"
            )
            (notes if allow_missing else errors).append(message)
        return errors, notes

    committed = [entry for entry in parse_po(po_path) if not entry.obsolete]
    committed_keys = {entry.key for entry in committed}
    source_keys = {entry.key for entry in source_entries}

    for entry in source_entries:
        if entry.key not in committed_keys:
            errors.append(f"{name}: msgid missing from {CATALOGUE}: {entry.label()}")
    for entry in committed:
        if "fuzzy" in entry.flags:
            errors.append(f"{name}: fuzzy entry (check it, then remove the flag): {entry.label()}")
        if not entry.msgstrs or any(not text.strip() for text in entry.msgstrs):
            errors.append(f"{name}: untranslated (empty msgstr): {entry.label()}")
        if entry.key not in source_keys:
            notes.append(f"{name}: stale entry no longer in the sources: {entry.label()}")

    mo_path = po_path.with_suffix(".mo")
    fresh_mo = workdir / f"{name}.mo"
    problem = compile_po(po_path, fresh_mo)
    if problem:
        errors.append(f"{name}: {problem}")
    elif not mo_path.exists():
        errors.append(f"{name}: {mo_path.relative_to(app_dir)} is missing; run `make messages`")
    elif mo_catalogue(mo_path) != mo_catalogue(fresh_mo):
        errors.append(
            f"{name}: {mo_path.relative_to(app_dir)} is out of sync with the .po; "
            "run `make messages` (compilemessages) and commit the .mo"
        )
    return errors, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("apps", nargs="*", help="app directory names (default: all)")
    parser.add_argument("--allow-missing-catalogues", action="store_true")
    args = parser.parse_args(argv)

    app_dirs = sorted(path.parent for path in PACKAGE_DIR.glob("*/apps.py"))
    if args.apps:
        unknown = set(args.apps) - {path.name for path in app_dirs}
        if unknown:
            parser.error(f"unknown apps: {', '.join(sorted(unknown))}")
        app_dirs = [path for path in app_dirs if path.name in args.apps]

    all_errors: list[str] = []
    with tempfile.TemporaryDirectory(prefix="stadtgespraeche-messages-") as tmp:
        for app_dir in app_dirs:
            errors, notes = check_app(
                app_dir, Path(tmp), allow_missing=args.allow_missing_catalogues
            )
            status = "FAIL" if errors else ("ok (with notes)" if notes else "ok")
            print(f"{app_dir.name:12} {status}")
            for line in errors:
                print(f"  error: {line}")
            for line in notes:
                print(f"  note:  {line}")
            all_errors += errors
    if all_errors:
        print(f"Translation check failed: {len(all_errors)} problem(s).", file=sys.stderr)
        return 1
    print("Translation check passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
