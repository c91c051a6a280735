"""The stored documentation PDFs: rendered by the worker per audience variant, served while
current, rendered inline when stale or missing (documentation.tasks, docs/events.md)."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from stadtgespraeche.core import indexing
from stadtgespraeche.documentation import pdf, services
from stadtgespraeche.documentation.models import Minutes, StoredPdf
from stadtgespraeche.documentation.tasks import render_documentation_pdfs
from stadtgespraeche.events.enums import Confidentiality, EventStatus
from stadtgespraeche.registrations.enums import RegistrationStatus
from tests.factories.accounts import OrganiserFactory, UserFactory
from tests.factories.documentation import AttachmentFactory, MinutesFactory, held_event
from tests.factories.events import AgendaItemFactory
from tests.factories.registrations import RegistrationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TASK_PATH = "stadtgespraeche.documentation.tasks.render_documentation_pdfs"


def documented_event(**kwargs):
    event = held_event(status=EventStatus.DOCUMENTED, **kwargs)
    MinutesFactory(event=event, body="## Austausch\n\nErster Stand", published_at=event.ends_at)
    AgendaItemFactory(event=event, title="Impuls", external_speaker="Vera Vortragende")
    return event


def fake_renderer(monkeypatch):
    """A quick stand-in for WeasyPrint whose "PDF" carries the print HTML."""

    def render(html, *, css, compress=True):
        return b"%PDF-fake\n" + html.encode()

    monkeypatch.setattr(pdf, "render_pdf", render)


def forbid_rendering(monkeypatch):
    def render(*args, **kwargs):
        raise AssertionError("the PDF was rendered although a current one is stored")

    monkeypatch.setattr(pdf, "render_pdf", render)


def stored_path(row: StoredPdf) -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / row.file.name


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def url(event) -> str:
    return f"/netzwerk/termine/{event.slug}/dokumentation.pdf"


def test_task_renders_and_stores_every_variant_of_a_chatham_house_event():
    event = documented_event(confidentiality=Confidentiality.CHATHAM_HOUSE)

    result = render_documentation_pdfs.enqueue(event_id=event.pk)

    assert result.return_value == 4
    rows = {(row.language, row.speakers_visible): row for row in event.stored_pdfs.all()}
    assert set(rows) == {("de", True), ("de", False), ("en", True), ("en", False)}
    for (language, visible), row in rows.items():
        data = stored_path(row).read_bytes()
        assert data.startswith(b"%PDF")
        assert ("Vera Vortragende" in pdf_text(data)) is visible
        with translation.override(language):
            assert row.fingerprint == pdf.prepare(event, speakers_visible=visible).fingerprint
        assert row.rendered_at is not None


def test_a_public_event_has_one_variant_per_language(monkeypatch):
    fake_renderer(monkeypatch)
    event = documented_event()

    assert render_documentation_pdfs.call(event_id=event.pk) == 2

    assert sorted(event.stored_pdfs.values_list("language", "speakers_visible")) == [
        ("de", True),
        ("en", True),
    ]


def test_task_delivered_twice_renders_nothing_the_second_time(monkeypatch):
    fake_renderer(monkeypatch)
    event = documented_event(confidentiality=Confidentiality.CHATHAM_HOUSE)
    render_documentation_pdfs.call(event_id=event.pk)
    before = {row.pk: (row.file.name, row.fingerprint) for row in event.stored_pdfs.all()}
    forbid_rendering(monkeypatch)

    assert render_documentation_pdfs.call(event_id=event.pk) == 0

    after = {row.pk: (row.file.name, row.fingerprint) for row in event.stored_pdfs.all()}
    assert after == before
    assert all(stored_path(row).is_file() for row in event.stored_pdfs.all())


def test_changed_content_replaces_the_stored_files(monkeypatch, django_capture_on_commit_callbacks):
    fake_renderer(monkeypatch)
    event = documented_event()
    render_documentation_pdfs.call(event_id=event.pk)
    old = {row.language: stored_path(row) for row in event.stored_pdfs.all()}
    Minutes.objects.filter(event=event).update(body="Neuer Stand")

    with django_capture_on_commit_callbacks(execute=True):
        assert render_documentation_pdfs.call(event_id=event.pk) == 2

    for row in event.stored_pdfs.all():
        assert b"Neuer Stand" in stored_path(row).read_bytes()
        assert stored_path(row) != old[row.language]
        assert not old[row.language].exists()
    assert event.stored_pdfs.count() == 2


def test_view_serves_the_stored_file_without_rendering(client, monkeypatch):
    fake_renderer(monkeypatch)
    event = documented_event()
    render_documentation_pdfs.call(event_id=event.pk)
    stored = event.stored_pdfs.get(language="de")
    forbid_rendering(monkeypatch)

    response = client.get(url(event), HTTP_ACCEPT_LANGUAGE="de")

    assert response.status_code == 200
    assert response.content == stored_path(stored).read_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == f'attachment; filename="dokumentation-{event.slug}.pdf"'
    )
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("stored", [True, False])
def test_stale_or_missing_pdf_is_rendered_inline_and_queued(
    client, monkeypatch, database_tasks, django_capture_on_commit_callbacks, stored
):
    fake_renderer(monkeypatch)
    event = documented_event()
    if stored:
        services.store_pdfs(event.pk)
    Minutes.objects.filter(event=event).update(body="Nachgetragener Stand")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url(event), HTTP_ACCEPT_LANGUAGE="de")

    assert response.status_code == 200
    assert b"Nachgetragener Stand" in response.content
    task = DBTaskResult.objects.get()
    assert task.task_path == TASK_PATH
    assert task.args_kwargs["kwargs"] == {"event_id": event.pk}


@pytest.mark.parametrize(
    ("role", "shown"), [("councillor", False), ("participant", True), ("organiser", True)]
)
def test_a_reader_never_gets_another_audiences_variant(client, monkeypatch, role, shown):
    event = documented_event(confidentiality=Confidentiality.CHATHAM_HOUSE)
    render_documentation_pdfs.call(event_id=event.pk)
    forbid_rendering(monkeypatch)
    user = OrganiserFactory() if role == "organiser" else UserFactory()
    if role == "participant":
        RegistrationFactory(event=event, user=user, status=RegistrationStatus.ATTENDED)
    client.force_login(user)

    response = client.get(url(event), HTTP_ACCEPT_LANGUAGE="de")

    assert response.status_code == 200
    expected = event.stored_pdfs.get(language="de", speakers_visible=shown)
    assert response.content == stored_path(expected).read_bytes()
    text = pdf_text(response.content)
    assert "Impuls" in text
    assert ("Vera Vortragende" in text) is shown


def test_a_reader_without_access_gets_no_stored_pdf(client, monkeypatch):
    fake_renderer(monkeypatch)
    event = documented_event(confidentiality=Confidentiality.CHATHAM_HOUSE)
    render_documentation_pdfs.call(event_id=event.pk)

    response = client.get(url(event))  # anonymous: a Chatham House event is not public

    assert response.status_code == 404
    assert not response.content.startswith(b"%PDF")


def test_unpublishing_removes_the_stored_files(monkeypatch, django_capture_on_commit_callbacks):
    fake_renderer(monkeypatch)
    event = documented_event()
    render_documentation_pdfs.call(event_id=event.pk)
    paths = [stored_path(row) for row in event.stored_pdfs.all()]
    Minutes.objects.filter(event=event).update(published_at=None)

    with django_capture_on_commit_callbacks(execute=True):
        assert render_documentation_pdfs.call(event_id=event.pk) == 0

    assert not StoredPdf.objects.filter(event=event).exists()
    assert paths
    assert not any(path.exists() for path in paths)


def test_deleting_the_event_removes_the_stored_files(
    monkeypatch, django_capture_on_commit_callbacks
):
    fake_renderer(monkeypatch)
    event = documented_event()
    render_documentation_pdfs.call(event_id=event.pk)
    paths = [stored_path(row) for row in event.stored_pdfs.all()]
    event_id = event.pk

    with django_capture_on_commit_callbacks(execute=True):
        indexing.removed(event)
        event.delete()

    assert not StoredPdf.objects.filter(event_id=event_id).exists()
    assert paths
    assert not any(path.exists() for path in paths)


def test_event_deleted_without_notice_loses_its_files_on_the_next_run(
    monkeypatch, django_capture_on_commit_callbacks
):
    fake_renderer(monkeypatch)
    event = documented_event()
    render_documentation_pdfs.call(event_id=event.pk)
    paths = [stored_path(row) for row in event.stored_pdfs.all()]
    event_id = event.pk
    event.delete()  # the rows go with the event (CASCADE), the files stay behind

    with django_capture_on_commit_callbacks(execute=True):
        assert render_documentation_pdfs.call(event_id=event_id) == 0

    assert paths
    assert not any(path.exists() for path in paths)


def test_a_variant_no_longer_offered_is_removed(monkeypatch, django_capture_on_commit_callbacks):
    fake_renderer(monkeypatch)
    event = documented_event(confidentiality=Confidentiality.CHATHAM_HOUSE)
    render_documentation_pdfs.call(event_id=event.pk)
    hidden = [stored_path(row) for row in event.stored_pdfs.filter(speakers_visible=False)]
    event.confidentiality = Confidentiality.PUBLIC
    event.save()

    with django_capture_on_commit_callbacks(execute=True):
        assert render_documentation_pdfs.call(event_id=event.pk) == 2  # title page changed

    assert not event.stored_pdfs.filter(speakers_visible=False).exists()
    assert hidden
    assert not any(path.exists() for path in hidden)


def test_publishing_and_editing_queue_the_rendering(
    database_tasks, django_capture_on_commit_callbacks
):
    event = held_event()
    organiser = OrganiserFactory()
    services.save_minutes(event, body="Protokoll", results="", recording_url="", by=organiser)

    with django_capture_on_commit_callbacks(execute=True):
        services.save_minutes(event, body="Text", results="", recording_url="", by=organiser)
    assert not DBTaskResult.objects.exists()  # unpublished: nothing to store

    with django_capture_on_commit_callbacks(execute=True):
        services.publish_documentation(event, by=organiser)
    with django_capture_on_commit_callbacks(execute=True):
        services.save_minutes(event, body="Neu", results="", recording_url="", by=organiser)
    with django_capture_on_commit_callbacks(execute=True):
        indexing.changed(event)  # what events' services announce after an edit

    tasks = list(DBTaskResult.objects.all())
    assert [task.task_path for task in tasks] == [TASK_PATH] * 3
    assert {task.args_kwargs["kwargs"]["event_id"] for task in tasks} == {event.pk}


def test_change_of_another_model_queues_nothing(database_tasks):
    event = documented_event()

    services.handle_change("topics.topic", event.pk, False)

    assert not DBTaskResult.objects.exists()


def test_attachment_changes_and_feedback_queue_the_rendering(
    database_tasks, django_capture_on_commit_callbacks
):
    event = documented_event()
    attachment = AttachmentFactory(event=event)
    participant = UserFactory()
    RegistrationFactory(event=event, user=participant, status=RegistrationStatus.ATTENDED)

    with django_capture_on_commit_callbacks(execute=True):
        services.delete_attachment(attachment, by=OrganiserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        services.give_feedback(event, user=participant, rating=4)

    tasks = list(DBTaskResult.objects.filter(task_path=TASK_PATH))
    assert [task.args_kwargs["kwargs"] for task in tasks] == [{"event_id": event.pk}] * 2
