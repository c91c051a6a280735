"""Raw OParl object → field values of its typed table (pure functions, no database).

A mapper returns `(fields, refs)`: plain field values, and references as
`{field: (type, id URL)}` that the importer resolves to primary keys (or placeholders).
Every value is checked for its type; whatever does not fit is left empty.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

Fields = dict[str, Any]
Refs = dict[str, tuple[str, str]]
Mapped = tuple[Fields, Refs]

BERLIN = ZoneInfo("Europe/Berlin")
_BROKEN_OFFSET = re.compile(r"([+-]\d\d)::(\d\d)$")
# CC e-gov sends file extensions as mimeType.
_MIME_BY_EXTENSION = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "txt": "text/plain",
    "jpg": "image/jpeg",
    "png": "image/png",
}


def text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def texts(value: Any) -> str:
    """A list of strings (or one string) as one comma-separated string."""
    items = value if isinstance(value, list) else [value]
    return ", ".join(t for t in (text(item) for item in items) if t)


def boolean(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def integer(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and -(2**31) < value < 2**31:
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdecimal():
        try:
            return integer(int(value.strip()))
        except ValueError:
            return None
    return None


def date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def datetime(value: Any) -> dt.datetime | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    value = _BROKEN_OFFSET.sub(r"\1:\2", value.strip())
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        day = date(value)
        if day is None:
            return None
        parsed = dt.datetime.combine(day, dt.time())
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=BERLIN)
    try:
        return parsed.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        return None


def ref(value: Any) -> str | None:
    """The first id URL of a reference or list of references."""
    if isinstance(value, list):
        value = next((item for item in value if isinstance(item, str)), None)
    return value if isinstance(value, str) and value else None


def _refs(**pairs: tuple[str, Any]) -> Refs:
    result: Refs = {}
    for field, (type_name, value) in pairs.items():
        oparl_id = ref(value)
        if oparl_id:
            result[field] = (type_name, oparl_id)
    return result


def common(data: dict[str, Any]) -> Fields:
    return {
        "web": text(data.get("web")),
        "oparl_created": datetime(data.get("created")),
        "oparl_modified": datetime(data.get("modified")),
    }


def body(data: dict[str, Any], ctx: Context) -> Mapped:
    return {
        "name": text(data.get("name")),
        "short_name": text(data.get("shortName")),
        "ags": text(data.get("ags"))[:8],
        "rgs": text(data.get("rgs")),
        "website": text(data.get("website")),
        "license": text(data.get("license")),
        "classification": text(data.get("classification")),
    }, {}


def legislative_term(data: dict[str, Any], ctx: Context) -> Mapped:
    return {
        "name": text(data.get("name")),
        "start_date": date(data.get("startDate")),
        "end_date": date(data.get("endDate")),
    }, _refs(body=("Body", data.get("body") or ctx.body_id))


def location(data: dict[str, Any], ctx: Context) -> Mapped:
    return {
        "description": text(data.get("description")),
        "street_address": text(data.get("streetAddress")),
        "postal_code": text(data.get("postalCode")),
        "locality": text(data.get("locality")),
        "room": text(data.get("room")),
    }, {}


def organization(data: dict[str, Any], ctx: Context) -> Mapped:
    return {
        "name": text(data.get("name")),
        "short_name": text(data.get("shortName")),
        "organization_type": text(data.get("organizationType")),
        "classification": text(data.get("classification")),
        "start_date": date(data.get("startDate")),
        "end_date": date(data.get("endDate")),
    }, _refs(body=("Body", data.get("body") or ctx.body_id))


def person(data: dict[str, Any], ctx: Context) -> Mapped:
    given, family = text(data.get("givenName")), text(data.get("familyName"))
    name = text(data.get("name")) or " ".join(part for part in (given, family) if part)
    return {
        "name": name,
        "family_name": family,
        "given_name": given,
        "form_of_address": text(data.get("formOfAddress")),
        "title": texts(data.get("title")),
        "gender": text(data.get("gender")),
    }, _refs(body=("Body", data.get("body") or ctx.body_id))


def membership(data: dict[str, Any], ctx: Context) -> Mapped:
    return {
        "role": text(data.get("role")),
        "voting_right": boolean(data.get("votingRight")),
        "start_date": date(data.get("startDate")),
        "end_date": date(data.get("endDate")),
    }, _refs(
        person=("Person", data.get("person")),
        organization=("Organization", data.get("organization")),
        on_behalf_of=("Organization", data.get("onBehalfOf")),
    )


def meeting(data: dict[str, Any], ctx: Context) -> Mapped:
    return {
        "name": text(data.get("name")),
        "meeting_state": text(data.get("meetingState")),
        "cancelled": data.get("cancelled") is True,
        "start": datetime(data.get("start")),
        "end": datetime(data.get("end")),
    }, _refs(
        body=("Body", ctx.body_id),
        organization=("Organization", data.get("organization")),
        location=("Location", data.get("location")),
    )


def agenda_item(data: dict[str, Any], ctx: Context) -> Mapped:
    order = integer(data.get("order"))
    return {
        "number": text(data.get("number")),
        "order": order if order is not None else ctx.position,
        "name": text(data.get("name")),
        "public": boolean(data.get("public")),
        "result": text(data.get("result")),
        "resolution_text": text(data.get("resolutionText")),
    }, _refs(meeting=("Meeting", data.get("meeting")))


def paper(data: dict[str, Any], ctx: Context) -> Mapped:
    return {
        "name": text(data.get("name")),
        "reference": text(data.get("reference")),
        "date": date(data.get("date")),
        "paper_type": text(data.get("paperType")),
    }, _refs(body=("Body", data.get("body") or ctx.body_id))


def consultation(data: dict[str, Any], ctx: Context) -> Mapped:
    return {
        "authoritative": boolean(data.get("authoritative")),
        "role": text(data.get("role")),
    }, _refs(
        paper=("Paper", data.get("paper")),
        meeting=("Meeting", data.get("meeting")),
        agenda_item=("AgendaItem", data.get("agendaItem")),
        organization=("Organization", data.get("organization")),
    )


def file(data: dict[str, Any], ctx: Context) -> Mapped:
    mime = text(data.get("mimeType"))
    mime = _MIME_BY_EXTENSION.get(mime.lower(), mime) if "/" not in mime else mime
    size = data.get("size")
    return {
        "name": text(data.get("name")),
        "file_name": text(data.get("fileName")),
        "mime_type": mime,
        "date": date(data.get("date")),
        "size": size if isinstance(size, int) and not isinstance(size, bool) and size > 0 else None,
        "access_url": text(data.get("accessUrl")),
        "download_url": text(data.get("downloadUrl")),
        "text": text(data.get("text")),
        "parent_oparl_id": ctx.parent_id,
        "parent_field": ctx.parent_field,
    }, {}


class Context:
    """Where a raw object sits: the endpoint's body, its parent and position."""

    __slots__ = ("body_id", "parent_field", "parent_id", "position")

    def __init__(
        self, body_id: str, parent_id: str = "", parent_field: str = "", position: int | None = None
    ) -> None:
        self.body_id = body_id
        self.parent_id = parent_id
        self.parent_field = parent_field
        self.position = position


MAPPERS: dict[str, Callable[[dict[str, Any], Context], Mapped]] = {
    "Body": body,
    "LegislativeTerm": legislative_term,
    "Location": location,
    "Organization": organization,
    "Person": person,
    "Membership": membership,
    "Meeting": meeting,
    "AgendaItem": agenda_item,
    "Paper": paper,
    "Consultation": consultation,
    "File": file,
}
