"""District kits: a file of the same consultation holding one district's people and
sessions, for a facilitator's laptop, that merges back into the master.

The kit keeps the consultation, its settings, sectors, districts, organisations and
guidelines; the district's sessions (with agenda, attendance, positions) and the
district's participants plus whoever attended its sessions. Other districts' personal
data, the audit trail and the merge history are left out (and VACUUMed away). It gets a
new file-copy id, is marked as the district's kit in ``file_info``, and carries what the
master knew (``replica_clock``) so that a later merge tells edits from conflicts.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from consulta.domain.errors import FileError, NotFoundError
from consulta.domain.progress import Progress, step
from consulta.i18n import _
from consulta.merge import knowledge as kn
from consulta.merge.tables import now_text
from consulta.services.workspace import Workspace
from consulta.store.engine import connect

_PRUNE = (
    "DELETE FROM position WHERE session_id NOT IN (SELECT id FROM session WHERE district_id = :d)",
    "DELETE FROM attendance WHERE session_id NOT IN "
    "(SELECT id FROM session WHERE district_id = :d)",
    "DELETE FROM agenda_item WHERE session_id NOT IN "
    "(SELECT id FROM session WHERE district_id = :d)",
    "DELETE FROM session WHERE district_id IS NULL OR district_id != :d",
    "DELETE FROM participant WHERE (district_id IS NULL OR district_id != :d) "
    "AND id NOT IN (SELECT participant_id FROM attendance)",
    "DELETE FROM audit_log",
    "DELETE FROM merge_history",
    "DELETE FROM file_info",
)


def make_kit(
    master: Path | str, district: str, target: Path | str, progress: Progress | None = None
) -> Path:
    """Write the kit of ``district`` (its name) of ``master`` to ``target``."""
    target = Path(target).absolute()
    if target.exists():
        raise FileError(target, _("“{path}” already exists. Choose another name.", path=target))
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.kit")
    step(progress, 0, 3, _("Copying the master…"))
    with Workspace.open(master, readonly=True) as ws:
        found = ws.districts.by_name(district)
        if found is None:
            names = ", ".join(d.name for d in ws.districts.list()) or _("none")
            raise NotFoundError(
                _(
                    "The consultation has no district “{name}”. Its districts are: {names}.",
                    name=district,
                    names=names,
                )
            )
        with ws.read() as conn:
            db = conn.connection.dbapi_connection
            vector = kn.knowledge(db)  # type: ignore[arg-type]
        own, last = ws.file.replica_id, ws.file.clock.last
        if own and last > vector.get(own, ""):
            vector[own] = last
        ws.file.save_copy(tmp)
    try:
        step(progress, 1, 3, _("Keeping the district's records…"))
        conn = connect(tmp, readonly=False)
        try:
            conn.execute("BEGIN")
            for sql in _PRUNE:
                conn.execute(sql, {"d": found.id})
            info = {
                "replica_id": str(uuid.uuid4()),
                "replica_path": str(target),
                "clock": last,
                "kit_district": found.id,
                "kit_district_name": found.name,
                "kit_of": own,
                "kit_made_at": now_text(),
            }
            conn.executemany("INSERT INTO file_info(key, value) VALUES (?, ?)", info.items())
            kn.save(conn, vector)
            conn.execute("COMMIT")
            step(progress, 2, 3, _("Compacting…"))
            conn.execute("VACUUM")
        finally:
            conn.close()
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    step(progress, 3, 3, "")
    return target
