"""Normalised vocabularies of OParl free-text fields (pure functions, no database).

Councils write the outcome of an agenda item (`AgendaItem.result`) and the type of a paper
(`Paper.paperType`) as free text that differs per vendor, council and even record
("einstimmig, 0 Enthaltungen", "Einstimmig; 0 Enthaltungen ", "13 Ja-Stimmen, 0 Enthaltungen,
0 Nein-Stimmen", "mehrheitlich abgelehnt", "Kenntnisnahme" …). `result_kind` and `paper_kind`
map them to a small set (`enums.ResultKind`, `enums.PaperKind`) that the search filters by
and the pages show; the raw text is always kept and shown beside it. An empty or
placeholder text ("(kein Text vorhanden)", "-.-") has no kind ("").
"""

from __future__ import annotations

import re

from .enums import PaperKind, ResultKind

_SPACE = re.compile(r"\s+")
_PLACEHOLDERS = {"(kein text vorhanden)", "kein text vorhanden", "-.-", "./.", "n/a"}
_YES = re.compile(r"(\d+)\s*-?\s*ja\b|(\d+)\s*-?\s*ja-?stimme")
_NO = re.compile(r"(\d+)\s*-?\s*nein")


def _folded(text: str) -> str:
    return _SPACE.sub(" ", text.replace("\u00a0", " ")).strip().casefold()


def _has(text: str, *words: str) -> bool:
    return any(word in text for word in words)


def _votes(text: str) -> str:
    """The kind from vote counts ("13 Ja-Stimmen, 1 Nein-Stimme"), "" without counts."""
    yes = _YES.search(text)
    if yes is None:
        return ""
    ayes = int(yes.group(1) or yes.group(2))
    no = _NO.search(text)
    noes = int(no.group(1)) if no else 0
    if ayes <= noes:  # a tie is a rejection
        return ResultKind.REJECTED
    return ResultKind.UNANIMOUS if noes == 0 else ResultKind.MAJORITY


def result_kind(result: str) -> str:
    """The normalised outcome (`ResultKind` value) of an agenda item's result text."""
    text = _folded(result)
    if not text or text in _PLACEHOLDERS or not re.search(r"\w", text):
        return ""
    if _has(text, "zurückgezogen", "zurueckgezogen"):
        return ResultKind.WITHDRAWN
    if _has(text, "abgelehnt", "nicht zugestimmt", "nicht beschlossen", "keine mehrheit"):
        return ResultKind.REJECTED
    if _has(text, "vertagt", "verwiesen", "zurückgestellt", "abgesetzt", "entfällt", "verschoben"):
        return ResultKind.POSTPONED
    if _has(text, "kenntnis", "keine abstimmung") or re.match(r"ohne\b", text):
        return ResultKind.NOTED
    votes = _votes(text)
    if votes:
        return votes
    if "einstimm" in text:  # also the typos "Einstimmung", "Einstimmit"
        return ResultKind.UNANIMOUS
    if _has(text, "mehrheitlich", "mit mehrheit", "stimmenmehrheit"):
        return ResultKind.MAJORITY
    if _has(
        text,
        "beschlossen",
        "zugestimmt",
        "zustimmung",
        "einverstanden",
        "gewählt",
        "angenommen",
        "genehmigt",
    ):
        return ResultKind.ADOPTED
    return ResultKind.OTHER


def paper_kind(paper_type: str) -> str:
    """The normalised group (`PaperKind` value) of a paper type; "" without a type."""
    text = _folded(paper_type)
    if not text or text in _PLACEHOLDERS:
        return ""
    if "anfrage" in text:
        return PaperKind.QUESTION
    if "antrag" in text or "anträge" in text:
        return PaperKind.MOTION
    if "haushalt" in text:
        return PaperKind.BUDGET
    if _has(text, "mitteilung", "information", "bericht", "kenntnis"):
        return PaperKind.INFORMATION
    if _has(text, "beschluss", "beschluß", "vorlage"):
        return PaperKind.DECISION
    return PaperKind.OTHER


def result_label(kind: str) -> str:
    """The label of a `ResultKind` value ("" for none)."""
    return str(ResultKind(kind).label) if kind in ResultKind.values else ""


def paper_label(kind: str) -> str:
    """The label of a `PaperKind` value ("" for none)."""
    return str(PaperKind(kind).label) if kind in PaperKind.values else ""
