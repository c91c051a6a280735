"""The text of council PDFs that OParl delivered without `text`: downloaded and extracted.

After an import, `request` enqueues `tasks.extract_file_texts` for the endpoint (unless
`OPARL_FILE_MAX_MB` is 0). The task takes the files that are searchable (attached to a
paper of the endpoint), look like PDFs (MIME type or file name), have no text and were never
checked, downloads each with the importer's `Fetcher` (retries, timeout, polite per-host
limit), streamed and capped at `OPARL_FILE_MAX_MB`, extracts the text with pypdf (at most
`MAX_TEXT_CHARS`) and records the outcome on the file (`TextStatus`), so a file is tried
once per version: a re-import of a changed file resets it. A broken, missing or oversized
file is a recorded outcome, never an exception that stops the others. The papers whose
files gained text are announced to the search index. One task works for TASK_SECONDS,
then enqueues its follow-up for the remaining files.
"""

from __future__ import annotations

import io
import logging
import time
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from pypdf import PdfReader

from stadtgespraeche.core import indexing

from ..client import Fetcher, FetchError
from ..enums import TextStatus
from ..models import Endpoint, OparlFile, OparlPaper
from .topics import PAPER_LABEL

logger = logging.getLogger(__name__)

MAX_TEXT_CHARS = 200_000
BATCH_SIZE = 50
TASK_SECONDS = 300.0
MESSAGE_LENGTH = 500
PDF_MIME = "application/pdf"


@dataclass(frozen=True)
class Outcome:
    status: TextStatus
    text: str = ""
    message: str = ""


def max_bytes() -> int:
    return int(settings.OPARL_FILE_MAX_MB * 1024 * 1024)


def pending(endpoint: Endpoint) -> QuerySet[OparlFile]:
    """The endpoint's paper files that look like PDFs, have no text and were never checked."""
    papers = OparlPaper.objects.filter(endpoint=endpoint).values("oparl_id")
    looks_like_pdf = (
        Q(mime_type__iexact=PDF_MIME)
        | Q(file_name__iendswith=".pdf")
        | Q(access_url__iendswith=".pdf")
        | Q(download_url__iendswith=".pdf")
    )
    return OparlFile.objects.filter(
        looks_like_pdf,
        endpoint=endpoint,
        deleted=False,
        is_placeholder=False,
        text="",
        text_status=TextStatus.UNCHECKED,
        parent_oparl_id__in=papers,
    )


def request(endpoint: Endpoint) -> bool:
    """Enqueue the text download of the endpoint's files; False if switched off."""
    from ..tasks import extract_file_texts

    if settings.OPARL_FILE_MAX_MB <= 0:
        return False
    extract_file_texts.enqueue(endpoint_id=endpoint.pk)
    return True


def extract_text(content: bytes) -> str:
    """The text of a PDF, page by page, capped at MAX_TEXT_CHARS (pypdf errors propagate)."""
    reader = PdfReader(io.BytesIO(content))
    parts: list[str] = []
    length = 0
    for page in reader.pages:
        part = page.extract_text() or ""
        parts.append(part)
        length += len(part) + 1
        if length >= MAX_TEXT_CHARS:
            break
    # PostgreSQL text cannot hold NUL characters.
    return "\n".join(parts).replace("\x00", "").strip()[:MAX_TEXT_CHARS]


def process(file: OparlFile, fetcher: Fetcher, limit: int) -> Outcome:
    """Download and extract one file; every failure becomes an outcome."""
    url = file.download_url or file.access_url
    if not url:
        return Outcome(TextStatus.FAILED, message="No accessUrl or downloadUrl.")
    if file.size and file.size > limit:
        return Outcome(TextStatus.TOO_LARGE, message=f"{file.size} bytes (OParl size).")
    try:
        answer = fetcher.download(url, max_bytes=limit)
    except FetchError as error:
        return Outcome(TextStatus.FAILED, message=str(error))
    if answer.status >= 400:
        return Outcome(TextStatus.FAILED, message=f"{url}: HTTP {answer.status}")
    if answer.too_large:
        return Outcome(TextStatus.TOO_LARGE, message=f"More than {limit} bytes.")
    if b"%PDF-" not in answer.content[:1024]:
        kind = answer.content_type.split(";")[0].strip() or "unknown type"
        return Outcome(TextStatus.NOT_PDF, message=f"The download is not a PDF ({kind}).")
    try:
        text = extract_text(answer.content)
    except Exception as error:  # a broken PDF is a recorded failure, never stops the others
        return Outcome(TextStatus.FAILED, message=f"{type(error).__name__}: {error}")
    return Outcome(TextStatus.EXTRACTED, text=text)


def extract_endpoint(
    endpoint: Endpoint, *, fetcher: Fetcher | None = None, seconds: float | None = None
) -> Counter[str]:
    """Check the pending files of the endpoint, batch by batch; counts per outcome.

    With `seconds`, no new batch starts after that time (the task's share of the worker);
    the first batch always runs, so every task makes progress.
    """
    if fetcher is None:
        with Fetcher(max_per_host=endpoint.max_connections) as own:
            return extract_endpoint(endpoint, fetcher=own, seconds=seconds)
    limit = max_bytes()
    stats: Counter[str] = Counter()
    last_pk = 0
    started = time.monotonic()
    while True:
        files = list(pending(endpoint).filter(pk__gt=last_pk).order_by("pk")[:BATCH_SIZE])
        if not files:
            return stats
        last_pk = files[-1].pk
        now = timezone.now()
        for file in files:
            outcome = process(file, fetcher, limit)
            if outcome.status != TextStatus.EXTRACTED:
                logger.info("OParl file %s: %s %s", file.oparl_id, outcome.status, outcome.message)
            file.text = outcome.text
            file.text_status = outcome.status
            file.text_message = outcome.message[:MESSAGE_LENGTH]
            file.text_checked_at = now
            stats[str(outcome.status)] += 1
        OparlFile.objects.bulk_update(
            files, ["text", "text_status", "text_message", "text_checked_at"]
        )
        parents = {f.parent_oparl_id for f in files if f.text}
        if parents:
            papers = sorted(
                OparlPaper.objects.filter(endpoint=endpoint, oparl_id__in=parents).values_list(
                    "pk", flat=True
                )
            )
            stats["papers_reindexed"] += len(papers)
            indexing.changed_many(PAPER_LABEL, papers)
        if seconds is not None and time.monotonic() - started >= seconds:
            return stats


def run(endpoint_id: int) -> str:
    """The task's body: a summary of the outcomes, or why nothing ran.

    It works for at most TASK_SECONDS (well below TASK_ABANDONED_AFTER_MINUTES, after which
    a running task counts as abandoned) and enqueues its follow-up if files remain.
    """
    endpoint = Endpoint.objects.filter(pk=endpoint_id).first()
    if endpoint is None:
        return "gone"
    stats = extract_endpoint(endpoint, seconds=TASK_SECONDS)
    if pending(endpoint).exists() and request(endpoint):
        stats["continued"] += 1
    return ", ".join(f"{key}={value}" for key, value in sorted(stats.items())) or "nothing to do"
