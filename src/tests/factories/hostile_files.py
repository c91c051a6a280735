"""Hostile files for the upload checks (issue 13, section 4), shared by the upload tests and
`benchmarks/uploads_bench.py`: archive bombs, archives whose directory lies about the unpacked
sizes, and a tiny PNG that claims a huge canvas."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

MB = 1024 * 1024
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def zip_bomb(
    name: str,
    first: bytes,
    inflate_mb: int,
    extra: dict[str, bytes] | None = None,
    *,
    compresslevel: int = 9,
) -> bytes:
    """A ZIP whose entry `name` is `first` followed by `inflate_mb` MiB of blanks, plus the
    small `extra` entries. With `name="mimetype"` and `first=ODT_MIMETYPE` it is an ODT that
    passed the old check (which inflated the whole entry) as valid."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(
        buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=compresslevel
    ) as archive:
        with archive.open(name, "w", force_zip64=True) as entry:
            entry.write(first)
            blanks = b" " * MB
            for _ in range(inflate_mb):
                entry.write(blanks)
        for part, content in (extra or {}).items():
            archive.writestr(part, content)
    return buffer.getvalue()


def odt_bomb(inflate_mb: int, *, compresslevel: int = 9) -> bytes:
    """An ODT whose `mimetype` entry unpacks to `inflate_mb` MiB."""
    return zip_bomb(
        "mimetype",
        ODT_MIMETYPE,
        inflate_mb,
        {"content.xml": b"<office/>"},
        compresslevel=compresslevel,
    )


def with_lying_directory(archive: bytes, declared: int) -> bytes:
    """The same archive whose headers declare `declared` bytes unpacked for every entry."""
    data = bytearray(archive)
    # The unpacked size in the central (offset 24) and local (offset 22) headers …
    for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            struct.pack_into("<I", data, start + offset, declared)
            start += 4
    # … and in the ZIP64 extra fields (id 1, 16 bytes: unpacked, then packed size).
    start = 0
    while (start := data.find(b"\x01\x00\x10\x00", start)) >= 0:
        struct.pack_into("<Q", data, start + 4, declared)
        start += 4
    return bytes(data)


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG (~100 bytes) whose header claims width × height pixels."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )
