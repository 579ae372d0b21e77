"""Erasing a participant for privacy: their personal data goes from every place in the
file — the record, the audit trail, the merge history, and the bytes (secure_delete,
then VACUUM) — while the anonymous facts the figures need stay (sector, district,
attendance). The erasure is recorded, and every later merge keeps them erased."""

from __future__ import annotations

import json
import sqlite3

from sqlalchemy import text

from consulta.domain.errors import ReadOnlyError
from consulta.i18n import _
from consulta.merge import persons
from consulta.services.unit import ChangeSet, RowChange, UnitOfWork
from consulta.services.workspace import Workspace


def clean_audit(db: sqlite3.Connection, participant_id: str) -> None:
    rows = db.execute(
        "SELECT seq, changes FROM audit_log WHERE instr(changes, ?) > 0", (participant_id,)
    ).fetchall()
    for seq, changes in rows:
        entries = json.loads(changes)
        for entry in entries if isinstance(entries, list) else []:
            if entry.get("table") == "participant" and entry.get("id") == participant_id:
                for side in ("before", "after"):
                    if isinstance(entry.get(side), dict):
                        entry[side] = persons.blank_dict(entry[side])
        db.execute(
            "UPDATE audit_log SET changes = ? WHERE seq = ?",
            (json.dumps(entries, ensure_ascii=False), seq),
        )


def erase_participant(ws: Workspace, participant_id: str) -> None:
    """Erase a participant's personal data everywhere in ``ws``; cannot be undone."""
    ws.participants.get(participant_id)  # NotFoundError if there is no such person
    if ws.readonly:
        raise ReadOnlyError(ws.path)
    stamp = ws.file.clock.tick()
    with ws.file.engine.connect() as conn:
        db = conn.connection.dbapi_connection
        assert isinstance(db, sqlite3.Connection)
        db.execute("PRAGMA secure_delete = ON")
        try:
            with conn.begin():
                unit = UnitOfWork(ws.file, conn, stamp)
                unit.unlocked = True
                unit.update("participant", participant_id, **persons.BLANK)
                conn.execute(
                    text(
                        "INSERT INTO erasure(participant_id, hlc, origin, erased_at) "
                        "VALUES (:p, :h, :o, :t) ON CONFLICT(participant_id) DO NOTHING"
                    ),
                    {"p": participant_id, "h": stamp, "o": ws.file.replica_id, "t": unit.now},
                )
                unit.changes = [RowChange("participant", participant_id, None, None)]
                unit.finish("participant.erase")
                clean_audit(db, participant_id)
                persons.erase_in_master(db, participant_id)
        finally:
            db.execute("PRAGMA secure_delete = OFF")
    vacuum(ws)
    ws.history.clear()  # the undo history holds the erased data in memory
    change = RowChange("participant", participant_id, None, None)
    ws.notify(ChangeSet("participant.erase", _("Erase participant"), (change,)))


def vacuum(ws: Workspace) -> None:
    """Rebuild the file so no freed page keeps old bytes (erased personal data)."""
    raw = ws.file.engine.raw_connection()
    try:
        raw.driver_connection.execute("VACUUM")  # type: ignore[union-attr]
    finally:
        raw.close()
