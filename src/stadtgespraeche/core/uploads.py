"""Content checks of uploaded files, shared by every app that accepts uploads.

Uploaded files are checked by their content, never by their name (`inspect_upload`): the
first bytes decide the type, images are verified with Pillow and office files by their ZIP
structure. A file whose name claims another type than its content is refused.
"""

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
    if head.startswith(b"%PDF-"):
        return PDF
    is_webp = head.startswith(b"RIFF") and head[8:12] == b"WEBP"
    if head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")) or is_webp:
        return _verified_image(stream)
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(stream)
    return None


def _verified_image(stream: IO[bytes]) -> FileKind | None:
    try:
        with Image.open(stream) as image:
            image_format = image.format or ""
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    finally:
        stream.seek(0)
    return _IMAGE_FORMATS.get(image_format)


def _office_kind(stream: IO[bytes]) -> FileKind | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = archive.namelist()
            if "[Content_Types].xml" in names:
                for prefix, kind in _OOXML_PARTS.items():
                    if any(name.startswith(prefix) for name in names):
                        return kind
                return None
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                return _ODF_TYPES.get(mimetype)
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        return None
    finally:
        stream.seek(0)
    return None


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
    kind = _sniff(upload.file) if upload.file is not None else None
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
