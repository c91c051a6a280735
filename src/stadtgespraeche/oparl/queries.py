"""Reads of the OParl app: the coverage of member municipalities with council data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, OuterRef, Subquery
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .enums import ACTIVE_STATUSES
from .models import (
    Endpoint,
    OparlConsultation,
    OparlMeeting,
    OparlOrganization,
    OparlPaper,
    OparlPerson,
    SyncRun,
)

COUNTED = {
    "papers": OparlPaper,
    "meetings": OparlMeeting,
    "persons": OparlPerson,
    "organizations": OparlOrganization,
}


@dataclass(frozen=True)
class CoverageRow:
    endpoint_id: int
    body_name: str
    municipality_name: str
    municipality_url: str
    vendor: str
    oparl_version: str
    last_sync: dt.datetime | None
    last_status: str
    last_error: str
    counts: dict[str, int] = field(default_factory=dict)
    last_run_id: int | None = None
    active: bool = False
    municipality_id: int | None = None
    municipality_slug: str = ""
    warnings: list[str] = field(default_factory=list)


def coverage_rows() -> list[CoverageRow]:
    """One row per endpoint with live-object counts and its last run (fixed query count)."""
    last_run = SyncRun.objects.filter(endpoint=OuterRef("pk")).order_by("-started_at", "-pk")
    endpoints = list(
        Endpoint.objects.select_related("municipality").annotate(
            last_status=Subquery(last_run.values("status")[:1]),
            last_error=Subquery(last_run.values("error")[:1]),
            last_run_id=Subquery(last_run.values("pk")[:1]),
            last_warnings=Subquery(last_run.values("warnings")[:1]),
        )
    )
    counts: dict[str, dict[int, int]] = {}
    for name, model in COUNTED.items():
        counts[name] = dict(
            model._default_manager.filter(deleted=False, is_placeholder=False)
            .values("endpoint")
            .annotate(n=Count("pk"))
            .values_list("endpoint", "n")
        )
    return [
        CoverageRow(
            endpoint_id=e.pk,
            body_name=e.body_name or e.system_url,
            municipality_name=e.municipality.name if e.municipality else "",
            municipality_url=e.municipality.get_absolute_url() if e.municipality else "",
            vendor=e.get_vendor_display(),
            oparl_version=e.oparl_version,
            last_sync=e.last_sync_finished,
            last_status=getattr(e, "last_status", None) or "",
            last_error=(getattr(e, "last_error", None) or "").split("\n", 1)[0][:200],
            counts={name: counts[name].get(e.pk, 0) for name in COUNTED},
            last_run_id=getattr(e, "last_run_id", None),
            warnings=warning_lines(getattr(e, "last_warnings", None) or ""),
            active=getattr(e, "last_status", None) in ACTIVE_STATUSES,
            municipality_id=e.municipality_id,
            municipality_slug=e.municipality.slug if e.municipality else "",
        )
        for e in endpoints
    ]


PHASES: dict[str, Promise] = {
    "lists": _("Reading the lists"),
    "typed": _("Writing the council records"),
    "done": _("Finished"),
}
LIST_NAMES: dict[str, Promise] = {
    "organization": _("Committees and factions"),
    "person": _("Persons"),
    "meeting": _("Meetings"),
    "paper": _("Papers"),
    "membership": _("Memberships"),
    "agendaItem": _("Agenda items"),
    "consultation": _("Consultations"),
    "file": _("Files"),
    "locationList": _("Locations"),
    "legislativeTermList": _("Legislative terms"),
}


def warning_lines(warnings: str) -> list[str]:
    """The warnings of a run (`SyncRun.warnings`, services.reconcile) as sentences."""
    lines = []
    for line in warnings.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[0] == "shrink" and parts[2].isdigit() and parts[3].isdigit():
            lines.append(
                gettext(
                    "%(list)s: the full crawl returned only %(returned)s of %(stored)s objects; "
                    "none was marked deleted."
                )
                % {
                    "list": LIST_NAMES.get(parts[1], parts[1]),
                    "returned": parts[3],
                    "stored": parts[2],
                }
            )
        elif line.strip():
            lines.append(line.strip())
    return lines


@dataclass(frozen=True)
class RunView:
    """What the progress page shows of a run."""

    active: bool
    phase: str
    list_name: str
    page: int
    total_pages: int | None
    lists_done: int
    lists_total: int
    objects_seen: int
    written: int
    typed_written: int
    placeholders: int
    errors: list[str]
    fixes: dict[str, int]
    warnings: list[str] = field(default_factory=list)


def run_view(run: SyncRun) -> RunView:
    progress: dict[str, Any] = run.progress if isinstance(run.progress, dict) else {}
    counts: dict[str, Any] = (run.stats or {}).get("counts", {})
    phase = str(progress.get("phase", ""))
    total = progress.get("total_pages")
    return RunView(
        active=run.is_active,
        phase=str(PHASES.get(phase, "")),
        list_name=str(LIST_NAMES.get(str(progress.get("list_name", "")), "")),
        page=int(progress.get("page") or 0),
        total_pages=int(total) if isinstance(total, int) else None,
        lists_done=int(progress.get("lists_done") or 0),
        lists_total=int(progress.get("lists_total") or 0),
        objects_seen=int(counts.get("objects_seen", progress.get("objects_seen", 0)) or 0),
        written=int(counts.get("raw_written", progress.get("written", 0)) or 0),
        typed_written=int(counts.get("typed_written", 0) or 0),
        placeholders=sum(
            int(n) for key, n in counts.items() if key.startswith("placeholder_") and n
        ),
        errors=[line for line in run.error.splitlines() if line][:20],
        warnings=warning_lines(run.warnings),
        fixes=dict((run.stats or {}).get("fixes", {})),
    )


@dataclass(frozen=True)
class DecisionRow:
    """One decision of a council on a paper: "So haben andere Räte entschieden"."""

    title: str
    url: str
    reference: str
    paper_type: str
    council: str
    municipality_name: str
    municipality_url: str
    committee: str
    date: dt.datetime | None
    result: str
    result_label: str = ""  # the normalised result (vocabulary.result_kind)


def latest_decisions(topic_ids: list[int], *, limit: int = 5) -> list[DecisionRow]:
    """The newest consultations with a result of papers on these topics (2 queries)."""
    if not topic_ids:
        return []
    papers = OparlPaper.topics.through.objects.filter(topic_id__in=topic_ids).values(
        "oparlpaper_id"
    )
    consultations = (
        OparlConsultation.objects.filter(
            paper_id__in=papers,
            deleted=False,
            paper__deleted=False,
            agenda_item__isnull=False,
            meeting__start__isnull=False,
        )
        .exclude(agenda_item__result="")
        .select_related("paper", "meeting", "agenda_item", "organization", "endpoint__municipality")
        .order_by("-meeting__start", "-pk")[:limit]
    )
    rows = []
    for c in consultations:
        paper, municipality = c.paper, c.endpoint.municipality
        if paper is None or c.agenda_item is None or c.meeting is None:
            continue  # excluded by the filter; keeps the types honest
        rows.append(
            DecisionRow(
                title=paper.name or paper.reference,
                url=paper.original_url,
                reference=paper.reference,
                paper_type=paper.paper_type,
                council=c.endpoint.body_name,
                municipality_name=municipality.name if municipality else "",
                municipality_url=municipality.get_absolute_url() if municipality else "",
                committee=c.organization.name if c.organization else "",
                date=c.meeting.start,
                result=c.agenda_item.result,
                result_label=c.agenda_item.result_label,
            )
        )
    return rows


@dataclass(frozen=True)
class PaperRow:
    title: str
    url: str
    reference: str
    paper_type: str
    date: dt.date | None
    topics: list[str]


def recent_papers(municipality_id: int, *, limit: int = 5) -> list[PaperRow]:
    """The municipality's newest council papers on a platform topic (2 queries)."""
    papers = (
        OparlPaper.objects.filter(
            endpoint__municipality_id=municipality_id,
            deleted=False,
            is_placeholder=False,
            topics__isnull=False,
        )
        .distinct()
        .order_by(F("date").desc(nulls_last=True), "-pk")
        .prefetch_related("topics")[:limit]
    )
    return [
        PaperRow(
            title=p.name or p.reference,
            url=p.original_url,
            reference=p.reference,
            paper_type=p.paper_type,
            date=p.date,
            topics=[t.title for t in p.topics.all()],
        )
        for p in papers
    ]


def has_council_data(municipality_id: int) -> bool:
    return Endpoint.objects.filter(municipality_id=municipality_id).exists()


@dataclass(frozen=True)
class TopicKeywordRow:
    topic_id: int
    title: str
    slug: str
    keywords: list[str]
    papers: int
    assignment_state: str = ""  # TopicKeywords.assignment_state
    assignment_finished_at: dt.datetime | None = None
    assignment_changed: int | None = None

    @property
    def running(self) -> bool:
        return self.assignment_state == "running"


def topic_keyword_rows() -> list[TopicKeywordRow]:
    """Every active topic with its keywords and the number of papers assigned (2 queries)."""
    from stadtgespraeche.topics.models import Topic

    from .models import TopicKeywords

    entries = {k.topic_id: k for k in TopicKeywords.objects.all()}
    topics = (
        Topic.objects.filter(is_active=True)
        .annotate(papers=Count("council_papers"))
        .order_by("title")
    )
    rows = []
    for t in topics:
        entry = entries.get(t.pk)
        rows.append(
            TopicKeywordRow(
                t.pk,
                t.title,
                t.slug,
                entry.words() if entry else [],
                t.papers,
                entry.assignment_state if entry else "",
                entry.assignment_finished_at if entry else None,
                entry.assignment_changed if entry else None,
            )
        )
    return rows
