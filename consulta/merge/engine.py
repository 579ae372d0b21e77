"""The merge itself: incoming files' versions against the master's, inside one transaction.

Rules (the full statement is in the docstring of ``consulta.merge``):

- identity is the UUID; each record is a last-writer-wins register ordered by its clock
  stamp ``(hlc, origin)`` — a total, deterministic order, so the result does not depend on
  the order files are merged in;
- a deletion is a tombstone with its own stamp: it beats versions up to its stamp, and an
  edit stamped after it brings the record back;
- a *conflict* is two different versions neither of whose files had seen the other (see
  ``knowledge``): the later one wins automatically, the other is kept in ``merge_history``
  and the user may choose per field;
- attendance and positions are also identified by their natural key; unique district
  names and guideline codes that clash are told apart by a suffix;
- records whose parent is deleted are set aside in the history and come back if it does.

``Merger`` never commits: ``plan_merge`` rolls the transaction back, ``apply_merge`` commits.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from consulta.domain.errors import UserError
from consulta.domain.progress import Progress, step
from consulta.i18n import _
from consulta.merge import knowledge as kn
from consulta.merge import persons
from consulta.merge.history import record_loss
from consulta.merge.model import (
    ConflictOutcome,
    DuplicatePair,
    FieldChange,
    FilePreview,
    Kind,
    RecordChange,
    Resolutions,
    Side,
)
from consulta.merge.tables import (
    DATA_START,
    Row,
    TableSpec,
    marks,
    now_text,
    same_content,
    specs,
    stamp,
)
from consulta.merge.tombstones import TOMB_UPSERT, merge_tombstones
from consulta.merge.untrusted import IncomingFile
from consulta.store.clock import HybridLogicalClock


class Merger:
    def __init__(
        self,
        db: sqlite3.Connection,
        replica_id: str,
        clock: HybridLogicalClock,
        *,
        detail: bool,
        resolutions: Resolutions | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.db = db
        self.replica = replica_id
        self.clock = clock
        self.detail = detail
        self.resolutions = resolutions or Resolutions()
        self.progress = progress
        self.now = now_text()
        db.execute("PRAGMA defer_foreign_keys = ON")
        self.vm = kn.knowledge(db)
        self.vi: kn.Vector = {}
        row = db.execute("SELECT id, title FROM consultation").fetchone()
        self.consultation_id, self.title = str(row[0]), str(row[1])
        self.erased = {str(r[0]) for r in db.execute("SELECT participant_id FROM erasure")}
        self.parked: dict[tuple[str, str], tuple[str, str, int]] = {
            (str(e), str(i)): (str(h), str(o), int(s))
            for e, i, h, o, s in db.execute(
                "SELECT entity, record_id, hlc, origin, seq FROM merge_history WHERE parked = 1"
            )
        }
        self.people: persons.PersonIndex | None = None
        self.file: FilePreview | None = None
        self.outcomes: list[ConflictOutcome] = []
        self.merged_pairs: list[DuplicatePair] = []
        self.max_seen = ""
        self.touched = False
        self.changed = False
        self.set_aside = 0
        self.new_erasures: list[str] = []
        self.done = 0
        self.total = 0
        self.summary: list[dict[str, Any]] = []

    # -- one incoming file -----------------------------------------------------------------

    def merge_file(self, incoming: IncomingFile, index: int) -> FilePreview:
        if incoming.consultation_id != self.consultation_id:
            raise UserError(
                _(
                    "“{file}” belongs to another consultation: “{other}” ({other_id}), not "
                    "“{title}” ({id}). Only files of the same consultation can be merged. "
                    "Nothing was changed.",
                    file=incoming.name,
                    other=incoming.title,
                    other_id=incoming.consultation_id,
                    title=self.title,
                    id=self.consultation_id,
                )
            )
        self.file = fp = FilePreview(
            index,
            incoming.source,
            incoming.sha256,
            incoming.title,
            incoming.kit_district,
            incoming.replica_id,
        )
        self.vi = kn.knowledge(incoming.conn)
        self._erasures(incoming)
        new_people: list[Row] = []
        for table in specs():
            cursor = incoming.conn.execute(table.select)
            while batch := cursor.fetchmany(1000):
                self._rows(table, batch, new_people)
                self._step(len(batch), incoming.name)
        merge_tombstones(self, incoming)
        persons.find_duplicates(self, new_people)
        kn.combine(self.vm, self.vi)
        self.summary.append(
            {"file": incoming.name, "sha256": incoming.sha256, **fp.counts.as_dict()}
        )
        return fp

    def _step(self, count: int, name: str) -> None:
        self.done += count
        step(self.progress, self.done, self.total, _("Merging “{file}”…", file=name))

    def _erasures(self, incoming: IncomingFile) -> None:
        assert self.file is not None
        for pid, hlc, origin, erased_at in incoming.conn.execute(
            "SELECT participant_id, hlc, origin, erased_at FROM erasure"
        ):
            self.file.counts.read += 1
            # The earliest erasure is the one kept, whatever order files come in.
            self.db.execute(
                "INSERT INTO erasure(participant_id, hlc, origin, erased_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(participant_id) DO UPDATE SET hlc = excluded.hlc, "
                "origin = excluded.origin, erased_at = excluded.erased_at "
                "WHERE (excluded.hlc, excluded.origin) < (hlc, origin)",
                (pid, hlc, origin, erased_at),
            )
            if pid in self.erased:
                self.file.counts.unchanged += 1
                continue
            self.file.counts.added += 1
            self.erased.add(str(pid))
            self.new_erasures.append(str(pid))
            persons.erase_in_master(self.db, str(pid))

    # -- rows ------------------------------------------------------------------------------

    def _fetch(self, table: TableSpec, ids: list[str]) -> dict[str, Row]:
        sql = f"{table.select} WHERE id IN ({marks(len(ids))})"
        return {r[0]: tuple(r) for r in self.db.execute(sql, ids)}

    def _tombs(self, entity: str, ids: list[str]) -> dict[str, tuple[str, str]]:
        sql = (
            f"SELECT id, hlc, origin FROM tombstone WHERE entity = ? AND id IN ({marks(len(ids))})"
        )
        return {r[0]: (str(r[1]), str(r[2])) for r in self.db.execute(sql, [entity, *ids])}

    def _rows(self, table: TableSpec, batch: list[Row], new_people: list[Row]) -> None:
        assert self.file is not None
        ids = [r[0] for r in batch]
        master = self._fetch(table, ids)
        missing = [i for i in ids if i not in master]
        tombs = self._tombs(table.name, missing) if missing else {}
        pending: list[Row] = []
        for raw in batch:
            row = tuple(raw)
            self.file.counts.read += 1
            if table.name == "participant" and row[0] in self.erased:
                row = persons.blank(table, row)
            if row[1] > self.max_seen:
                self.max_seen = row[1]
            mine = master.get(row[0])
            if mine is not None:
                self._versus_row(table, row, mine)
            elif self._set_aside_is_newer(table, row):
                self.file.counts.older += 1
            elif row[0] in tombs:
                self._versus_tomb(table, row, tombs[row[0]])
            else:
                pending.append(row)
        if pending:
            self._flush(table, pending, new_people)

    def _flush(self, table: TableSpec, rows: list[Row], new_people: list[Row]) -> None:
        """Insert new rows in bulk; rows whose natural key the master already has are
        merged with that record instead."""
        assert self.file is not None
        self.touched = True
        if table.unique >= 0:
            inserted = [row for row in rows if self._insert(table, row)]
        else:
            before = self.db.total_changes
            verb = "INSERT OR IGNORE" if table.nk else "INSERT"
            self.db.executemany(table.insert.replace("INSERT", verb, 1), rows)
            inserted = rows
            if self.db.total_changes - before != len(rows):
                found = self._fetch(table, [r[0] for r in rows])
                inserted = [r for r in rows if r[0] in found and found[r[0]] == r]
                for row in rows:
                    if row[0] not in found or found[row[0]] != row:
                        clash = self._by_key(table, row)
                        if clash is None:
                            raise ValueError(f"{table.name} {row[0]} cannot be stored")
                        self._key_clash(table, row, clash)
        self.file.counts.added += len(inserted)
        for row in inserted:
            self._note(table, Kind.NEW, row, None, Side.INCOMING)
        if table.name == "participant":
            new_people.extend(inserted)

    def _versus_row(self, table: TableSpec, inc: Row, mine: Row) -> None:
        assert self.file is not None
        counts = self.file.counts
        if stamp(inc) == stamp(mine):
            counts.unchanged += 1
            return
        incoming_wins = stamp(inc) > stamp(mine)
        if same_content(inc, mine):
            if incoming_wins:  # adopt the later stamp, so every copy ends up equal
                self._write(table, inc, mine)
            counts.unchanged += 1
            return
        if incoming_wins:
            conflict = not kn.knows(self.vi, *stamp(mine))
            self._write(table, inc, mine)
            if not conflict:
                counts.changed += 1
                self._note(table, Kind.CHANGED, inc, mine, Side.INCOMING)
                return
            record_loss(self.db, self._source, table, mine, "conflict", self.now)
        else:
            if kn.knows(self.vm, *stamp(inc)):
                counts.older += 1
                return
            record_loss(self.db, self._source, table, inc, "conflict", self.now)
        change = self._conflict(table, inc, mine, Side.INCOMING if incoming_wins else Side.MASTER)
        self._resolve(table, change, inc, mine)

    def _versus_tomb(self, table: TableSpec, inc: Row, tomb: tuple[str, str]) -> None:
        assert self.file is not None
        counts = self.file.counts
        if stamp(inc) > tomb:  # edited after the deletion: the edit wins
            # The tombstone stays (the latest deletion seen), so what the master holds does
            # not depend on the order files come in; a live row beats an older tombstone.
            self._insert(table, inc)
            if kn.knows(self.vi, *tomb):
                counts.added += 1
                self._note(table, Kind.NEW, inc, None, Side.INCOMING)
                return
            record_loss(self.db, self._source, table, None, "conflict", self.now, inc[0], tomb)
            change = self._conflict(table, inc, None, Side.INCOMING)
        else:
            if kn.knows(self.vm, *stamp(inc)):
                counts.older += 1
                return
            record_loss(self.db, self._source, table, inc, "conflict", self.now)
            change = self._conflict(table, inc, None, Side.MASTER)
        self._resolve(table, change, inc, None)

    def _set_aside_is_newer(self, table: TableSpec, inc: Row) -> bool:
        """A version set aside (parent deleted) is the master's version of its record: True
        if it is not older than ``inc``; else it is superseded by ``inc``."""
        parked = self.parked.get((table.name, inc[0]))
        if parked is None:
            return False
        if parked[:2] >= stamp(inc):
            return True
        self.db.execute("UPDATE merge_history SET parked = 0 WHERE seq = ?", (parked[2],))
        del self.parked[(table.name, inc[0])]
        return False

    # -- writing ---------------------------------------------------------------------------

    @property
    def _source(self) -> str:
        return self.file.name if self.file else ""

    def _write(self, table: TableSpec, row: Row, before: Row) -> None:
        self.touched = True
        if table.unique >= 0 and row[table.unique] != before[table.unique]:
            row = self._make_unique(table, row)
        if table.nk and table.key_of(row) != table.key_of(before):
            clash = self._by_key(table, row)
            if clash is not None and clash[0] != row[0]:
                self.db.execute(f"DELETE FROM {table.name} WHERE id = ?", (row[0],))
                self._key_clash(table, row, clash)
                return
        self.db.execute(table.update, table.update_args(row))

    def _insert(self, table: TableSpec, row: Row) -> bool:
        """Insert a version; False if it merged into another record with its natural key."""
        self.touched = True
        if table.nk:
            clash = self._by_key(table, row)
            if clash is not None:
                self._key_clash(table, row, clash)
                return False
        if table.unique >= 0:
            row = self._make_unique(table, row)
        self.db.execute(table.insert, row)
        return True

    def _by_key(self, table: TableSpec, row: Row) -> Row | None:
        where = " AND ".join(f"{table.cols[i]} = ?" for i in table.nk)
        found = self.db.execute(f"{table.select} WHERE {where}", table.key_of(row)).fetchone()
        return tuple(found) if found else None

    def _key_clash(self, table: TableSpec, inc: Row, mine: Row) -> None:
        """Two records with one natural key (e.g. one attendance imported twice): they are
        one record; the later version wins and the id kept is the derived one (or the
        smaller), whichever file came first."""
        from consulta.domain.model import attendance_id, position_id

        key = [str(v) for v in table.key_of(inc)]
        derived = attendance_id(*key) if table.name == "attendance" else position_id(*key)
        keep = derived if derived in (inc[0], mine[0]) else min(inc[0], mine[0])
        winner, loser = (inc, mine) if stamp(inc) > stamp(mine) else (mine, inc)
        final = (keep, *winner[1:])
        if keep == mine[0]:
            if final != mine:
                self.db.execute(table.update, table.update_args(final))
        else:
            self.db.execute(f"DELETE FROM {table.name} WHERE id = ?", (mine[0],))
            self.db.execute(table.insert, final)
        other = inc[0] if keep == mine[0] else mine[0]
        self.db.execute(TOMB_UPSERT, (table.name, other, winner[1], winner[2], winner[4]))
        if not same_content(winner, loser):
            record_loss(self.db, self._source, table, loser, "duplicate", self.now)
        assert self.file is not None
        if winner is inc and not same_content(inc, mine):
            self.file.counts.changed += 1
        else:
            self.file.counts.unchanged += 1

    def _make_unique(self, table: TableSpec, row: Row) -> Row:
        col = table.cols[table.unique]
        value = row[table.unique]
        other = self.db.execute(
            f"SELECT id FROM {table.name} WHERE {col} = ? AND id != ?", (value, row[0])
        ).fetchone()
        if other is None:
            return row
        if row[0] > other[0]:
            renamed = list(row)
            renamed[table.unique] = f"{value} ({row[0][:8]})"
            return tuple(renamed)
        self.db.execute(
            f"UPDATE {table.name} SET {col} = ? WHERE id = ?",
            (f"{value} ({other[0][:8]})", other[0]),
        )
        return row

    # -- preview items and resolutions -----------------------------------------------------

    def _fields(
        self, table: TableSpec, inc: Row | None, mine: Row | None
    ) -> tuple[FieldChange, ...]:
        out = []
        for i in range(DATA_START, len(table.cols)):
            col = table.cols[i]
            a = mine[i] if mine is not None else None
            b = inc[i] if inc is not None else None
            if a != b and col != "search_key":
                out.append(FieldChange(col, a, b))
        return tuple(out)

    def _change(
        self, table: TableSpec, kind: Kind, inc: Row | None, mine: Row | None, winner: Side
    ) -> RecordChange:
        assert self.file is not None
        some = inc if inc is not None else mine
        assert some is not None
        return RecordChange(
            file_index=self.file.index,
            entity=table.name,
            record_id=str(some[0]),
            kind=kind,
            label=table.label(some),
            fields=self._fields(table, inc, mine),
            winner=winner,
            master_deleted=mine is None,
            incoming_deleted=inc is None,
        )

    def _note(
        self, table: TableSpec, kind: Kind, inc: Row | None, mine: Row | None, winner: Side
    ) -> None:
        if self.detail and self.file is not None:
            self.file.changes.append(self._change(table, kind, inc, mine, winner))

    def _conflict(
        self, table: TableSpec, inc: Row | None, mine: Row | None, winner: Side
    ) -> RecordChange:
        assert self.file is not None
        change = self._change(table, Kind.CONFLICT, inc, mine, winner)
        self.file.counts.conflicting += 1
        self.file.conflicts.append(change)
        if self.detail:
            self.file.changes.append(change)
        return change

    def new_stamp(self) -> str:
        self.clock.observe(self.max_seen)
        return self.clock.tick()

    def _resolve(
        self, table: TableSpec, change: RecordChange, inc: Row | None, mine: Row | None
    ) -> None:
        from consulta.merge.resolve import apply_resolution

        choices = self.resolutions.for_record(change.key)
        how, final = "automatic", None
        if choices:
            how, final = apply_resolution(self, table, change, inc, mine, choices)
        self.outcomes.append(ConflictOutcome(change, how, final))
