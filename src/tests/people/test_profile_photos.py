import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from stadtgespraeche.people import photos
from stadtgespraeche.people.photos import PhotoRejected, process_photo

pytestmark = pytest.mark.unit


@pytest.fixture(autouse=True)
def _english():
    """Messages are matched in English (the msgids)."""
    with translation.override("en"):
        yield


def image_bytes(fmt="JPEG", size=(1600, 1200), mode="RGB", exif=True):
    image = Image.new(mode, size, (200, 30, 30) if mode == "RGB" else (200, 30, 30, 128))
    output = io.BytesIO()
    kwargs = {}
    if exif and fmt in {"JPEG", "WEBP", "PNG"}:
        data = Image.Exif()
        data[0x010F] = "GeheimKamera"  # Make
        data[0x0131] = "Secret Software"  # Software
        kwargs["exif"] = data.tobytes()
    image.save(output, format=fmt, **kwargs)
    return output.getvalue()


def upload(content, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_process_photo_strips_exif_and_shrinks_to_800():
    original = image_bytes()
    assert b"GeheimKamera" in original
    assert Image.open(io.BytesIO(original)).getexif()

    result = process_photo(upload(original))

    data = result.read()
    assert b"GeheimKamera" not in data
    assert b"Secret Software" not in data
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    assert not image.getexif()
    assert "exif" not in image.info
    assert max(image.size) == 800
    assert image.size == (800, 600)


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_process_photo_reencodes_png_and_webp_as_jpeg(fmt):
    result = process_photo(upload(image_bytes(fmt=fmt, mode="RGBA", size=(300, 200), exif=False)))

    image = Image.open(io.BytesIO(result.read()))
    assert image.format == "JPEG"
    assert image.mode == "RGB"
    assert image.size == (300, 200)


def test_process_photo_refuses_other_formats():
    output = io.BytesIO()
    Image.new("RGB", (10, 10)).save(output, format="GIF")

    with pytest.raises(PhotoRejected, match="JPEG, PNG or WebP"):
        process_photo(upload(output.getvalue(), name="a.gif"))


def test_process_photo_refuses_corrupt_files():
    with pytest.raises(PhotoRejected, match="not a readable image"):
        process_photo(upload(b"this is no image at all"))


def test_process_photo_refuses_truncated_images():
    content = image_bytes()[:400]

    with pytest.raises(PhotoRejected):
        process_photo(upload(content))


def test_process_photo_refuses_files_over_5_mb():
    big = upload(b"x" * (photos.MAX_UPLOAD_BYTES + 1))

    with pytest.raises(PhotoRejected, match="5 MB"):
        process_photo(big)


def test_process_photo_refuses_too_many_pixels(monkeypatch):
    monkeypatch.setattr(photos, "MAX_PIXELS", 100 * 100)

    with pytest.raises(PhotoRejected, match="too many pixels"):
        process_photo(upload(image_bytes(size=(200, 200))))


def test_process_photo_refuses_decompression_bombs(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 50 * 50)

    with pytest.raises(PhotoRejected, match="too many pixels"):
        process_photo(upload(image_bytes(size=(200, 200))))
