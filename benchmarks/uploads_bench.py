"""Peak memory and time of the upload content checks for hostile files (issue 13, section 4).

Builds the hostile files of the issue into benchmarks/results/uploads/ (a 1 MiB ODT whose
`mimetype` entry inflates to 1 GiB, the same bomb in DOCX and XLSX parts, an ODT bomb whose
directory lies about the sizes, a 103-byte PNG claiming 20000 × 20000 pixels, a polyglot
PDF/ZIP) and an ordinary 10 MiB file, then checks each in a fresh process with
`core.uploads.inspect_upload` (as an upload spooled to disk, like Django's large uploads)
and prints the verdict, the growth of the peak RSS over the process before the check, and
the time. `--old` also runs the check as it was before issue 13 (it inflated the whole
`mimetype` entry) on the ODT bomb, for comparison. Figures: benchmarks/OPERATIONS.md.

    python -m uv run --frozen python benchmarks/uploads_bench.py [--inflate-mb 1024] [--old]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parents[1]
RESULTS_DIR = REPO_DIR / "benchmarks" / "results" / "uploads"
sys.path.insert(0, str(REPO_DIR / "src"))

from tests.factories.hostile_files import (  # noqa: E402
    MB,
    ODT_MIMETYPE,
    odt_bomb,
    png_claiming,
    with_lying_directory,
    zip_bomb,
)


def build_files(directory: Path, inflate_mb: int) -> dict[str, Path]:
    """The hostile files (and one ordinary file), written into `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    content_types = b'<?xml version="1.0"?><Types/>'
    odt = odt_bomb(inflate_mb)
    files = {
        "odt-bomb.odt": odt,
        "odt-bomb-lying-directory.odt": with_lying_directory(odt, len(ODT_MIMETYPE)),
        "docx-bomb.docx": zip_bomb(
            "word/document.xml", b"<w/>", inflate_mb, {"[Content_Types].xml": content_types}
        ),
        "xlsx-bomb.xlsx": zip_bomb(
            "xl/sharedStrings.xml", b"<s/>", inflate_mb, {"[Content_Types].xml": content_types}
        ),
        "pixel-bomb.png": png_claiming(20000, 20000),
        "polyglot.pdf": b"%PDF-1.4\n" + zip_bomb("mimetype", ODT_MIMETYPE, 1, {}),
        "ordinary.pdf": b"%PDF-1.4\n" + os.urandom(10 * MB),
    }
    paths = {}
    for name, content in files.items():
        path = directory / name
        path.write_bytes(content)
        paths[name] = path
    return paths


def _old_office_check(stream) -> str:
    """The check before issue 13: read the whole `mimetype` entry."""
    with zipfile.ZipFile(stream) as archive:
        return archive.read("mimetype")[:100].decode("ascii", "replace").strip()


def measure(path: Path, *, old: bool = False) -> dict[str, object]:
    """Check `path` in this process (Django set up); peak RSS growth in MiB and seconds."""
    from django.core.files.uploadedfile import UploadedFile

    from stadtgespraeche.core.uploads import UploadRejected, inspect_upload

    with path.open("rb") as stream:
        upload = UploadedFile(file=stream, name=path.name, size=path.stat().st_size)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        try:
            verdict = (
                _old_office_check(stream) if old else f"accepted as {inspect_upload(upload).label}"
            )
        except UploadRejected as error:
            verdict = f"rejected: {error}"
        seconds = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "file": path.name + (" (old check)" if old else ""),
        "size_kib": round(path.stat().st_size / 1024, 1),
        "verdict": verdict,
        "peak_rss_growth_mib": round((after - before) / 1024, 1),
        "seconds": round(seconds, 3),
    }


def _measure_in_subprocess(path: Path, old: bool) -> dict[str, object]:
    command = [sys.executable, __file__, "--measure", str(path)] + (["--old"] if old else [])
    output = subprocess.run(  # noqa: S603 - this script
        command, cwd=REPO_DIR / "src", check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--inflate-mb", type=int, default=1024)
    parser.add_argument("--old", action="store_true", help="also run the old check on the ODT bomb")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stadtgespraeche.settings")
        os.environ.setdefault("STADTGESPRAECHE_DEMO", "1")
        os.environ.setdefault("DATA_DIR", str(RESULTS_DIR))
        import django

        django.setup()
        print(json.dumps(measure(Path(args.measure), old=args.old)))
        return
    rows = [
        _measure_in_subprocess(path, False)
        for path in build_files(RESULTS_DIR, args.inflate_mb).values()
    ]
    if args.old:
        rows.append(_measure_in_subprocess(RESULTS_DIR / "odt-bomb.odt", True))
    print("| file | size (KiB) | verdict | peak RSS growth (MiB) | time (s) |")
    print("|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row['file']} | {row['size_kib']} | {row['verdict']} | "
            f"{row['peak_rss_growth_mib']} | {row['seconds']} |"
        )


if __name__ == "__main__":
    main()
