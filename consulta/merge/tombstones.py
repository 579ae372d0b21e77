"""Incoming deletions (tombstones) against the master: a tombstone beats the versions
stamped up to it; the latest tombstone of a record is always kept."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from consulta.merge import knowledge as kn
from consulta.merge.history import record_loss
from consulta.merge.model import Kind, Side
from consulta.merge.tables import TableSpec, chunks, spec, specs, stamp
from consulta.merge.untrusted import IncomingFile

if TYPE_CHECKING:
    from consulta.merge.engine import Merger

TOMB_UPSERT = (
    "INSERT INTO tombstone(entity, id, hlc, origin, deleted_at) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT(entity, id) DO UPDATE SET hlc = excluded.hlc, origin = excluded.origin, "
    "deleted_at = excluded.deleted_at WHERE (excluded.hlc, excluded.origin) > (hlc, origin)"
)


def merge_tombstones(self: Merger, incoming: IncomingFile) -> None:
    """The incoming file's deletions against the master's records and tombstones."""
    assert self.file is not None
    names = {t.name for t in specs()}
    cursor = incoming.conn.execute(
        "SELECT entity, id, hlc, origin, deleted_at FROM tombstone ORDER BY entity"
    )
    while batch := cursor.fetchmany(1000):
        by_entity: dict[str, list[tuple[Any, ...]]] = {}
        for t in batch:
            by_entity.setdefault(str(t[0]), []).append(tuple(t))
        for entity, tombs in by_entity.items():
            if entity not in names:
                continue
            for part in chunks(tombs):
                _tomb_batch(self, spec(entity), list(part))
        self._step(len(batch), incoming.name)


def _tomb_batch(self: Merger, table: TableSpec, tombs: list[tuple[Any, ...]]) -> None:
    assert self.file is not None
    counts = self.file.counts
    ids = [t[1] for t in tombs]
    master = self._fetch(table, ids)
    mine_tombs = self._tombs(table.name, ids)
    for _entity, rid, hlc, origin, deleted_at in tombs:
        counts.read += 1
        tomb = (str(hlc), str(origin))
        if hlc > self.max_seen:
            self.max_seen = hlc
        mine = master.get(rid)
        if mine is None:
            if mine_tombs.get(rid, ("", "")) < tomb:
                self.db.execute(TOMB_UPSERT, (table.name, rid, hlc, origin, deleted_at))
                parked = self.parked.pop((table.name, rid), None)
                if parked is not None and parked[:2] <= tomb:
                    self.db.execute(
                        "UPDATE merge_history SET parked = 0 WHERE seq = ?", (parked[2],)
                    )
                elif parked is not None:
                    self.parked[(table.name, rid)] = parked
            counts.unchanged += 1
            continue
        if tomb >= stamp(mine):
            known = kn.knows(self.vi, *stamp(mine))
            record_loss(
                self.db, self._source, table, mine, "deleted" if known else "conflict", self.now
            )
            self.db.execute(f"DELETE FROM {table.name} WHERE id = ?", (rid,))
            self.db.execute(TOMB_UPSERT, (table.name, rid, hlc, origin, deleted_at))
            self.touched = True
            if known:
                counts.deleted += 1
                self._note(table, Kind.DELETED, None, mine, Side.INCOMING)
                continue
            change = self._conflict(table, None, mine, Side.INCOMING)
        else:
            # The row was edited after this deletion and stays; the tombstone is kept
            # all the same (the latest deletion seen, whatever the order of files).
            self.db.execute(TOMB_UPSERT, (table.name, rid, hlc, origin, deleted_at))
            if kn.knows(self.vm, *tomb):
                counts.older += 1
                continue
            record_loss(self.db, self._source, table, None, "conflict", self.now, rid, tomb)
            change = self._conflict(table, None, mine, Side.MASTER)
        self._resolve(table, change, None, mine)
