"""After an import: which papers it changed (their own row, a consultation, an agenda item
or a file of theirs), their topics brought up to date, the search index told; likewise the
agenda items it changed (their own row, their meeting, a consultation or paper of theirs),
which are search documents of their own."""

from __future__ import annotations

from collections import Counter

from stadtgespraeche.core import indexing

from ..models import Endpoint, OparlAgendaItem, OparlConsultation, OparlFile, OparlPaper
from .topics import AGENDA_ITEM_LABEL, PAPER_LABEL, agenda_items_of, assign_topics

CHUNK = 2000


def _chunks(ids: set[str]) -> list[list[str]]:
    ordered = sorted(ids)
    return [ordered[i : i + CHUNK] for i in range(0, len(ordered), CHUNK)]


def affected_papers(endpoint: Endpoint, touched: dict[str, set[str]]) -> set[int]:
    """Ids of the papers whose search document may have changed by the written objects."""
    papers = OparlPaper.objects.filter(endpoint=endpoint)
    consultations = OparlConsultation.objects.filter(endpoint=endpoint)
    result: set[int] = set()
    for chunk in _chunks(touched.get("Paper", set())):
        result.update(papers.filter(oparl_id__in=chunk).values_list("pk", flat=True))
    for field, type_name in (
        ("oparl_id", "Consultation"),
        ("agenda_item__oparl_id", "AgendaItem"),
        ("meeting__oparl_id", "Meeting"),
    ):
        for chunk in _chunks(touched.get(type_name, set())):
            result.update(
                consultations.filter(**{f"{field}__in": chunk}, paper__isnull=False).values_list(
                    "paper_id", flat=True
                )
            )
    parents: set[str] = set()
    for chunk in _chunks(touched.get("File", set())):
        parents.update(
            OparlFile.objects.filter(endpoint=endpoint, oparl_id__in=chunk).values_list(
                "parent_oparl_id", flat=True
            )
        )
    for chunk in _chunks(parents):
        result.update(papers.filter(oparl_id__in=chunk).values_list("pk", flat=True))
    return result


def affected_agenda_items(
    endpoint: Endpoint, touched: dict[str, set[str]], papers: set[int]
) -> set[int]:
    """Ids of the agenda items whose search document may have changed: written themselves,
    their meeting written, or a consultation or paper of theirs changed."""
    items = OparlAgendaItem.objects.filter(endpoint=endpoint)
    result: set[int] = set()
    for field, type_name in (("oparl_id", "AgendaItem"), ("meeting__oparl_id", "Meeting")):
        for chunk in _chunks(touched.get(type_name, set())):
            result.update(items.filter(**{f"{field}__in": chunk}).values_list("pk", flat=True))
    for chunk in _chunks(touched.get("Consultation", set())):
        result.update(
            OparlConsultation.objects.filter(
                endpoint=endpoint, oparl_id__in=chunk, agenda_item__isnull=False
            ).values_list("agenda_item_id", flat=True)
        )
    result.update(agenda_items_of(papers))
    return result


def follow_up(endpoint: Endpoint, touched: dict[str, set[str]], stats: Counter[str]) -> None:
    """Assign topics to the changed papers and announce them and the changed agenda items
    to the search index."""
    papers = affected_papers(endpoint, touched)
    if papers:
        stats["papers_topics_changed"] += len(assign_topics(endpoint=endpoint, paper_ids=papers))
        stats["papers_reindexed"] += len(papers)
        indexing.changed_many(PAPER_LABEL, sorted(papers))
    items = affected_agenda_items(endpoint, touched, papers)
    if items:
        stats["agenda_items_reindexed"] += len(items)
        indexing.changed_many(AGENDA_ITEM_LABEL, sorted(items))
