"""The unit of work: every edit goes through it, so every edit is stamped by the logical
clock, checked against locked minutes, recorded in the audit trail, and revertible.

An edit is a ``ChangeSet``: the rows it touched with their state before and after.
Reverting a change set (undo) writes the ``before`` states back as a new edit.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, insert, select, update
from sqlalchemy.sql.schema import Table as SchemaTable

from consulta.domain.errors import NotFoundError, SessionLockedError
from consulta.i18n import _
from consulta.store.file import ConsultaFile
from consulta.store.mapping import Row
from consulta.store.models import TABLES_BY_NAME, AuditRow, FileInfoRow, TombstoneRow

_TOMBSTONE: SchemaTable = TombstoneRow.__table__  # type: ignore[assignment]
_AUDIT: SchemaTable = AuditRow.__table__  # type: ignore[assignment]
_INFO: SchemaTable = FileInfoRow.__table__  # type: ignore[assignment]

_FORGET_TOMBSTONE = delete(_TOMBSTONE).where(
    _TOMBSTONE.c.entity == bindparam("entity"), _TOMBSTONE.c.id == bindparam("id")
)

META_COLUMNS = frozenset({"id", "created_at", "updated_at", "hlc", "origin"})
# Rows that belong to a session's minutes: locked while the session is closed.
MINUTES_TABLES = frozenset({"agenda_item", "attendance", "position"})


@dataclass(frozen=True)
class RowChange:
    table: str
    id: str
    before: Row | None
    after: Row | None


@dataclass(frozen=True)
class ChangeSet:
    action: str  # machine key, e.g. "participant.create"
    label: str  # translated, for the Edit menu: "Add participant"
    changes: tuple[RowChange, ...]

    def tables(self) -> set[str]:
        return {c.table for c in self.changes}


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def table(name: str) -> Table:
    return TABLES_BY_NAME[name].__table__  # type: ignore[attr-defined, no-any-return]


class UnitOfWork:
    def __init__(self, cfile: ConsultaFile, conn: Connection, stamp: str) -> None:
        self.conn = conn
        self.file = cfile
        self.stamp = stamp
        self.now = utcnow()
        self.changes: list[RowChange] = []
        self.unlocked = False  # erasure and merge may touch locked minutes
        self._session_status: dict[str, str] = {}

    # -- reading ---------------------------------------------------------------------------

    def get(self, name: str, record_id: str) -> Row | None:
        t = table(name)
        row = self.conn.execute(select(t).where(t.c.id == record_id)).mappings().first()
        return dict(row) if row else None

    def require(self, name: str, record_id: str) -> Row:
        row = self.get(name, record_id)
        if row is None:
            raise NotFoundError(
                _("The record was not found; it may have been deleted. Refresh and try again.")
            )
        return row

    # -- writing ---------------------------------------------------------------------------

    def _meta(self, created_at: datetime | None = None) -> Row:
        return {
            "created_at": created_at or self.now,
            "updated_at": self.now,
            "hlc": self.stamp,
            "origin": self.file.replica_id,
        }

    def insert(self, name: str, values: Row) -> Row:
        row = {**values, **self._meta(values.get("created_at"))}
        self._guard(name, None, row)
        # Parameters apart from the statement, so that SQLAlchemy's compiled cache serves
        # every insert into the same table (bulk imports go through here).
        self.conn.execute(insert(table(name)), row)
        self.conn.execute(_FORGET_TOMBSTONE, {"entity": name, "id": row["id"]})
        self.changes.append(RowChange(name, row["id"], None, row))
        return row

    def insert_many(self, name: str, values: Iterable[Row]) -> list[Row]:
        """Insert many new records in one statement per batch (bulk imports); same
        stamping, lock checks, tombstone cleanup and change records as ``insert``."""
        rows = [{**v, **self._meta(v.get("created_at"))} for v in values]
        if not rows:
            return rows
        for row in rows:
            self._guard(name, None, row)
        self.conn.execute(insert(table(name)), rows)
        self.conn.execute(_FORGET_TOMBSTONE, [{"entity": name, "id": r["id"]} for r in rows])
        self.changes.extend(RowChange(name, r["id"], None, r) for r in rows)
        return rows

    def update(self, name: str, record_id: str, /, **values: Any) -> Row:
        before = self.require(name, record_id)
        changed = {k: v for k, v in values.items() if k not in META_COLUMNS and before.get(k) != v}
        if not changed:
            return before
        after = {**before, **changed, **self._meta(before["created_at"])}
        self._guard(name, before, after)
        t = table(name)
        self.conn.execute(update(t).where(t.c.id == record_id).values(after))
        self.changes.append(RowChange(name, record_id, before, after))
        if name == "session":
            self._session_status[record_id] = after["status"]
        return after

    def delete(self, name: str, record_id: str) -> Row:
        before = self.require(name, record_id)
        self._guard(name, before, None)
        t = table(name)
        self.conn.execute(delete(t).where(t.c.id == record_id))
        tomb = _TOMBSTONE
        self.conn.execute(delete(tomb).where(tomb.c.entity == name, tomb.c.id == record_id))
        self.conn.execute(
            insert(tomb).values(
                entity=name,
                id=record_id,
                hlc=self.stamp,
                origin=self.file.replica_id,
                deleted_at=self.now,
            )
        )
        self.changes.append(RowChange(name, record_id, before, None))
        return before

    def restore(self, name: str, record_id: str, target: Row | None) -> None:
        """Bring a record to ``target`` (None: deleted), as a new edit. Used by undo/redo."""
        current = self.get(name, record_id)
        if target is None:
            if current is not None:
                self.delete(name, record_id)
        elif current is None:
            keep = {k: v for k, v in target.items() if k not in ("updated_at", "hlc", "origin")}
            self.insert(name, keep)
        else:
            self.update(name, record_id, **target)

    # -- locked minutes --------------------------------------------------------------------

    def _status_of(self, session_id: str) -> str:
        if session_id not in self._session_status:
            t = table("session")
            status = self.conn.execute(select(t.c.status).where(t.c.id == session_id)).scalar()
            self._session_status[session_id] = str(status)
        return self._session_status[session_id]

    def _guard(self, name: str, before: Row | None, after: Row | None) -> None:
        if self.unlocked:
            return
        if name == "session":
            was_closed = before is not None and before["status"] == "closed"
            stays_closed = after is None or after["status"] == "closed"
            if was_closed and stays_closed:
                raise SessionLockedError(before["title"])  # type: ignore[index]
        elif name in MINUTES_TABLES:
            session_id = (after or before or {}).get("session_id")
            if session_id and self._status_of(session_id) == "closed":
                t = table("session")
                title = self.conn.execute(select(t.c.title).where(t.c.id == session_id)).scalar()
                raise SessionLockedError(str(title))

    # -- closing ---------------------------------------------------------------------------

    def finish(self, action: str) -> None:
        """Write the audit entry and the clock; called just before commit."""
        if not self.changes:
            return
        self.conn.execute(
            insert(_AUDIT).values(
                at=self.now,
                hlc=self.stamp,
                origin=self.file.replica_id,
                actor=self.file.actor,
                action=action,
                changes=audit_json(self.changes),
            )
        )
        info = _INFO
        self.conn.execute(delete(info).where(info.c.key == "clock"))
        self.conn.execute(insert(info).values(key="clock", value=self.stamp))


def _diff(change: RowChange) -> dict[str, Any]:
    entry: dict[str, Any] = {"table": change.table, "id": change.id}
    if change.before is None or change.after is None:
        entry["before"] = _strip(change.before)
        entry["after"] = _strip(change.after)
        return entry
    keys = [
        k for k in change.after if k not in META_COLUMNS and change.before.get(k) != change.after[k]
    ]
    entry["before"] = {k: change.before.get(k) for k in keys}
    entry["after"] = {k: change.after[k] for k in keys}
    return entry


def _strip(row: Row | None) -> Row | None:
    return None if row is None else {k: v for k, v in row.items() if k not in META_COLUMNS - {"id"}}


def audit_json(changes: Iterable[RowChange]) -> str:
    return json.dumps([_diff(c) for c in changes], ensure_ascii=False, default=str)
