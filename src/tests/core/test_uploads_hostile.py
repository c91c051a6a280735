"""Hostile uploads (issue 13): every content check reads a bounded number of bytes and
refuses archive and pixel bombs with a clear German message instead of a 500 or gigabytes
of memory."""

import contextlib
import io
import tracemalloc
import zipfile

import pytest

from stadtgespraeche.core import uploads
from tests.factories.documentation import odt_bytes, upload
from tests.factories.hostile_files import MB, ODT_MIMETYPE, png_claiming, with_lying_directory
from tests.factories.hostile_files import odt_bomb as _hostile_odt_bomb

pytestmark = pytest.mark.unit


def _odt_bomb(inflated_mb: int) -> bytes:
    return _hostile_odt_bomb(inflated_mb, compresslevel=1)


def _peak_bytes(function) -> int:
    tracemalloc.start()
    with contextlib.suppress(uploads.UploadRejected):
        function()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def test_pixel_bomb_png_is_refused_with_a_german_message():
    bomb = png_claiming(20000, 20000)
    assert len(bomb) < 120

    with pytest.raises(uploads.UploadRejected) as error:
        uploads.inspect_upload(upload("karte.png", bomb, "image/png"))

    message = str(error.value)
    assert "karte.png" in message
    assert "zu viele Pixel" in message
    assert "höchstens 40 Megapixel" in message


def test_image_just_below_the_pixel_limit_is_not_refused_for_its_size(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_IMAGE_PIXELS", 100)

    with pytest.raises(uploads.UploadRejected, match=r"zu viele Pixel \(11 × 10\)"):
        uploads.inspect_upload(upload("a.png", png_claiming(11, 10)))
    assert uploads.inspect_upload(upload("a.png", png_claiming(10, 10))) == uploads.PNG


def test_odt_whose_entry_unpacks_beyond_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_ENTRY_BYTES", 8 * MB)
    monkeypatch.setattr(uploads, "MAX_COMPRESSION_RATIO", 10_000)

    with pytest.raises(uploads.UploadRejected) as error:
        uploads.inspect_upload(upload("praxis.odt", _odt_bomb(10)))

    assert "praxis.odt" in str(error.value)
    assert "entpacken" in str(error.value)


def test_odt_compressed_like_a_bomb_is_refused_by_its_ratio():
    with pytest.raises(uploads.UploadRejected) as error:
        uploads.inspect_upload(upload("praxis.odt", _odt_bomb(5)))

    assert "100-fach" in str(error.value)


def test_odt_bomb_check_stays_within_a_few_megabytes_of_memory():
    """The old check inflated the whole 30 MB entry (~1.5 GB for the 1 MiB file of the
    issue); now the directory's sizes refuse it before a byte is inflated."""
    bomb = _odt_bomb(30)

    peak = _peak_bytes(lambda: uploads.inspect_upload(upload("praxis.odt", bomb)))

    assert peak < 4 * MB


def test_odt_bomb_with_a_lying_directory_inflates_only_a_few_bytes():
    """A directory that declares tiny sizes passes the size checks; the check of the
    `mimetype` entry then reads at most a hundred bytes of it."""
    bomb = with_lying_directory(_odt_bomb(30), declared=len(ODT_MIMETYPE))
    with zipfile.ZipFile(io.BytesIO(bomb)) as z:
        assert z.getinfo("mimetype").file_size == len(ODT_MIMETYPE)

    peak = _peak_bytes(lambda: uploads.inspect_upload(upload("praxis.odt", bomb)))

    assert peak < 4 * MB


def test_archive_with_too_many_entries_is_refused_before_its_directory_is_read(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_ARCHIVE_ENTRIES", 5)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("mimetype", ODT_MIMETYPE)
        for number in range(10):
            z.writestr(f"part{number}.xml", b"<x/>")

    with pytest.raises(uploads.UploadRejected, match="mehr als 5 Teile"):
        uploads.inspect_upload(upload("viele.odt", buffer.getvalue()))


def test_ordinary_odt_still_passes():
    assert uploads.inspect_upload(upload("text.odt", odt_bytes())) == uploads.ODT


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("bericht.pdf", b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n", "PDF-Dokument"),
        ("bild.png", None, "PNG-Bild"),
    ],
)
def test_polyglot_with_an_archive_appended_is_refused(name, head, kind):
    from tests.factories.documentation import png_bytes

    polyglot = (head or png_bytes()) + odt_bytes()

    with pytest.raises(uploads.UploadRejected) as error:
        uploads.inspect_upload(upload(name, polyglot))

    assert f"ist ein {kind}, in dem ein komprimiertes Archiv versteckt ist" in str(error.value)


def test_archive_entry_above_its_own_limit_names_that_limit(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_ENTRY_BYTES", 2 * MB)
    monkeypatch.setattr(uploads, "MAX_COMPRESSION_RATIO", 10_000)

    with pytest.raises(uploads.UploadRejected, match="mehr als 2 MB"):
        uploads.inspect_upload(upload("praxis.odt", _odt_bomb(3)))
