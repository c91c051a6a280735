"""Files of a good practice: checked by content, served only to those who see the practice."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stadtgespraeche.core.models import AuditLog
from stadtgespraeche.knowledge import services
from stadtgespraeche.knowledge.enums import EditorialState
from stadtgespraeche.knowledge.exceptions import PracticeError
from stadtgespraeche.knowledge.models import PracticeAttachment
from tests.factories.accounts import UserFactory
from tests.factories.documentation import pdf_bytes, png_bytes
from tests.factories.knowledge import PracticeFactory

pytestmark = [pytest.mark.django_db]


def _pdf(name="bericht.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


@pytest.mark.unit
def test_add_attachment_stores_a_checked_file(coordinator):
    practice = PracticeFactory(author=coordinator)

    attachment = services.add_attachment(practice, upload=_pdf(), title="", by=coordinator)

    assert attachment.title == "bericht.pdf"
    assert attachment.content_type == "application/pdf"
    with attachment.file.open("rb") as stored:
        assert stored.read().startswith(b"%PDF-")
    assert AuditLog.objects.filter(action="knowledge.attachment.added").exists()


@pytest.mark.unit
def test_disguised_file_is_refused_with_the_reason(coordinator):
    practice = PracticeFactory(author=coordinator)
    fake = SimpleUploadedFile("bericht.pdf", png_bytes(), content_type="application/pdf")

    with pytest.raises(PracticeError, match=r"nicht, was ihr Name angibt|not what its name says"):
        services.add_attachment(practice, upload=fake, by=coordinator)

    assert not PracticeAttachment.objects.exists()


@pytest.mark.unit
def test_delete_attachment_removes_row_and_file(coordinator, django_capture_on_commit_callbacks):
    practice = PracticeFactory(author=coordinator)
    attachment = services.add_attachment(practice, upload=_pdf(), by=coordinator)
    storage, name = attachment.file.storage, attachment.file.name

    with django_capture_on_commit_callbacks(execute=True):
        services.delete_attachment(attachment, by=coordinator)

    assert not PracticeAttachment.objects.exists()
    assert not storage.exists(name)


@pytest.mark.integration
def test_upload_view_adds_and_shows_the_file(client, coordinator, city):
    practice = PracticeFactory(municipalities=[city])
    client.force_login(coordinator)

    response = client.post(
        reverse("knowledge:attachment-upload", args=[practice.slug]),
        {"title": "Evaluationsbericht", "file": _pdf()},
        follow=True,
    )

    content = response.content.decode()
    assert "Die Datei wurde hinzugefügt." in content
    assert "Evaluationsbericht" in content


@pytest.mark.integration
def test_upload_view_reports_a_bad_file_in_german(client, coordinator, city):
    practice = PracticeFactory(municipalities=[city])
    client.force_login(coordinator)
    bad = SimpleUploadedFile("tool.docx", b"MZ\x90\x00 not an office file")

    response = client.post(
        reverse("knowledge:attachment-upload", args=[practice.slug]), {"file": bad}, follow=True
    )

    assert "kein erlaubter Dateityp" in response.content.decode()
    assert not PracticeAttachment.objects.exists()


@pytest.mark.integration
def test_upload_is_forbidden_for_other_councillors(client, city):
    practice = PracticeFactory(municipalities=[city])
    client.force_login(UserFactory())

    response = client.post(
        reverse("knowledge:attachment-upload", args=[practice.slug]), {"file": _pdf()}
    )

    assert response.status_code == 403
    assert not PracticeAttachment.objects.exists()


@pytest.mark.integration
def test_download_follows_the_practice_visibility(client, coordinator, city):
    practice = PracticeFactory(municipalities=[city], author=coordinator)
    attachment = services.add_attachment(practice, upload=_pdf(), by=coordinator)
    url = reverse("knowledge:attachment-download", args=[practice.slug, attachment.pk])

    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")

    practice.state = EditorialState.DRAFT
    practice.save()
    assert client.get(url).status_code == 404


@pytest.mark.integration
def test_delete_view_removes_the_file_and_is_forbidden_for_others(client, coordinator, city):
    practice = PracticeFactory(municipalities=[city])
    attachment = services.add_attachment(practice, upload=_pdf(), title="Bericht", by=coordinator)
    url = reverse("knowledge:attachment-delete", args=[practice.slug, attachment.pk])

    client.force_login(UserFactory())
    assert client.post(url).status_code == 403
    assert PracticeAttachment.objects.filter(pk=attachment.pk).exists()

    client.force_login(coordinator)
    response = client.post(url, follow=True)

    assert "Die Datei wurde entfernt." in response.content.decode()
    assert not PracticeAttachment.objects.filter(pk=attachment.pk).exists()
