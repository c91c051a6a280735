"""The text of council PDFs without OParl `text`: downloaded from the local fake server,
extracted, recorded per file, searchable; failures recorded, never retried for ever."""

from collections import Counter

import httpx
import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from stadtgespraeche.core.pdf import render_pdf
from stadtgespraeche.oparl.client import Fetcher
from stadtgespraeche.oparl.enums import SyncStatus, TextStatus
from stadtgespraeche.oparl.models import Endpoint, OparlFile, OparlPaper, RawObject, SyncRun
from stadtgespraeche.oparl.services import file_texts, runs
from stadtgespraeche.oparl.services.typed import import_pending
from stadtgespraeche.oparl.tasks import extract_file_texts
from stadtgespraeche.search import queries
from stadtgespraeche.search.enums import Kind
from tests.factories.municipalities import MunicipalityFactory

pytestmark = pytest.mark.django_db
WORD = "Funkmastenregister"


@pytest.fixture(scope="module")
def pdf_bytes():
    html = (
        '<html lang="de"><head><title>Vorlage</title></head><body>'
        f"<h1>Beschlussvorlage</h1><p>Der Rat beschließt das {WORD} der Stadt.</p>"
        "</body></html>"
    )
    return render_pdf(html)


@pytest.fixture
def downloads_on(settings):
    settings.OPARL_FILE_MAX_MB = 20


@pytest.fixture
def endpoint():
    return Endpoint.objects.create(
        system_url="https://rat.example/system",
        body_name="Rat der Stadt Musterstadt",
        municipality=MunicipalityFactory(name="Musterstadt"),
    )


@pytest.fixture
def paper(endpoint):
    return OparlPaper.objects.create(
        endpoint=endpoint,
        oparl_id="https://rat.example/paper/1",
        name="Mobilfunkstrategie",
        reference="VO/2025/1",
    )


def _file(paper, fake_oparl, name, **fields):
    values = {
        "mime_type": "application/pdf",
        "access_url": f"{fake_oparl.base}/files/{name}",
        "parent_oparl_id": paper.oparl_id,
        "parent_field": "mainFile",
    }
    values.update(fields)
    return OparlFile.objects.create(
        endpoint=paper.endpoint, oparl_id=f"https://rat.example/file/{name}", **values
    )


def _search(text):
    return queries.search(
        AnonymousUser(), text, filters=queries.Filters(kind=Kind.COUNCIL_PAPER), per_page=20
    )


def _downloads(fake_oparl):
    return [path for path in fake_oparl.requests if path.startswith("/files/")]


def test_extracted_text_is_stored_and_found_through_the_search(
    paper, fake_oparl, fetcher, pdf_bytes, downloads_on, django_capture_on_commit_callbacks
):
    fake_oparl.quirks.files["/files/vorlage.pdf"] = pdf_bytes
    file = _file(paper, fake_oparl, "vorlage.pdf")
    assert _search(WORD).total == 0

    with django_capture_on_commit_callbacks(execute=True):
        stats = file_texts.extract_endpoint(paper.endpoint, fetcher=fetcher)

    file.refresh_from_db()
    assert file.text_status == TextStatus.EXTRACTED
    assert WORD in file.text
    assert file.text_message == ""
    assert file.text_checked_at is not None
    assert stats == {"extracted": 1, "papers_reindexed": 1}
    results = _search(WORD)
    assert [hit.title for hit in results.hits] == ["Mobilfunkstrategie"]


def test_a_second_run_downloads_nothing_again(paper, fake_oparl, fetcher, pdf_bytes, downloads_on):
    fake_oparl.quirks.files["/files/vorlage.pdf"] = pdf_bytes
    _file(paper, fake_oparl, "vorlage.pdf")
    _file(paper, fake_oparl, "fehlt.pdf")
    first = file_texts.extract_endpoint(paper.endpoint, fetcher=fetcher)
    assert (first["extracted"], first["failed"]) == (1, 1)
    assert len(_downloads(fake_oparl)) == 2

    second = file_texts.extract_endpoint(paper.endpoint, fetcher=fetcher)

    assert second == {}
    assert len(_downloads(fake_oparl)) == 2
    assert file_texts.pending(paper.endpoint).count() == 0


def test_a_file_with_oparl_text_is_not_downloaded(paper, fake_oparl, fetcher, downloads_on):
    file = _file(paper, fake_oparl, "mit-text.pdf", text="Text vom Server")

    stats = file_texts.extract_endpoint(paper.endpoint, fetcher=fetcher)

    assert stats == {}
    assert _downloads(fake_oparl) == []
    file.refresh_from_db()
    assert (file.text, file.text_status) == ("Text vom Server", TextStatus.UNCHECKED)


def test_only_pdfs_of_papers_are_pending(paper, fake_oparl):
    by_mime = _file(paper, fake_oparl, "a")
    by_name = _file(paper, fake_oparl, "b", mime_type="", file_name="Vorlage.PDF")
    _file(paper, fake_oparl, "c.docx", mime_type="application/msword")
    _file(paper, fake_oparl, "d.pdf", parent_oparl_id="https://rat.example/meeting/1")
    _file(paper, fake_oparl, "e.pdf", deleted=True)
    _file(paper, fake_oparl, "f.pdf", text_status=TextStatus.FAILED)

    assert set(file_texts.pending(paper.endpoint)) == {by_mime, by_name}


def test_a_broken_pdf_is_a_recorded_failure_and_the_others_go_on(
    paper, fake_oparl, fetcher, pdf_bytes, downloads_on
):
    fake_oparl.quirks.files["/files/kaputt.pdf"] = b"%PDF-1.7\n1 0 obj << /Type /Catalog"
    fake_oparl.quirks.files["/files/gut.pdf"] = pdf_bytes
    broken = _file(paper, fake_oparl, "kaputt.pdf")
    good = _file(paper, fake_oparl, "gut.pdf")

    stats = file_texts.extract_endpoint(paper.endpoint, fetcher=fetcher)

    broken.refresh_from_db()
    good.refresh_from_db()
    assert broken.text_status == TextStatus.FAILED
    assert broken.text == ""
    assert broken.text_message
    assert good.text_status == TextStatus.EXTRACTED
    assert WORD in good.text
    assert (stats["failed"], stats["extracted"]) == (1, 1)


def test_a_missing_file_is_recorded_with_its_status(paper, fake_oparl, fetcher, downloads_on):
    file = _file(paper, fake_oparl, "weg.pdf")

    file_texts.extract_endpoint(paper.endpoint, fetcher=fetcher)

    file.refresh_from_db()
    assert file.text_status == TextStatus.FAILED
    assert file.text_message.endswith("/files/weg.pdf: HTTP 404")


def test_a_download_that_is_not_a_pdf_is_recorded(paper, fake_oparl, fetcher, downloads_on):
    fake_oparl.quirks.garbage.add("/files/seite.pdf")
    file = _file(paper, fake_oparl, "seite.pdf")

    file_texts.extract_endpoint(paper.endpoint, fetcher=fetcher)

    file.refresh_from_db()
    assert file.text_status == TextStatus.NOT_PDF
    assert "application/json" in file.text_message


def test_the_size_cap_by_oparl_size_and_by_download(paper, fake_oparl, fetcher, settings):
    settings.OPARL_FILE_MAX_MB = 1
    fake_oparl.quirks.files["/files/gross.pdf"] = b"%PDF-1.7\n" + b"0" * (1024 * 1024)
    announced = _file(paper, fake_oparl, "angesagt.pdf", size=2 * 1024 * 1024)
    served = _file(paper, fake_oparl, "gross.pdf")

    file_texts.extract_endpoint(paper.endpoint, fetcher=fetcher)

    announced.refresh_from_db()
    served.refresh_from_db()
    assert announced.text_status == served.text_status == TextStatus.TOO_LARGE
    assert "/files/angesagt.pdf" not in _downloads(fake_oparl)  # never requested
    assert _downloads(fake_oparl) == ["/files/gross.pdf"]
    assert served.text == ""


def test_the_stored_text_is_capped(
    paper, fake_oparl, fetcher, pdf_bytes, downloads_on, monkeypatch
):
    monkeypatch.setattr(file_texts, "MAX_TEXT_CHARS", 20)
    fake_oparl.quirks.files["/files/vorlage.pdf"] = pdf_bytes
    file = _file(paper, fake_oparl, "vorlage.pdf")

    file_texts.extract_endpoint(paper.endpoint, fetcher=fetcher)

    file.refresh_from_db()
    assert file.text_status == TextStatus.EXTRACTED
    assert len(file.text) == 20
    assert file.text.startswith("Beschlussvorlage")


def test_a_file_without_any_url_is_recorded(paper, fake_oparl, fetcher, downloads_on):
    file = _file(paper, fake_oparl, "ohne.pdf", access_url="")

    file_texts.extract_endpoint(paper.endpoint, fetcher=fetcher)

    file.refresh_from_db()
    assert (file.text_status, file.text_message) == (
        TextStatus.FAILED,
        "No accessUrl or downloadUrl.",
    )


def test_the_download_url_is_preferred(paper, fake_oparl, fetcher, pdf_bytes, downloads_on):
    fake_oparl.quirks.files["/files/download.pdf"] = pdf_bytes
    file = _file(
        paper, fake_oparl, "zugang.pdf", download_url=f"{fake_oparl.base}/files/download.pdf"
    )

    file_texts.extract_endpoint(paper.endpoint, fetcher=fetcher)

    file.refresh_from_db()
    assert file.text_status == TextStatus.EXTRACTED
    assert _downloads(fake_oparl) == ["/files/download.pdf"]


def test_download_stops_reading_past_the_cap_without_content_length():
    def chunks():
        for _ in range(10):
            yield b"x" * 1000

    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=chunks()))
    with Fetcher(transport=transport, retries=0) as client:
        capped = client.download("https://rat.example/f.pdf", max_bytes=2500)
        whole = client.download("https://rat.example/f.pdf", max_bytes=10_000)

    assert (capped.too_large, capped.content) == (True, b"")
    assert (whole.too_large, len(whole.content)) == (False, 10_000)


def test_download_retries_server_errors_then_gives_up():
    answers = iter([503, 200])
    transport = httpx.MockTransport(
        lambda request: httpx.Response(next(answers), content=b"%PDF-1.7")
    )
    with Fetcher(transport=transport, retries=1, backoff=0.0) as client:
        answer = client.download("https://rat.example/f.pdf", max_bytes=100)
    assert (answer.status, answer.content) == (200, b"%PDF-1.7")


def test_the_task_runs_for_an_endpoint(paper, fake_oparl, pdf_bytes, downloads_on):
    fake_oparl.quirks.files["/files/vorlage.pdf"] = pdf_bytes
    _file(paper, fake_oparl, "vorlage.pdf")

    result = extract_file_texts.enqueue(endpoint_id=paper.endpoint.pk)

    assert result.return_value == "extracted=1, papers_reindexed=1"
    assert extract_file_texts.enqueue(endpoint_id=paper.endpoint.pk).return_value == (
        "nothing to do"
    )
    assert file_texts.run(paper.endpoint.pk + 1000) == "gone"


def test_request_enqueues_unless_switched_off(endpoint, database_tasks, settings):
    settings.OPARL_FILE_MAX_MB = 0
    assert file_texts.request(endpoint) is False
    assert DBTaskResult.objects.count() == 0

    settings.OPARL_FILE_MAX_MB = 20
    assert file_texts.request(endpoint) is True
    task = DBTaskResult.objects.get()
    assert task.task_path.endswith("extract_file_texts")
    assert task.args_kwargs["kwargs"] == {"endpoint_id": endpoint.pk}


@pytest.mark.parametrize(("status", "queued"), [(SyncStatus.SUCCEEDED, 1), (SyncStatus.FAILED, 0)])
def test_a_finished_import_run_enqueues_the_downloads_only_on_success(
    endpoint, database_tasks, downloads_on, monkeypatch, status, queued
):
    def fake_import(endpoint, *, fetcher, run, progress):
        run.status = status
        run.save(update_fields=["status"])
        return run

    monkeypatch.setattr(runs, "run_import", fake_import)
    run = runs.reserve(endpoint)

    assert runs.execute(run.pk, fetcher=object()) == status
    assert SyncRun.objects.get(pk=run.pk).status == status
    paths = list(DBTaskResult.objects.values_list("task_path", flat=True))
    assert sum(path.endswith("extract_file_texts") for path in paths) == queued


def test_a_reimported_file_is_checked_again(paper, fake_oparl):
    file = _file(paper, fake_oparl, "neu.pdf", text="alt", text_status=TextStatus.EXTRACTED)
    data = {
        "id": file.oparl_id,
        "type": "https://schema.oparl.org/1.1/File",
        "accessUrl": file.access_url,
        "mimeType": "application/pdf",
    }
    RawObject.objects.create(
        endpoint=paper.endpoint,
        oparl_id=file.oparl_id,
        object_type="File",
        data=data,
        digest="x",
        parent_id=paper.oparl_id,
        parent_field="mainFile",
        fetched_at=timezone.now(),
    )

    import_pending(paper.endpoint, "https://rat.example/body/1", Counter())

    file.refresh_from_db()
    assert (file.text, file.text_status) == ("", TextStatus.UNCHECKED)
    assert list(file_texts.pending(paper.endpoint)) == [file]


def test_the_task_hands_remaining_files_to_a_follow_up(
    paper, fake_oparl, database_tasks, downloads_on, monkeypatch
):
    monkeypatch.setattr(file_texts, "BATCH_SIZE", 1)
    monkeypatch.setattr(file_texts, "TASK_SECONDS", 0.0)
    _file(paper, fake_oparl, "eins.pdf")
    _file(paper, fake_oparl, "zwei.pdf")

    assert file_texts.run(paper.endpoint.pk) == "continued=1, failed=1"
    assert file_texts.pending(paper.endpoint).count() == 1  # one batch, then the time was up
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["kwargs"] == {"endpoint_id": paper.endpoint.pk}

    monkeypatch.setattr(file_texts, "TASK_SECONDS", 3600.0)
    assert file_texts.run(paper.endpoint.pk) == "failed=1"
    assert DBTaskResult.objects.count() == 1
