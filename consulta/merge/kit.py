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
import sqlite3
import uuid
from pathlib import Path

from consulta.domain.errors import FileError, NotFoundError
from consulta.domain.progress import Progress, step
from consulta.i18n import _
from consulta.merge import knowledge as kn
from consulta.merge.tables import now_text
from consulta.services.workspace import Workspace
from consulta.store import migrate
from consulta.store.engine import connect, sqlite_uri

_IN_DISTRICT = "session_id IN (SELECT id FROM src.session WHERE district_id = :d)"
# What the kit copies of each table (None: every row).
_KEEP: dict[str, str | None] = {
    "consultation": None,
    "district": None,
    "sector": None,
    "organisation": None,
    "guideline": None,
    "session": "district_id = :d",
    "participant": "district_id = :d OR id IN "
    f"(SELECT participant_id FROM src.attendance WHERE {_IN_DISTRICT})",
    "agenda_item": _IN_DISTRICT,
    "attendance": _IN_DISTRICT,
    "position": _IN_DISTRICT,
    "tombstone": None,
    "erasure": None,
}


def make_kit(
    master: Path | str, district: str, target: Path | str, progress: Progress | None = None
) -> Path:
    """Write the kit of ``district`` (its name) of ``master`` to ``target``."""
    target = Path(target).absolute()
    if target.exists():
        raise FileError(target, _("“{path}” already exists. Choose another name.", path=target))
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.kit")
    step(progress, 0, 3, _("Reading the master…"))
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
        with ws.read() as reading:
            db = reading.connection.dbapi_connection
            assert isinstance(db, sqlite3.Connection)
            vector = kn.knowledge(db)
            own, last = ws.file.replica_id, ws.file.clock.last
            if own and last > vector.get(own, ""):
                vector[own] = last
        try:
            kit = connect(tmp, readonly=False, create=True)
            try:
                kit.execute("PRAGMA synchronous = OFF")  # a temporary file, fsynced at the end
                migrate.upgrade(kit)
                step(progress, 1, 3, _("Copying the district's records…"))
                kit.execute("ATTACH DATABASE ? AS src", (sqlite_uri(ws.path, readonly=True),))
                kit.execute("BEGIN")
                for name, where in _KEEP.items():
                    columns = ", ".join(
                        f'"{c[1]}"' for c in kit.execute(f"PRAGMA main.table_info({name})")
                    )
                    sql = f"INSERT INTO main.{name} ({columns}) SELECT {columns} FROM src.{name}"
                    kit.execute(sql + (f" WHERE {where}" if where else ""), {"d": found.id})
                info = {
                    "replica_id": str(uuid.uuid4()),
                    "replica_path": str(target),
                    "clock": last,
                    "kit_district": found.id,
                    "kit_district_name": found.name,
                    "kit_of": own,
                    "kit_made_at": now_text(),
                }
                kit.executemany("INSERT INTO file_info(key, value) VALUES (?, ?)", info.items())
                kn.save(kit, vector)
                kit.execute("COMMIT")
                kit.execute("DETACH DATABASE src")
                step(progress, 2, 3, _("Checking the kit…"))
                problems = kit.execute("PRAGMA foreign_key_check").fetchmany(1)
                if problems:
                    raise RuntimeError(f"kit has broken references: {problems}")
            finally:
                kit.close()
            with tmp.open("rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    step(progress, 3, 3, "")
    return target
