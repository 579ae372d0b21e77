"""The end of a merge: records whose parent is gone are set aside (and come back when it
returns), erasures enforced, and the master's clock, knowledge and audit trail updated."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from consulta.merge import knowledge as kn
from consulta.merge import persons
from consulta.merge.history import record_loss
from consulta.merge.tables import spec

if TYPE_CHECKING:
    from consulta.merge.engine import Merger


PARENTS = {
    "session_id": "session",
    "participant_id": "participant",
    "sector_id": "sector",
    "guideline_id": "guideline",
    "organisation_id": "organisation",
    "district_id": "district",
}


def finish(merger: Merger, actor: str) -> None:
    if merger.touched:
        settle_orphans(merger)
    from consulta.merge.erase import clean_audit

    for participant_id in sorted(merger.erased):
        persons.erase_in_master(merger.db, participant_id)
    for participant_id in merger.new_erasures:
        clean_audit(merger.db, participant_id)
    kn.save(merger.db, merger.vm)
    merger.clock.observe(merger.max_seen)
    stamp = merger.clock.tick()
    merger.db.execute(
        "INSERT INTO file_info(key, value) VALUES ('clock', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (stamp,),
    )
    merger.db.execute(
        "INSERT INTO audit_log(at, hlc, origin, actor, action, changes) VALUES (?, ?, ?, ?, ?, ?)",
        (merger.now, stamp, merger.replica, actor, "merge", json.dumps(merger.summary)),
    )


def _foreign_keys(merger: Merger) -> dict[str, dict[int, tuple[str, bool]]]:
    found: dict[str, dict[int, tuple[str, bool]]] = {}
    for table in (
        "organisation",
        "participant",
        "session",
        "agenda_item",
        "attendance",
        "position",
    ):
        notnull = {r[1]: bool(r[3]) for r in merger.db.execute(f"PRAGMA table_info({table})")}
        found[table] = {
            int(r[0]): (str(r[3]), not notnull[r[3]])
            for r in merger.db.execute(f"PRAGMA foreign_key_list({table})")
        }
    return found


def settle_orphans(merger: Merger) -> None:
    """A record whose session/person/… is deleted is set aside in the merge history
    (an optional link is cleared instead); a set-aside record whose parent is back
    returns. Repeated until stable, so grandchildren follow."""
    fks = _foreign_keys(merger)
    db = merger.db
    for _round in range(50):
        returned = _unpark(merger, fks)
        broken = db.execute("PRAGMA foreign_key_check").fetchall()
        for table_name, rowid, _parent, fkid in broken:
            column, optional = fks[table_name][fkid]
            if optional:
                db.execute(f"UPDATE {table_name} SET {column} = NULL WHERE rowid = ?", (rowid,))
                continue
            table = spec(table_name)
            row = db.execute(f"{table.select} WHERE rowid = ?", (rowid,)).fetchone()
            if row is None:
                continue
            seq = record_loss(db, "", table, tuple(row), "orphan", merger.now, parked=True)
            db.execute(f"DELETE FROM {table_name} WHERE rowid = ?", (rowid,))
            merger.parked[(table_name, str(row[0]))] = (str(row[1]), str(row[2]), seq)
            merger.set_aside += 1
        if not broken and not returned:
            return


def _unpark(merger: Merger, fks: dict[str, dict[int, tuple[str, bool]]]) -> bool:
    db = merger.db
    returned = False
    for (entity, record_id), (hlc, origin, seq) in sorted(merger.parked.items()):
        table = spec(entity)
        loaded = db.execute("SELECT data FROM merge_history WHERE seq = ?", (seq,)).fetchone()
        data = json.loads(loaded[0]) if loaded else None
        if data is None:
            continue
        row = table.from_dict(data)
        ready = True
        for column, optional in fks.get(entity, {}).values():
            value = data.get(column)
            parent_table = PARENTS[column]
            query = f"SELECT 1 FROM {parent_table} WHERE id = ?"
            if value is not None and not optional and not db.execute(query, (value,)).fetchone():
                ready = False
        lost = db.execute(f"SELECT 1 FROM {entity} WHERE id = ?", (record_id,)).fetchone()
        tomb = db.execute(
            "SELECT hlc, origin FROM tombstone WHERE entity = ? AND id = ?", (entity, record_id)
        ).fetchone()
        if lost is not None or (tomb is not None and (str(tomb[0]), str(tomb[1])) >= (hlc, origin)):
            db.execute("UPDATE merge_history SET parked = 0 WHERE seq = ?", (seq,))
            del merger.parked[(entity, record_id)]
            continue
        if table.nk:
            where = " AND ".join(f"{table.cols[i]} = ?" for i in table.nk)
            if db.execute(f"SELECT 1 FROM {entity} WHERE {where}", table.key_of(row)).fetchone():
                ready = False
        if ready:
            db.execute(table.insert, row)
            db.execute(
                "UPDATE merge_history SET parked = 0, restored_at = ? WHERE seq = ?",
                (merger.now, seq),
            )
            del merger.parked[(entity, record_id)]
            merger.set_aside -= 1
            returned = True
    return returned
