"""Council papers and agenda items from OParl (app `oparl`): one public document each.

The document holds what a councillor searches for when asking how other councils decided:
the paper's title, reference and type, the council and municipality, every consultation
with its committee, meeting date, agenda item and result (the decision) and the text of
the paper's files where the server delivered it (OParl `text`). Its URL is the original
(the council's web page of the paper, else its OParl id URL). Filters: municipality (the
endpoint's), topic (the oparl keyword lists), year (the paper's date), type. Deleted and
placeholder papers are not findable. The importer announces changed papers in one call
(`core.indexing.changed_many`).

An agenda item (with its meeting, committee, date, result and the papers consulted under it)
is a document of its own, so that a decision is found even where no paper carries it; its
URL is the item's web page, else its meeting's. Agenda items marked not public, without a
name, deleted or placeholders are not findable.

Council documents carry three filter values besides municipality, topic and year: the council
(the endpoint), the normalised paper type and the normalised result (`oparl.vocabulary`).
Building a batch of documents costs a fixed number of queries (tests/search).
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone, translation

from stadtgespraeche.oparl.models import (
    OparlAgendaItem,
    OparlConsultation,
    OparlFile,
    OparlPaper,
)

from ..enums import PAPER_KIND_CODES, RESULT_KIND_CODES, Kind, Level, TagKind
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
        parts += [item.number, item.name, _result_text(item), item.resolution_text]
    return " ".join(part for part in parts if part)


def _result_text(item: OparlAgendaItem) -> str:
    """The raw result with its normalised label (in German, the language of the index)."""
    if not item.result:
        return ""
    with translation.override("de"):
        label = item.result_label
    return f"{item.result} ({label})" if label and label != item.result else item.result


def _codes(table: dict[str, int], values: Iterable[str]) -> set[int]:
    return {table[value] for value in values if value in table}


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
        results = [c.agenda_item.result_kind for c in consultations if c.agenda_item]
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
                facet_values={
                    TagKind.BODY: {paper.endpoint_id},
                    TagKind.PAPER_KIND: _codes(PAPER_KIND_CODES, [paper.paper_kind]),
                    TagKind.RESULT: _codes(RESULT_KIND_CODES, results),
                },
            )
        ]


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _line(text: str) -> str:
    return " ".join(text.split())


class CouncilAgendaItemProvider(Provider):
    """An agenda item as a decision of its own: 3 queries per batch (items with meeting,
    committee and council; consultations with their papers; the papers' topics)."""

    model_label = "oparl.oparlagendaitem"
    kind = Kind.COUNCIL_AGENDA_ITEM

    def queryset(self) -> QuerySet[OparlAgendaItem]:
        consultations = OparlConsultation.objects.filter(deleted=False).select_related(
            "paper", "organization"
        )
        return (
            OparlAgendaItem.objects.filter(deleted=False, is_placeholder=False)
            .exclude(public=False)
            .exclude(name="")
            .filter(Q(meeting__isnull=True) | Q(meeting__deleted=False))
            .select_related(
                "endpoint", "endpoint__municipality", "meeting", "meeting__organization"
            )
            .prefetch_related(
                Prefetch("consultations", queryset=consultations), "consultations__paper__topics"
            )
        )

    def documents(self, item: OparlAgendaItem) -> list[Document]:
        endpoint = item.endpoint
        municipality = endpoint.municipality
        meeting = item.meeting
        papers = [
            c.paper
            for c in item.consultations.all()
            if c.paper is not None and not c.paper.deleted and not c.paper.is_placeholder
        ]
        committees = [c.organization.name for c in item.consultations.all() if c.organization]
        if meeting is not None and meeting.organization is not None:
            committees.insert(0, meeting.organization.name)
        start = meeting.start if meeting is not None else None
        texts = [
            f"TOP {item.number}" if item.number else "",
            meeting.name if meeting is not None else "",
            " ".join(dict.fromkeys(name for name in committees if name)),
            f"{timezone.localtime(start):%d.%m.%Y}" if start else "",
            _result_text(item),
            item.resolution_text,
            *(" ".join(filter(None, [p.reference, p.paper_type, p.name])) for p in papers),
            endpoint.body_name,
            municipality.name if municipality else "",
        ]
        url = item.web or (meeting.web or meeting.oparl_id if meeting else "") or item.oparl_id
        return [
            Document(
                title=_line(item.name),
                url=url,
                kind=self.kind,
                body="\n".join(text for text in texts if text),
                date=start or item.oparl_created,
                min_level=Level.PUBLIC,
                municipality_ids={municipality.pk} if municipality else set(),
                topic_ids={topic.pk for paper in papers for topic in paper.topics.all()},
                facet_values={
                    TagKind.BODY: {item.endpoint_id},
                    TagKind.PAPER_KIND: _codes(PAPER_KIND_CODES, [p.paper_kind for p in papers]),
                    TagKind.RESULT: _codes(RESULT_KIND_CODES, [item.result_kind]),
                },
            )
        ]


register(CouncilPaperProvider())
register(CouncilAgendaItemProvider())
