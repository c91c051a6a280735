"""Profile photos: every upload is decoded and re-encoded as a plain JPEG of at most
800×800 pixels, so no metadata (EXIF, GPS, ICC, comments) of the original survives."""

import io
import warnings

from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_SIDE = 800
# Refuse decompression bombs long before Pillow's own (warning) limit.
MAX_PIXELS = 40_000_000
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
JPEG_QUALITY = 85


class PhotoRejected(ValueError):
    """The upload cannot be used as a profile photo; `message` says why (in words)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def process_photo(upload: object) -> ContentFile:
    """Validate `upload` (a file-like object with `size`) and return the re-encoded JPEG.

    Raises PhotoRejected with a clear message for too large, unsupported, corrupt or
    oversized (pixel count) images.
    """
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise PhotoRejected(str(_("The photo is larger than 5 MB. Please choose a smaller file.")))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)  # type: ignore[arg-type]
            if image.format not in ALLOWED_FORMATS:
                raise PhotoRejected(
                    str(_("Please upload a photo in the format JPEG, PNG or WebP."))
                )
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise PhotoRejected(
                    str(_("The image has too many pixels. Please upload a smaller image."))
                )
            image.load()
            image = ImageOps.exif_transpose(image)
    except PhotoRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoRejected(
            str(_("The image has too many pixels. Please upload a smaller image."))
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise PhotoRejected(
            str(_("The file is not a readable image. Please upload a JPEG, PNG or WebP photo."))
        ) from None
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    if image.mode != "RGB":
        background = Image.new("RGB", image.size, (255, 255, 255))
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    # A fresh image without info/exif: copy only the pixels.
    clean = Image.new("RGB", image.size)
    clean.paste(image)
    output = io.BytesIO()
    clean.save(output, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return ContentFile(output.getvalue(), name="photo.jpg")
