"""Council papers from OParl (app `oparl`): one public document per paper.

The document holds what a councillor searches for when asking how other councils decided:
the paper's title, reference and type, the council and municipality, every consultation
with its committee, meeting date, agenda item and result (the decision) and the text of
the paper's files where the server delivered it (OParl `text`). Its URL is the original
(the council's web page of the paper, else its OParl id URL). Filters: municipality (the
endpoint's), topic (the oparl keyword lists), year (the paper's date), type. Deleted and
placeholder papers are not findable. The importer announces changed papers in one call
(`core.indexing.changed_many`).
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from stadtgespraeche.oparl.models import OparlConsultation, OparlFile, OparlPaper

from ..enums import Kind, Level
from . import Document, Provider, register

MAX_FILE_TEXT = 100_000  # characters of file text per paper


def _consultation_line(consultation: OparlConsultation) -> str:
    parts = [consultation.role]
    if consultation.organization_id and consultation.organization:
        parts.append(consultation.organization.name)
    meeting = consultation.meeting
    if meeting is not None and meeting.start:
        parts.append(f"{timezone.localtime(meeting.start):%d.%m.%Y}")
    item = consultation.agenda_item
    if item is not None:
        parts += [item.number, item.name, item.result, item.resolution_text]
    return " ".join(part for part in parts if part)


class CouncilPaperProvider(Provider):
    model_label = "oparl.oparlpaper"
    kind = Kind.COUNCIL_PAPER

    def queryset(self) -> QuerySet[OparlPaper]:
        consultations = OparlConsultation.objects.filter(deleted=False).select_related(
            "organization", "meeting", "agenda_item"
        )
        return (
            OparlPaper.objects.filter(deleted=False, is_placeholder=False)
            .select_related("endpoint", "endpoint__municipality")
            .prefetch_related(Prefetch("consultations", queryset=consultations), "topics")
        )

    def documents(self, paper: OparlPaper) -> list[Document]:
        return self._documents(paper, self._file_texts([paper]).get(paper.oparl_id, []))

    def documents_for_many(self, objects: Iterable[Any]) -> Iterable[tuple[Any, list[Document]]]:
        papers = list(objects)
        texts = self._file_texts(papers)
        for paper in papers:
            yield paper, self._documents(paper, texts.get(paper.oparl_id, []))

    @staticmethod
    def _file_texts(papers: list[OparlPaper]) -> dict[str, list[str]]:
        by_endpoint: dict[int, list[str]] = defaultdict(list)
        for paper in papers:
            by_endpoint[paper.endpoint_id].append(paper.oparl_id)
        texts: dict[str, list[str]] = defaultdict(list)
        for endpoint_id, ids in by_endpoint.items():
            files = OparlFile.objects.filter(
                endpoint_id=endpoint_id, parent_oparl_id__in=ids, deleted=False
            ).exclude(text="")
            for parent, text in files.values_list("parent_oparl_id", "text"):
                texts[parent].append(text)
        return texts

    def _documents(self, paper: OparlPaper, file_texts: list[str]) -> list[Document]:
        endpoint = paper.endpoint
        municipality = endpoint.municipality
        consultations = sorted(
            paper.consultations.all(),
            key=lambda c: c.meeting.start if c.meeting and c.meeting.start else _EPOCH,
        )
        texts = [
            paper.reference,
            paper.paper_type,
            endpoint.body_name,
            municipality.name if municipality else "",
            *(_consultation_line(c) for c in consultations),
            "\n".join(file_texts)[:MAX_FILE_TEXT],
        ]
        date = (
            dt.datetime.combine(paper.date, dt.time(12), tzinfo=dt.UTC)
            if paper.date
            else paper.oparl_created
        )
        return [
            Document(
                title=paper.name or paper.reference or paper.oparl_id,
                url=paper.original_url,
                kind=self.kind,
                body="\n".join(text for text in texts if text),
                date=date,
                min_level=Level.PUBLIC,
                municipality_ids={municipality.pk} if municipality else set(),
                topic_ids={topic.pk for topic in paper.topics.all()},
            )
        ]


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

register(CouncilPaperProvider())
