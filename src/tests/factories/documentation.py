"""Factories and sample files for the documentation after an event (events app)."""

import datetime
import io
import zipfile

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from stadtgespraeche.documentation.models import Attachment, Feedback, Minutes
from stadtgespraeche.events.enums import EventStatus

from .accounts import UserFactory
from .events import EventFactory


def held_event(**kwargs: object):
    """An event that ended yesterday and has the status "held"."""
    start = timezone.now() - datetime.timedelta(days=1, hours=2)
    defaults = {
        "status": EventStatus.HELD,
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=2),
    }
    return EventFactory(**{**defaults, **kwargs})


def png_bytes(size: tuple[int, int] = (4, 4), image_format: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 90, 160)).save(buffer, format=image_format)
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


def odt_bytes() -> bytes:
    return zip_bytes(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"}
    )


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


class MinutesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Minutes

    event = factory.SubFactory(EventFactory)
    body = "## Austausch\n\nDie Teilnehmenden sprachen über **hybride Ratsarbeit**."
    results = "- Nächstes Thema: Datenethik"


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Anhang {n + 1}")
    file = factory.django.FileField(filename="anhang.pdf", data=pdf_bytes())
    original_name = "anhang.pdf"
    content_type = "application/pdf"
    size = factory.LazyAttribute(lambda o: len(pdf_bytes()))


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    rating = 4
