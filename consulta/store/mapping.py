"""Conversions between table rows (plain dicts of column values) and domain objects."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import fields
from typing import Any

from consulta.domain import model as m

Row = dict[str, Any]

_VOTE_COLUMNS = (
    "votes_support",
    "votes_support_with_reservations",
    "votes_oppose",
    "votes_abstain",
)

DOMAIN_TYPES: dict[str, type[m.Record]] = {
    "consultation": m.Consultation,
    "district": m.District,
    "sector": m.Sector,
    "organisation": m.Organisation,
    "participant": m.Participant,
    "session": m.Session,
    "agenda_item": m.AgendaItem,
    "attendance": m.Attendance,
    "guideline": m.Guideline,
    "position": m.Position,
}
TABLE_OF: dict[type[m.Record], str] = {v: k for k, v in DOMAIN_TYPES.items()}

_ENUMS: dict[tuple[str, str], Callable[[Any], Any]] = {
    ("session", "status"): m.SessionStatus,
    ("guideline", "status"): m.GuidelineStatus,
    ("position", "stance"): m.Stance,
    ("participant", "gender"): m.Gender,
}


def to_domain(table: str, row: Mapping[str, Any]) -> m.Record:
    cls = DOMAIN_TYPES[table]
    values: dict[str, Any] = {}
    for f in fields(cls):
        if f.name == "votes":
            counts = [row.get(c) for c in _VOTE_COLUMNS]
            values["votes"] = None if counts[0] is None else m.Tally(*(int(c or 0) for c in counts))
            continue
        value = row.get(f.name)
        conv = _ENUMS.get((table, f.name))
        if conv is not None and value is not None:
            value = conv(value)
        if f.name in ("hlc", "origin") and value is None:
            value = ""
        values[f.name] = value
    return cls(**values)


def to_row(record: m.Record) -> Row:
    """Column values of a domain object (enums as their string values)."""
    row: Row = {}
    for f in fields(record):
        value = getattr(record, f.name)
        if f.name == "votes":
            tally: m.Tally | None = value
            counts = tally.as_dict() if tally else {}
            for col in _VOTE_COLUMNS:
                row[col] = counts.get(col.removeprefix("votes_")) if tally else None
            continue
        if isinstance(value, enum.Enum):
            value = value.value
        row[f.name] = value
    return row


def table_of(record: m.Record) -> str:
    return TABLE_OF[type(record)]
