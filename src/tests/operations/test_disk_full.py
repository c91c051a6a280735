"""Disk full while uploading (issue 13): the storage leaves no partly written file, the
person gets a clear German page (507) instead of a 500, and nothing half-done is stored.
The full disk is simulated by a write that fails with ENOSPC after the first bytes; the
real thing (a 2 MiB tmpfs as MEDIA_ROOT) is `benchmarks/faults.py disk-full`."""

import errno
import os
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from stadtgespraeche.core import storage as storage_module
from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.core.storage import AtomicFileSystemStorage
from stadtgespraeche.knowledge.models import PracticeAttachment
from stadtgespraeche.people.enums import AffiliationRole
from tests.factories.accounts import CoordinatorFactory
from tests.factories.documentation import pdf_bytes
from tests.factories.knowledge import PracticeFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.people import AffiliationFactory


class _FullDisk:
    """A file object whose writes fail with ENOSPC once `room` bytes are written."""

    def __init__(self, real, room: int) -> None:
        self.real = real
        self.room = room

    def write(self, data: bytes) -> int:
        if len(data) > self.room:
            self.real.write(data[: self.room])  # what fitted stays in the file
            self.room = 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.room -= len(data)
        return self.real.write(data)

    def __getattr__(self, name):
        return getattr(self.real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.real.close()


@pytest.fixture
def full_disk(monkeypatch):
    real_fdopen = os.fdopen

    def fdopen(descriptor, *args, **kwargs):
        return _FullDisk(real_fdopen(descriptor, *args, **kwargs), room=100)

    monkeypatch.setattr(storage_module.os, "fdopen", fdopen)


def _files_under(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


@pytest.mark.unit
def test_storage_saves_under_a_free_name_with_readable_permissions(tmp_path):
    storage = AtomicFileSystemStorage(location=tmp_path)

    first = storage.save("a/bericht.pdf", ContentFile(b"eins"))
    second = storage.save("a/bericht.pdf", ContentFile(b"zwei"))

    assert first == "a/bericht.pdf"
    assert second != first
    assert second.startswith("a/bericht_")
    assert (tmp_path / first).read_bytes() == b"eins"
    assert (tmp_path / second).read_bytes() == b"zwei"
    assert (tmp_path / first).stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == sorted(
        [Path(first).name, Path(second).name]
    )  # no temporary file left


@pytest.mark.unit
def test_storage_applies_the_configured_file_mode(tmp_path):
    storage = AtomicFileSystemStorage(location=tmp_path, file_permissions_mode=0o600)

    name = storage.save("x.txt", ContentFile(b"x"))

    assert (tmp_path / name).stat().st_mode & 0o777 == 0o600


@pytest.mark.unit
def test_storage_on_a_full_disk_leaves_no_file(tmp_path, full_disk):
    storage = AtomicFileSystemStorage(location=tmp_path)

    with pytest.raises(OSError, match="No space left") as failure:
        storage.save("events/1/big.pdf", ContentFile(b"x" * 5000))

    assert failure.value.errno == errno.ENOSPC
    assert _files_under(tmp_path) == []


@pytest.mark.integration
@pytest.mark.django_db
def test_upload_on_a_full_disk_answers_a_clear_german_page_and_stores_nothing(settings, full_disk):
    city = MunicipalityFactory()
    coordinator = CoordinatorFactory()
    AffiliationFactory(user=coordinator, municipality=city, role=AffiliationRole.COORDINATOR)
    practice = PracticeFactory(municipalities=[city])
    client = Client(raise_request_exception=False)
    client.force_login(coordinator)
    upload = SimpleUploadedFile("bericht.pdf", pdf_bytes() + b"%" * 4000, "application/pdf")
    # The private files of other tests of the session stay; only new ones count.
    before = set(_files_under(Path(settings.PRIVATE_MEDIA_ROOT)))

    response = client.post(
        reverse("knowledge:attachment-upload", args=[practice.slug]),
        {"title": "Evaluationsbericht", "file": upload},
    )

    assert response.status_code == 507
    text = response.content.decode()
    assert "Speicherplatz erschöpft" in text
    assert "nicht gespeichert" in text
    assert response["Cache-Control"] == "no-store"
    assert not PracticeAttachment.objects.exists()
    assert not AuditLog.objects.filter(action__startswith="knowledge.attachment").exists()
    assert set(_files_under(Path(settings.PRIVATE_MEDIA_ROOT))) == before
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            assert cursor.fetchone()[0] == "ok"


@pytest.mark.integration
@pytest.mark.django_db
def test_upload_after_space_was_freed_works_again(settings):
    city = MunicipalityFactory()
    coordinator = CoordinatorFactory()
    AffiliationFactory(user=coordinator, municipality=city, role=AffiliationRole.COORDINATOR)
    practice = PracticeFactory(municipalities=[city])
    client = Client()
    client.force_login(coordinator)

    response = client.post(
        reverse("knowledge:attachment-upload", args=[practice.slug]),
        {"title": "Bericht", "file": SimpleUploadedFile("b.pdf", pdf_bytes(), "application/pdf")},
    )

    assert response.status_code == 302
    stored = PracticeAttachment.objects.get()
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / stored.file.name).read_bytes() == pdf_bytes()
