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


def _spec(table: str) -> tuple[type[m.Record], tuple[tuple[str, Callable[[Any], Any] | None], ...]]:
    """Per table: the domain class and, per field, its converter (computed once)."""
    cls = DOMAIN_TYPES[table]
    return cls, tuple((f.name, _ENUMS.get((table, f.name))) for f in fields(cls))


_SPECS = {table: _spec(table) for table in DOMAIN_TYPES}


def to_domain(table: str, row: Mapping[str, Any]) -> m.Record:
    cls, spec = _SPECS[table]
    values: dict[str, Any] = {}
    for name, conv in spec:
        if name == "votes":
            first = row.get(_VOTE_COLUMNS[0])
            values["votes"] = (
                None if first is None else m.Tally(*(int(row.get(c) or 0) for c in _VOTE_COLUMNS))
            )
            continue
        value = row.get(name)
        if value is None:
            if name in ("hlc", "origin"):
                value = ""
        elif conv is not None:
            value = conv(value)
        values[name] = value
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
