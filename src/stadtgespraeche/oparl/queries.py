"""Reads of the OParl app: the coverage of member municipalities with council data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Subquery

from .models import (
    Endpoint,
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


def coverage_rows() -> list[CoverageRow]:
    """One row per endpoint with live-object counts and its last run (fixed query count)."""
    last_run = SyncRun.objects.filter(endpoint=OuterRef("pk")).order_by("-started_at", "-pk")
    endpoints = list(
        Endpoint.objects.select_related("municipality").annotate(
            last_status=Subquery(last_run.values("status")[:1]),
            last_error=Subquery(last_run.values("error")[:1]),
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
        )
        for e in endpoints
    ]
