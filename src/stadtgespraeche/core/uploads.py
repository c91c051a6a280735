"""Content checks of uploaded files, shared by every app that accepts uploads.

Uploaded files are checked by their content, never by their name (`inspect_upload`): the
first bytes decide the type, images are verified with Pillow and office files by their ZIP
structure. A file whose name claims another type than its content is refused.

Every check reads a bounded number of bytes, whatever the file claims: an image's size is
read from its header and refused above `MAX_IMAGE_PIXELS` before any pixel is decoded; an
archive's entry count is read from its end record before the directory is parsed, entry
sizes and compression ratios from the directory before any entry is read, and at most
`_MIMETYPE_READ_BYTES` of one entry are ever inflated.
"""

import struct
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from PIL import Image, UnidentifiedImageError


class UploadRejected(Exception):
    """An uploaded file is too large, empty, of a type not allowed or disguised."""


class _Hostile(Exception):
    """The content would cost unbounded memory or time to check; `reason` says which way."""

    def __init__(self, reason: str, **values: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.values = values


# Images: more pixels than this (40 megapixels, e.g. 8000 × 5000) are refused.
MAX_IMAGE_PIXELS = 40_000_000
# Office archives: entries in the directory, the declared unpacked size of one entry and of
# all entries, and the compression ratio of an entry larger than _RATIO_FROM_BYTES.
MAX_ARCHIVE_ENTRIES = 10_000
MAX_ENTRY_BYTES = 200 * 1024 * 1024
MAX_ARCHIVE_BYTES = 500 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
_RATIO_FROM_BYTES = 1024 * 1024
_MIMETYPE_READ_BYTES = 100
_EOCD = b"PK\x05\x06"
_EOCD_SIZE = 22
_MAX_ZIP_COMMENT = 0xFFFF


@dataclass(frozen=True)
class FileKind:
    """An allowed type: its label for messages, MIME type and the extensions that fit."""

    label: str
    content_type: str
    extensions: tuple[str, ...]


PDF = FileKind(gettext_noop("PDF document"), "application/pdf", (".pdf",))


PNG = FileKind(gettext_noop("PNG image"), "image/png", (".png",))


JPEG = FileKind(gettext_noop("JPEG image"), "image/jpeg", (".jpg", ".jpeg"))


WEBP = FileKind(gettext_noop("WebP image"), "image/webp", (".webp",))


DOCX = FileKind(
    gettext_noop("Word document"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)


XLSX = FileKind(
    gettext_noop("Excel spreadsheet"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    (".xlsx",),
)


PPTX = FileKind(
    gettext_noop("PowerPoint presentation"),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    (".pptx",),
)


ODT = FileKind(
    gettext_noop("OpenDocument text"), "application/vnd.oasis.opendocument.text", (".odt",)
)


ODS = FileKind(
    gettext_noop("OpenDocument spreadsheet"),
    "application/vnd.oasis.opendocument.spreadsheet",
    (".ods",),
)


ODP = FileKind(
    gettext_noop("OpenDocument presentation"),
    "application/vnd.oasis.opendocument.presentation",
    (".odp",),
)


ALLOWED_KINDS = (PDF, PNG, JPEG, WEBP, DOCX, XLSX, PPTX, ODT, ODS, ODP)


ALLOWED_EXTENSIONS = tuple(ext for kind in ALLOWED_KINDS for ext in kind.extensions)


_IMAGE_FORMATS = {"PNG": PNG, "JPEG": JPEG, "WEBP": WEBP}


_OOXML_PARTS = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}


_ODF_TYPES = {ODT.content_type: ODT, ODS.content_type: ODS, ODP.content_type: ODP}


def max_upload_bytes() -> int:
    return int(settings.EVENT_DOCUMENT_MAX_MB) * 1024 * 1024


def _sniff(stream: IO[bytes]) -> FileKind | None:
    """The allowed type of the content of `stream`, or None; never trusts the name."""
    stream.seek(0)
    head = stream.read(16)
    stream.seek(0)
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(stream)
    kind: FileKind | None = None
    if head.startswith(b"%PDF-"):
        kind = PDF
    is_webp = head.startswith(b"RIFF") and head[8:12] == b"WEBP"
    if head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")) or is_webp:
        kind = _verified_image(stream)
    if kind is not None and _is_also_an_archive(stream):
        raise _Hostile("polyglot", kind=kind.label)
    return kind


def _is_also_an_archive(stream: IO[bytes]) -> bool:
    """True for a polyglot: a PDF or image that is a ZIP archive as well (read from its end).

    Reads only the end record (at most 64 KiB from the end) and the directory it points to.
    """
    try:
        if _declared_entries(stream) is None:
            return False
        stream.seek(0)
        return zipfile.is_zipfile(stream)
    except (OSError, ValueError, struct.error):
        return False
    finally:
        stream.seek(0)


def _verified_image(stream: IO[bytes]) -> FileKind | None:
    """The image type after Pillow's structural check; raises _Hostile above the pixel limit.

    `Image.open` reads only the header, so the size is known before anything is decoded.
    """
    try:
        with warnings.catch_warnings():
            # Pillow warns (and from twice its own limit raises) about large images; the
            # stricter limit below decides instead.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(stream) as image:
                image_format = image.format or ""
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise _Hostile("pixels", width=width, height=height)
                image.verify()
    except Image.DecompressionBombError:
        raise _Hostile("pixels", width=0, height=0) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    finally:
        stream.seek(0)
    return _IMAGE_FORMATS.get(image_format)


def _declared_entries(stream: IO[bytes]) -> int | None:
    """The entry count of the ZIP's end record (without parsing the directory), or None."""
    stream.seek(0, 2)
    size = stream.tell()
    tail_size = min(size, _EOCD_SIZE + _MAX_ZIP_COMMENT)
    stream.seek(size - tail_size)
    tail = stream.read(tail_size)
    position = tail.rfind(_EOCD)
    if position < 0 or len(tail) - position < _EOCD_SIZE:
        return None
    (total_entries,) = struct.unpack("<H", tail[position + 10 : position + 12])
    return int(total_entries)


def _check_archive_sizes(archive: zipfile.ZipFile) -> None:
    """Refuse by the directory's declared sizes, before any entry is read."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > MAX_ENTRY_BYTES:
            raise _Hostile("unpacked", limit=MAX_ENTRY_BYTES // (1024 * 1024))
        if total > MAX_ARCHIVE_BYTES:
            raise _Hostile("unpacked", limit=MAX_ARCHIVE_BYTES // (1024 * 1024))
        if info.file_size > _RATIO_FROM_BYTES and info.file_size > MAX_COMPRESSION_RATIO * max(
            info.compress_size, 1
        ):
            raise _Hostile("ratio", limit=MAX_COMPRESSION_RATIO)


def _read_head(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """At most `limit` bytes of an entry: inflates only what is needed for them, whatever
    size the directory declares."""
    with archive.open(name) as entry:
        return entry.read(limit)


def _office_kind(stream: IO[bytes]) -> FileKind | None:
    try:
        entries = _declared_entries(stream)
        if entries is None:
            return None
        # 0xFFFF means "see the ZIP64 record": no office document has that many parts.
        if entries > MAX_ARCHIVE_ENTRIES:
            raise _Hostile("entries", limit=MAX_ARCHIVE_ENTRIES)
        stream.seek(0)
        with zipfile.ZipFile(stream) as archive:
            if len(archive.infolist()) > MAX_ARCHIVE_ENTRIES:
                raise _Hostile("entries", limit=MAX_ARCHIVE_ENTRIES)
            _check_archive_sizes(archive)
            names = archive.namelist()
            if "[Content_Types].xml" in names:
                for prefix, kind in _OOXML_PARTS.items():
                    if any(name.startswith(prefix) for name in names):
                        return kind
                return None
            if "mimetype" in names:
                head = _read_head(archive, "mimetype", _MIMETYPE_READ_BYTES)
                return _ODF_TYPES.get(head.decode("ascii", "replace").strip())
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError, struct.error):
        return None
    finally:
        stream.seek(0)
    return None


def _hostile_message(name: str, error: _Hostile) -> str:
    if error.reason == "pixels":
        if error.values.get("width"):
            return _(
                "The image “%(name)s” has too many pixels (%(width)s × %(height)s). Images "
                "may have at most %(limit)s megapixels; please upload a smaller image."
            ) % {
                "name": name,
                "width": error.values["width"],
                "height": error.values["height"],
                "limit": MAX_IMAGE_PIXELS // 1_000_000,
            }
        return _(
            "The image “%(name)s” has too many pixels. Images may have at most %(limit)s "
            "megapixels; please upload a smaller image."
        ) % {"name": name, "limit": MAX_IMAGE_PIXELS // 1_000_000}
    if error.reason == "entries":
        return _(
            "The file “%(name)s” contains more than %(limit)s parts; it is not accepted as "
            "an office document."
        ) % {"name": name, "limit": error.values["limit"]}
    if error.reason == "polyglot":
        return _(
            "The file “%(name)s” is a %(kind)s with a compressed archive hidden in it; such "
            "files are not accepted. Please save the file again and upload the new copy."
        ) % {"name": name, "kind": _(str(error.values["kind"]))}
    if error.reason == "ratio":
        return _(
            "The file “%(name)s” is compressed more than %(limit)s-fold; such files are not "
            "accepted. Please save the document again from your office program."
        ) % {"name": name, "limit": error.values["limit"]}
    return _("The file “%(name)s” would unpack to more than %(limit)s MB; it is not accepted.") % {
        "name": name,
        "limit": error.values["limit"],
    }


def inspect_upload(upload: UploadedFile) -> FileKind:
    """The type of `upload`, checked by content and size; raises UploadRejected otherwise."""
    name = Path(upload.name or "").name
    limit_mb = settings.EVENT_DOCUMENT_MAX_MB
    if not upload.size:
        raise UploadRejected(_("The file “%(name)s” is empty.") % {"name": name})
    if upload.size > max_upload_bytes():
        raise UploadRejected(
            _("The file “%(name)s” is larger than the limit of %(limit)s MB.")
            % {"name": name, "limit": limit_mb}
        )
    try:
        kind = _sniff(upload.file) if upload.file is not None else None
    except _Hostile as error:
        raise UploadRejected(_hostile_message(name, error)) from None
    if kind is None:
        raise UploadRejected(
            _(
                "The content of “%(name)s” is not an allowed file type. Allowed are PDF, "
                "PNG, JPEG and WebP images and office files (docx, xlsx, pptx, odt, ods, odp)."
            )
            % {"name": name}
        )
    if Path(name).suffix.lower() not in kind.extensions:
        raise UploadRejected(
            _(
                "The file “%(name)s” is not what its name says: its content is a %(kind)s. "
                "Please check the file and upload it with a matching name (%(extensions)s)."
            )
            % {"name": name, "kind": _(kind.label), "extensions": ", ".join(kind.extensions)}
        )
    return kind
