"""The merge history: every version a merge did not keep, visible and restorable.

Rows of ``merge_history``: a version that lost a conflict ("conflict"), a record a merge
deleted ("deleted"), the other copy of a record imported twice ("duplicate"), a person
merged into another ("person"), or a record set aside because its parent was deleted
("orphan", ``parked`` while it may still come back). ``data`` is the row as JSON, or
``null`` for a deletion that lost. Personal data of erased participants is never kept.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from consulta.domain.errors import NotFoundError, ValidationError
from consulta.i18n import N_, _
from consulta.merge.tables import Row, TableSpec

if TYPE_CHECKING:
    from consulta.services.unit import UnitOfWork
    from consulta.services.workspace import Workspace

REASONS = {
    "conflict": N_("Lost a conflict"),
    "deleted": N_("Deleted by a merge"),
    "duplicate": N_("Same record imported twice"),
    "person": N_("Merged into another person"),
    "orphan": N_("Set aside: its session or person was deleted"),
}


@dataclass(frozen=True)
class HistoryEntry:
    seq: int
    merged_at: datetime
    source: str
    entity: str
    record_id: str
    reason: str
    hlc: str
    origin: str
    data: dict[str, Any] | None  # None: the losing version was a deletion
    parked: bool
    restored_at: datetime | None

    @property
    def reason_label(self) -> str:
        return _(REASONS.get(self.reason, self.reason))


def record_loss(
    db: sqlite3.Connection,
    source: str,
    table: TableSpec,
    row: Row | None,
    reason: str,
    now: str,
    record_id: str = "",
    tomb: tuple[str, str] = ("", ""),
    parked: bool = False,
) -> int:
    """Keep a version the merge did not keep; returns its history number."""
    if row is not None:
        record_id, tomb = str(row[0]), (str(row[1]), str(row[2]))
        if table.name == "participant" and _erased(db, record_id):
            from consulta.merge.persons import blank

            row = blank(table, row)
    data = json.dumps(table.as_dict(row) if row is not None else None, ensure_ascii=False)
    cursor = db.execute(
        "INSERT INTO merge_history(merged_at, source, entity, record_id, reason, hlc, origin, "
        "data, parked, restored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
        (now, source, table.name, record_id, reason, tomb[0], tomb[1], data, int(parked)),
    )
    return int(cursor.lastrowid or 0)


def _erased(db: sqlite3.Connection, participant_id: str) -> bool:
    found = db.execute("SELECT 1 FROM erasure WHERE participant_id = ?", (participant_id,))
    return found.fetchone() is not None


def _entry(r: Any) -> HistoryEntry:
    return HistoryEntry(
        seq=int(r.seq),
        merged_at=_when(r.merged_at),
        source=str(r.source),
        entity=str(r.entity),
        record_id=str(r.record_id),
        reason=str(r.reason),
        hlc=str(r.hlc),
        origin=str(r.origin),
        data=json.loads(r.data),
        parked=bool(r.parked),
        restored_at=_when(r.restored_at) if r.restored_at else None,
    )


def _when(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def list_history(
    ws: Workspace, entity: str | None = None, record_id: str | None = None, limit: int = 10_000
) -> list[HistoryEntry]:
    """The kept versions, newest first; optionally of one kind of record or one record."""
    where, params = [], {"limit": limit}
    if entity:
        where.append("entity = :entity")
        params["entity"] = entity  # type: ignore[assignment]
    if record_id:
        where.append("record_id = :record_id")
        params["record_id"] = record_id  # type: ignore[assignment]
    sql = "SELECT * FROM merge_history"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY seq DESC LIMIT :limit"
    with ws.read() as conn:
        return [_entry(r) for r in conn.execute(text(sql), params)]


def restore_version(ws: Workspace, seq: int) -> None:
    """Make a kept version the current one again, as a new edit (undoable, audited)."""
    with ws.read() as conn:
        found = conn.execute(text("SELECT * FROM merge_history WHERE seq = :s"), {"s": seq}).first()
    if found is None:
        raise NotFoundError(_("That version is no longer in the merge history."))
    entry = _entry(found)
    try:
        _restore(ws, seq, entry)
    except IntegrityError as exc:
        raise ValidationError(
            _(
                "This version refers to a record that no longer exists (a session, person, "
                "sector or guideline). Restore that record first."
            )
        ) from exc


def _restore(ws: Workspace, seq: int, entry: HistoryEntry) -> None:
    with ws.write("merge.restore", _("Restore a version from the merge history")) as unit:
        unit.unlocked = True
        if entry.data is None:
            _delete(unit, entry.entity, entry.record_id)
        else:
            values = _typed(entry.entity, entry.data)
            current = unit.get(entry.entity, entry.record_id)
            if current is None:
                keep = {k: v for k, v in values.items() if k not in ("updated_at", "hlc", "origin")}
                unit.insert(entry.entity, keep)
            else:
                unit.update(entry.entity, entry.record_id, **values)
        unit.conn.execute(
            text("UPDATE merge_history SET parked = 0, restored_at = :now WHERE seq = :s"),
            {"now": unit.now, "s": seq},
        )


def _delete(unit: UnitOfWork, entity: str, record_id: str) -> None:
    """Delete as the app does: a person or session with what hangs from it."""
    from consulta.services.participants import delete_participant
    from consulta.services.sessions import delete_session

    if unit.get(entity, record_id) is None:
        return
    if entity == "participant":
        delete_participant(unit, record_id)
    elif entity == "session":
        delete_session(unit, record_id)
    else:
        unit.delete(entity, record_id)


def _typed(entity: str, data: dict[str, Any]) -> dict[str, Any]:
    """JSON values back to the Python types SQLAlchemy binds (dates, times, booleans)."""
    from datetime import date, time

    from sqlalchemy import Boolean, Date, DateTime, Time

    from consulta.store.models import TABLES_BY_NAME

    columns = TABLES_BY_NAME[entity].__table__.columns  # type: ignore[attr-defined]
    out: dict[str, Any] = {}
    for key, value in data.items():
        kind = columns[key].type
        if value is None:
            out[key] = None
        elif isinstance(kind, DateTime):
            out[key] = datetime.fromisoformat(str(value))
        elif isinstance(kind, Date):
            out[key] = date.fromisoformat(str(value))
        elif isinstance(kind, Time):
            out[key] = time.fromisoformat(str(value))
        elif isinstance(kind, Boolean):
            out[key] = bool(value)
        else:
            out[key] = value
    return out
