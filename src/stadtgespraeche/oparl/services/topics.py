"""Council papers → platform topics, by the keyword list each topic has (`TopicKeywords`).

A paper belongs to a topic when its title or paper type contains one of the topic's
keywords, compared case-insensitively as a substring (so a word also matches inside German
compounds: "Glasfaser" finds "Glasfaserausbau"). Only differences are written, so assigning
again over unchanged papers and keywords writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from stadtgespraeche.core import indexing
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.topics.models import Topic

from ..models import Endpoint, OparlConsultation, OparlPaper, TopicKeywords

CHUNK = 2000
PAPER_LABEL = "oparl.oparlpaper"
AGENDA_ITEM_LABEL = "oparl.oparlagendaitem"
Keywords = dict[int, list[str]]


def keyword_lists() -> Keywords:
    """{topic id: casefolded keywords} of the active topics that have any."""
    result: Keywords = {}
    for entry in TopicKeywords.objects.filter(topic__is_active=True):
        words = [w.casefold() for w in entry.words()]
        if words:
            result[entry.topic_id] = words
    return result


def agenda_items_of(paper_ids: Iterable[int]) -> set[int]:
    """Ids of the agenda items under which the papers were consulted (their search
    documents carry the papers' topics, type and reference)."""
    ids = sorted(set(paper_ids))
    result: set[int] = set()
    for start in range(0, len(ids), CHUNK):
        result.update(
            OparlConsultation.objects.filter(
                paper_id__in=ids[start : start + CHUNK], agenda_item__isnull=False
            ).values_list("agenda_item_id", flat=True)
        )
    return result


def topics_of(text: str, keywords: Keywords) -> set[int]:
    folded = text.casefold()
    return {topic_id for topic_id, words in keywords.items() if any(w in folded for w in words)}


def assign_topics(
    *, endpoint: Endpoint | None = None, paper_ids: Iterable[int] | None = None
) -> set[int]:
    """Bring the papers' topics up to date (all papers, an endpoint's or the ones given);
    returns the ids of the papers whose topics changed."""
    keywords = keyword_lists()
    through: Any = OparlPaper.topics.through
    papers = OparlPaper.objects.order_by("pk")
    if endpoint is not None:
        papers = papers.filter(endpoint=endpoint)
    chunks: Iterable[list[int] | None]
    if paper_ids is not None:
        ids = sorted(set(paper_ids))
        chunks = [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]
    else:
        chunks = [None]
    changed: set[int] = set()
    for chunk in chunks:
        scope = papers if chunk is None else papers.filter(pk__in=chunk)
        last = 0
        while True:
            rows = list(
                scope.filter(pk__gt=last).values_list(
                    "pk", "name", "paper_type", "deleted", "is_placeholder"
                )[:CHUNK]
            )
            if not rows:
                break
            last = rows[-1][0]
            wanted = {
                pk: set() if deleted or placeholder else topics_of(f"{name}\n{kind}", keywords)
                for pk, name, kind, deleted, placeholder in rows
            }
            existing: dict[int, set[int]] = {pk: set() for pk in wanted}
            for paper_id, topic_id in through.objects.filter(
                oparlpaper_id__in=list(wanted)
            ).values_list("oparlpaper_id", "topic_id"):
                existing[paper_id].add(topic_id)
            add = [
                through(oparlpaper_id=pk, topic_id=t)
                for pk, topics in wanted.items()
                for t in topics - existing[pk]
            ]
            remove: dict[int, list[int]] = {}
            for pk, topics in existing.items():
                for t in topics - wanted[pk]:
                    remove.setdefault(t, []).append(pk)
            if add:
                through.objects.bulk_create(add, batch_size=CHUNK)
            for topic_id, pks in remove.items():
                through.objects.filter(topic_id=topic_id, oparlpaper_id__in=pks).delete()
                changed.update(pks)
            changed.update(row.oparlpaper_id for row in add)
    return changed


@transaction.atomic
def set_keywords(*, topic: Topic, keywords: str, actor: Any = None) -> TopicKeywords:
    """Save a topic's keyword list and queue the re-assignment of every paper (a background
    task, `tasks.reassign_topics`: at a million papers it takes minutes, not a request)."""
    from ..tasks import reassign_topics

    words = "\n".join(dict.fromkeys(w.strip() for w in keywords.splitlines() if w.strip()))
    entry, _created = TopicKeywords.objects.get_or_create(topic=topic)
    entry.keywords = words
    entry.assignment_requested_at = timezone.now()
    entry.assignment_error = ""
    entry.save(
        update_fields=["keywords", "updated_at", "assignment_requested_at", "assignment_error"]
    )
    log_action(
        "oparl.topic_keywords.changed",
        actor=actor,
        obj=topic,
        data={"keywords": words.splitlines()},
    )
    reassign_topics.enqueue()
    return entry


def reassign_all() -> str:
    """The task's body: re-assign every paper, reindex the papers whose topics changed and
    their agenda items, and mark every list saved before the start as done (a list saved
    meanwhile stays "running" for the task its save queued). A failure is recorded on those
    lists, so the page says so, and raised for the worker's log."""
    started = timezone.now()
    waiting = TopicKeywords.objects.filter(assignment_requested_at__lte=started).filter(
        Q(assignment_finished_at__isnull=True)
        | Q(assignment_finished_at__lt=F("assignment_requested_at"))
        | ~Q(assignment_error="")
    )
    try:
        with transaction.atomic():
            changed = assign_topics()
            indexing.changed_many(PAPER_LABEL, sorted(changed))
            indexing.changed_many(AGENDA_ITEM_LABEL, sorted(agenda_items_of(changed)))
    except Exception as error:
        waiting.update(assignment_error=f"{type(error).__name__}: {error}"[:500])
        raise
    waiting.update(
        assignment_finished_at=timezone.now(), assignment_changed=len(changed), assignment_error=""
    )
    return f"{len(changed)} papers changed topics"
